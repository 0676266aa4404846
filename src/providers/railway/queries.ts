// Every document here is a `query`; client.ts refuses to send anything else.
// Field names follow Railway's published schema (railwayapp/cli src/gql/schema.json) and the
// examples in https://docs.railway.com/integrations/api.

/**
 * Answers for account tokens (Railway docs: "cannot be used with a workspace or project token") and
 * for OAuth access tokens, which see only the workspaces the user shared with the app:
 * https://docs.railway.com/integrations/oauth/fetching-workspaces-or-projects
 */
export const ME = `query Me {
  me { id name email workspaces { id name } }
}`;

/** Workspaces the current API token may operate on; answers for account and workspace tokens. */
export const API_TOKEN = `query ApiToken {
  apiToken { workspaces { id name } }
}`;

/** Only answers when the token is sent in the Project-Access-Token header. */
export const PROJECT_TOKEN = `query ProjectToken {
  projectToken { projectId environmentId project { id name } environment { id name } }
}`;

export const PROJECTS = `query Projects($workspaceId: String, $first: Int!, $after: String) {
  projects(workspaceId: $workspaceId, first: $first, after: $after) {
    edges { node { id name } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * Projects the user was invited to outside their own workspaces: an account token reaches them too.
 * (For an OAuth token: the projects the user shared with a project:* scope.)
 */
export const EXTERNAL_WORKSPACES = `query ExternalWorkspaces {
  externalWorkspaces { id name projects { id name } }
}`;

export const PROJECT = `query Project($id: String!) {
  project(id: $id) {
    id
    name
    environments(first: 50) {
      edges { node { id name serviceInstances(first: 100) { edges { node { serviceId } } pageInfo { hasNextPage } } } }
      pageInfo { hasNextPage endCursor }
    }
    services(first: 100) {
      edges { node { id name } }
      pageInfo { hasNextPage endCursor }
    }
    volumes(first: 50) {
      edges {
        node {
          id
          name
          volumeInstances(first: 50) {
            edges { node { id environmentId serviceId mountPath sizeMB currentSizeMB state isPendingDeletion } }
            pageInfo { hasNextPage }
          }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** Backups and backup schedules of one volume instance, in one round trip. */
export const VOLUME_INSTANCE_BACKUPS = `query VolumeInstanceBackups($volumeInstanceId: String!) {
  volumeInstanceBackupList(volumeInstanceId: $volumeInstanceId) { id name createdAt expiresAt scheduleId }
  volumeInstanceBackupScheduleList(volumeInstanceId: $volumeInstanceId) { id kind cron retentionSeconds }
}`;

/**
 * The members of a workspace with their roles (TeamRole: ADMIN, MEMBER, VIEWER in the public
 * schema, railwayapp/cli src/gql/schema.json: Workspace.members [WorkspaceMember!]!). The user's own
 * role decides what an account token may do there: https://docs.railway.com/projects/workspaces#inviting-members
 */
export const WORKSPACE_MEMBERS = `query WorkspaceMembers($workspaceId: String!) {
  workspace(workspaceId: $workspaceId) { id name members { id email role } }
}`;

/**
 * The members of one project with their roles (ProjectRole: ADMIN, MEMBER, VIEWER; Query.projectMembers
 * in the public schema). Railway's docs call them Owner, Editor and Viewer:
 * https://docs.railway.com/projects/project-members#scope-of-permissions
 */
export const PROJECT_MEMBERS = `query ProjectMembers($projectId: String!) {
  projectMembers(projectId: $projectId) { id email role }
}`;

export const ALL_QUERIES = [
  ME,
  API_TOKEN,
  PROJECT_TOKEN,
  PROJECTS,
  EXTERNAL_WORKSPACES,
  PROJECT,
  VOLUME_INSTANCE_BACKUPS,
  WORKSPACE_MEMBERS,
  PROJECT_MEMBERS,
] as const;
