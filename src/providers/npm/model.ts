/** Wire shapes of the npm registry endpoints we read (only the fields we use). */

export interface WhoamiResponse {
  username?: string;
}

/** One entry of `GET /-/npm/v1/tokens`: classic tokens carry readonly/automation, granular ones permissions/scopes. */
export interface TokenRecord {
  key?: string;
  token?: string;
  name?: string;
  readonly?: boolean;
  automation?: boolean;
  cidr_whitelist?: string[] | null;
  cidr?: string[] | null;
  bypass_2fa?: boolean;
  expiry?: string | null;
  permissions?: { name?: string; action?: string }[];
  scopes?: { type?: string; name?: string }[];
  created?: string;
}

export interface TokenListPage {
  objects?: TokenRecord[];
  total?: number;
  urls?: { next?: string };
}

export interface ProfileResponse {
  name?: string;
  tfa?: false | null | { pending?: boolean; mode?: string };
}

/** `GET /-/user/<name>/package`: package name → `read` or `write`. */
export type PackageAccessMap = Record<string, string>;

export interface SearchResponse {
  objects?: { package?: { name?: string } }[];
  total?: number;
}
