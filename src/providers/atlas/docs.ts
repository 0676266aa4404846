// The MongoDB Atlas documentation pages each verdict of this provider relies on.

/** "Terminating a cluster also deletes any backup snapshots for that cluster"; "Keep existing snapshots after termination" is an option of the terminate call. */
export const TERMINATE = 'https://www.mongodb.com/docs/atlas/pause-terminate-cluster/#terminate-a-cloud-deployment';
/** deleteCluster: "The cluster must have termination protection disabled"; `retainBackups` query flag; Project Owner role. */
export const DELETE_CLUSTER_API = 'https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/operation/operation-deletecluster';
/** updateCluster: "To update a cluster's termination protection, the requesting Service Account or API Key must have the Project Owner role." */
export const UPDATE_CLUSTER_API = 'https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/operation/operation-updatecluster';
/** Backup Compliance Policy: no user, regardless of role, can delete a snapshot, decrease retention, disable Cloud Backup; terminated clusters keep their snapshots. */
export const COMPLIANCE = 'https://www.mongodb.com/docs/atlas/backup/cloud-backup/backup-compliance-policy/';
/** "To take or delete a backup snapshot, you must have Project Owner access to the project." */
export const SNAPSHOT_MANAGEMENT = 'https://www.mongodb.com/docs/atlas/backup/cloud-backup/snapshot-management/';
/** updateBackupSchedule: `deleteSnapshots` deletes the snapshots of removed policy items; `updateSnapshots` applies shorter retention to existing ones. */
export const UPDATE_SCHEDULE_API = 'https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/operation/operation-updatebackupschedule';
/** Continuous Cloud Backup: disabling it deletes the existing oplog (point-in-time) history. */
export const CONTINUOUS_BACKUP = 'https://www.mongodb.com/docs/atlas/backup/cloud-backup/dedicated-cluster-backup/#continuous-cloud-backups';
/** "When you perform a cluster-level restore, Atlas deletes all existing data on the target cluster before the restore." */
export const RESTORE = 'https://www.mongodb.com/docs/atlas/backup/cloud-backup/restore-from-snapshot/#procedure';
/** Organization and project roles (ORG_OWNER has Project Owner access to every project; GROUP_BACKUP_MANAGER manages backups and restores…). */
export const ROLES = 'https://www.mongodb.com/docs/atlas/reference/user-roles/';
/** Service accounts: client id + secret exchanged for a one-hour access token with POST /api/oauth/token. */
export const SERVICE_ACCOUNT_TOKEN = 'https://www.mongodb.com/docs/atlas/api/service-accounts/generate-oauth2-token/';
