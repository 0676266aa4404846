// The Heroku documentation pages each verdict of this provider relies on.

/** OAuth: scopes (global, identity, read, write, read-protected, write-protected) and the `HRKU-` token prefix. */
export const OAUTH = 'https://devcenter.heroku.com/articles/oauth';
/** Platform API reference: the endpoints read (account, oauth-authorization list, apps, add-ons), app delete, add-on delete, error responses. */
export const PLATFORM_API = 'https://devcenter.heroku.com/articles/platform-api-reference';
export const APP_DELETE = 'https://devcenter.heroku.com/articles/platform-api-reference#app-delete';
export const ADDON_DELETE = 'https://devcenter.heroku.com/articles/platform-api-reference#add-on-delete';
/** PGBackups: logical backups (`heroku pg:backups:delete` deletes one); Continuous Protection on Standard tier or higher. */
export const PG_BACKUPS = 'https://devcenter.heroku.com/articles/heroku-postgres-backups';
/** Continuous Protection: physical backups (snapshots, base backups, WAL) kept in S3. */
export const CONTINUOUS_PROTECTION = 'https://devcenter.heroku.com/articles/heroku-postgres-data-safety-and-continuous-protection';
/** Team app permissions (view, deploy, operate, manage): who may delete a team app or manage its add-ons. */
export const APP_PERMISSIONS = 'https://devcenter.heroku.com/articles/app-permissions';
