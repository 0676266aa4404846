// The Render documentation pages each verdict of this provider relies on.

/** "An API key provides access to all workspaces you belong to." */
export const AUTHENTICATION = 'https://api-docs.render.com/reference/authentication';
// API operations, by their operationId in the OpenAPI description behind https://api-docs.render.com:
/** deletePostgres: "This operation is irreversible, and all data in the instance will be lost." */
export const DELETE_POSTGRES = 'https://api-docs.render.com (operation deletePostgres)';
export const DELETE_DISK = 'https://api-docs.render.com (operation deleteDisk)';
/** restoreSnapshot: "irreversible and will overwrite the current disk data". */
export const RESTORE_SNAPSHOT = 'https://api-docs.render.com (operation restoreSnapshot)';
export const DELETE_SERVICE = 'https://api-docs.render.com (operation deleteService)';
/** Point-in-time recovery (paid instances; 3 or 7 days by workspace plan) and logical exports. */
export const POSTGRES_BACKUPS = 'https://render.com/docs/postgresql-backups';
/** Persistent disks: an automatic snapshot every 24 hours, kept at least seven days. */
export const DISKS = 'https://render.com/docs/disks';
/** Workspace roles (Admin, Developer, …) and protected environments (only Admins act destructively there). */
export const ROLES = 'https://render.com/docs/team-members#member-roles';
export const PROTECTED_ENVIRONMENTS = 'https://render.com/docs/projects#protected-access';
