/** OpenAI key kinds by prefix: https://platform.openai.com/docs/api-reference/authentication */
export type OpenAIKeyKind = 'admin-key' | 'project-key' | 'service-account-key' | 'user-key';

export function keyKind(secret: string): OpenAIKeyKind {
  if (secret.startsWith('sk-admin-')) return 'admin-key';
  if (secret.startsWith('sk-proj-')) return 'project-key';
  if (secret.startsWith('sk-svcacct-')) return 'service-account-key';
  return 'user-key';
}

/** The `{object: "list", data: [...]}` envelope of OpenAI list endpoints. */
export interface ListBody<T> {
  object?: string;
  data?: T[];
  has_more?: boolean;
}

export interface ProjectObject {
  id: string;
  object?: string;
  name?: string;
  status?: string;
  archived_at?: number | null;
}

/** Where a key's verdict came from and how to name it in the report. */
export interface KeyContext {
  kind: OpenAIKeyKind;
  redacted: string;
  endpoint?: string;
}
