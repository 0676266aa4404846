import { errorMessage } from '../../core/errors.js';
import type { ProviderContext } from '../types.js';
import { readContents, readDatabases, readMemberships, readServer } from './catalog.js';
import type { Facts, Membership, ServerFacts } from './model.js';
import { withReadOnlySession, type ConnectFailure } from './session.js';
import { type PostgresTarget, serverWildcard } from './url.js';

/** Other databases visited with the same credentials, at most. */
export const MAX_OTHER_DATABASES = 20;
/** Roles usable only after SET ROLE that are evaluated per table, at most. */
const MAX_EXTRA_ROLES = 10;
// If the URL's own database is gone, the credentials may still be good: ask a database every cluster has.
const FALLBACK_DATABASES = ['postgres', 'template1'];

/**
 * The ordered role set for "via" columns: this role first (its inherited privileges included),
 * then roles it can only use after SET ROLE or after granting them to itself (ADMIN OPTION).
 */
export function roleSet(server: ServerFacts, memberships: Membership[]): string[] {
  const extra = memberships.filter((m) => !m.usage && (m.canSet || m.admin)).slice(0, MAX_EXTRA_ROLES);
  return [server.roleOid, ...extra.map((m) => m.oid)];
}

type MainFacts = Omit<Facts, 'unexplored'>;

const POOLER_NOTE = 'the server (likely a connection pooler) refused our startup parameters: sessions relied on BEGIN READ ONLY and SET LOCAL timeouts alone';

async function readMain(target: PostgresTarget, database: string, ctx: ProviderContext, secrets: readonly string[]) {
  return withReadOnlySession(target, database, ctx, secrets, async (session): Promise<MainFacts> => {
    const server = await readServer(session);
    const gaps: Facts['gaps'] = [];
    const notes = session.withoutStartupOptions ? [POOLER_NOTE] : [];
    // A superuser is a member of every role: listing them says nothing more.
    const { memberships, error: membershipError } = server.superuser ? { memberships: [] } : await readMemberships(session, server.versionNum);
    // A membership can carry anything up to SUPERUSER (SET ROLE), on the whole server.
    if (membershipError)
      gaps.push({
        what: `role memberships of ${server.role}`,
        reason: membershipError,
        upTo: 'admin',
        resources: [serverWildcard(target)],
        settle: 'SELECT … FROM pg_auth_members (refused above)',
      });
    const roles = roleSet(server, memberships);
    const listed = await readDatabases(session, roles);
    // A database the role owns, not listed, could be dropped.
    if (listed.error)
      gaps.push({
        what: `databases on ${target.server}`,
        reason: listed.error,
        upTo: 'destroy',
        resources: [serverWildcard(target)],
        settle: 'SELECT … FROM pg_database (refused above)',
      });
    const contents = server.superuser ? [] : [await readContents(session, server.database, roles)];
    return { server, memberships, databases: listed.databases, contents, gaps, notes: [...notes, ...listed.notes] };
  });
}

/** What exploring a server can come to: facts, a refused connection, or accepted credentials whose catalogs could not be read. */
export type Exploration = { ok: true; facts: Facts } | { ok: false; failure: ConnectFailure } | { ok: 'authenticated'; reason: string };

async function readMainSafely(target: PostgresTarget, database: string, ctx: ProviderContext, secrets: readonly string[]) {
  try {
    return await readMain(target, database, ctx, secrets);
  } catch (error) {
    // withReadOnlySession throws only after the server accepted the credentials.
    return { ok: 'authenticated' as const, reason: errorMessage(error) };
  }
}

/**
 * Reads the role, its memberships and the databases over one read-only session to the URL's
 * database, then (not for superusers, who can do everything anyway) visits up to
 * MAX_OTHER_DATABASES other databases it may connect to, one connection at a time, within a time budget.
 */
export async function exploreServer(target: PostgresTarget, ctx: ProviderContext, secrets: readonly string[]): Promise<Exploration> {
  const started = Date.now();
  let main = await readMainSafely(target, target.database, ctx, secrets);
  const notes: string[] = [];
  if (main.ok === false && main.failure.kind === 'no-database') {
    const missing = main.failure;
    for (const fallback of FALLBACK_DATABASES.filter((name) => name !== target.database)) {
      main = await readMainSafely(target, fallback, ctx, secrets);
      if (main.ok !== false || main.failure.kind !== 'no-database') break;
    }
    if (main.ok === false) return { ok: false, failure: main.failure.kind === 'no-database' ? { kind: 'error', detail: missing.detail } : main.failure };
    if (main.ok === true) notes.push(`${missing.detail}; the credentials were checked against database ${main.value.server.database} instead`);
  }
  if (main.ok !== true) return main;

  const facts: Facts = { ...main.value, notes: [...notes, ...main.value.notes], unexplored: [] };
  if (facts.server.superuser) return { ok: true, facts };

  const roles = roleSet(facts.server, facts.memberships);
  const candidates = facts.databases.filter((d) => !d.isTemplate && d.allowConnections && d.canConnect && d.name !== facts.server.database);
  const budgetMs = Math.max(ctx.timeoutMs * 3, 5000);
  for (const [index, database] of candidates.entries()) {
    if (index >= MAX_OTHER_DATABASES) {
      facts.unexplored.push({ database: database.name, reason: `only ${MAX_OTHER_DATABASES} other databases are visited per token` });
      continue;
    }
    if (Date.now() - started > budgetMs) {
      facts.unexplored.push({ database: database.name, reason: `time budget of ${budgetMs} ms spent on other databases` });
      continue;
    }
    try {
      const visit = await withReadOnlySession(target, database.name, ctx, secrets, (session) => readContents(session, database.name, roles));
      if (visit.ok) facts.contents.push(visit.value);
      else facts.unexplored.push({ database: database.name, reason: `could not connect: ${visit.failure.detail}` });
    } catch (error) {
      facts.unexplored.push({ database: database.name, reason: errorMessage(error) });
    }
  }
  return { ok: true, facts };
}
