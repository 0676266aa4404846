// The read-only guard every HTTP provider call passes before anything is sent. REST reads are GET
// or HEAD. The one POST allowed is a GraphQL query, whose reads are documented as POST-only:
// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/#sec-POST) sends
// `{"query": …}` as a POST body, and only a `mutation` changes state
// (https://spec.graphql.org/October2021/#sec-Language.Operations); a `subscription` opens a stream.

/** A request blastradius refuses to send because it could change something. Thrown before any byte leaves. */
export class ReadOnlyViolation extends Error {
  override name = 'ReadOnlyViolation';
}

/**
 * Throws unless the request is a GET/HEAD, or a POST to a GraphQL endpoint whose body holds only
 * queries. (A REST endpoint would read a `{"query": …}` body as its own fields, so the exception is
 * never inferred from the body alone: the endpoint is GraphQL when the caller says so, or when its
 * path has a `graphql` segment, as at Railway, Fly.io and GitHub.)
 */
export function assertReadOnlyRequest(method: string, body: string | undefined, graphql = false): void {
  const verb = method.toUpperCase();
  if (verb === 'GET' || verb === 'HEAD') return;
  if (verb !== 'POST' || !graphql)
    throw new ReadOnlyViolation(
      `refused to send ${verb}: blastradius only reads${verb === 'POST' ? ' (a POST goes only to a GraphQL endpoint, with a query)' : ''}`,
    );
  let payload: unknown;
  try {
    payload = JSON.parse(body ?? '');
  } catch {
    throw new ReadOnlyViolation('refused to send POST: only a GraphQL query may be posted, and the body is not JSON');
  }
  const query = (payload as { query?: unknown } | null)?.query;
  if (Array.isArray(payload) || typeof query !== 'string')
    throw new ReadOnlyViolation('refused to send POST: only a GraphQL query may be posted, and the body has no "query" document');
  assertQueryOnly(query);
}

export interface GraphQLOperation {
  type: 'query' | 'mutation' | 'subscription';
  name?: string;
}

/**
 * Parses a GraphQL document far enough to list its operations, and throws unless every one is a
 * `query` (fragments may sit next to them). A document that does not parse is refused too.
 */
export function assertQueryOnly(document: string): GraphQLOperation[] {
  let operations: GraphQLOperation[];
  try {
    operations = operationsOf(document);
  } catch (error) {
    throw new ReadOnlyViolation(`refusing to send a GraphQL document that is not a read-only query: ${(error as Error).message}`);
  }
  const writes = operations.filter((o) => o.type !== 'query');
  if (writes.length > 0) {
    throw new ReadOnlyViolation(
      `refusing to send a GraphQL document that is not a read-only query: it holds a ${writes.map((o) => `${o.type}${o.name ? ` ${o.name}` : ''}`).join(', ')}`,
    );
  }
  if (operations.length === 0) throw new ReadOnlyViolation('refusing to send a GraphQL document that is not a read-only query: it holds no operation');
  return operations;
}

const OPENERS: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription']);

/** The top-level definitions of an executable document (spec §2.2, §2.3, §2.8). */
function operationsOf(document: string): GraphQLOperation[] {
  const tokens = lex(document);
  const operations: GraphQLOperation[] = [];
  let i = 0;
  while (i < tokens.length) {
    const start = tokens[i];
    let current: GraphQLOperation | undefined;
    if (start === '{') current = { type: 'query' };
    else if (OPERATION_TYPES.has(start)) {
      current = { type: start as GraphQLOperation['type'] };
      if (isName(tokens[i + 1])) current.name = tokens[i + 1];
    } else if (start !== 'fragment') throw new Error(`"${start.slice(0, 20)}" does not start an operation or a fragment`);
    if (current) operations.push(current);
    i = endOfDefinition(tokens, i);
  }
  return operations;
}

/** Index after the selection set that closes the definition starting at `start`. */
function endOfDefinition(tokens: string[], start: number): number {
  const stack: string[] = [];
  for (let i = start; i < tokens.length; i++) {
    const token = tokens[i];
    // Before its selection set a definition holds only its name, variables and directives: another keyword there means the first one had no body.
    if (stack.length === 0 && i > start + 1 && (OPERATION_TYPES.has(token) || token === 'fragment')) throw new Error(`"${tokens[start]}" has no selection set`);
    if (OPENERS[token]) stack.push(OPENERS[token]);
    else if (token === '}' || token === ')' || token === ']') {
      if (stack.pop() !== token) throw new Error(`unbalanced "${token}"`);
      if (stack.length === 0 && token === '}') return i + 1;
    }
  }
  throw new Error('a definition has no closed selection set');
}

function isName(token: string | undefined): token is string {
  return token !== undefined && /^[_A-Za-z][_0-9A-Za-z]*$/.test(token);
}

/** Punctuators, names and values; ignored tokens (whitespace, commas, comments) dropped; strings kept as one token. */
function lex(source: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/[\s,\ufeff]/.test(c)) i++;
    else if (c === '#') while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    else if (source.startsWith('"""', i)) {
      const end = blockStringEnd(source, i + 3);
      tokens.push('"""');
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== '"') {
        if (source[j] === '\n' || source[j] === '\r') throw new Error('unterminated string');
        j += source[j] === '\\' ? 2 : 1;
      }
      if (j >= source.length) throw new Error('unterminated string');
      tokens.push('"');
      i = j + 1;
    } else if (source.startsWith('...', i)) {
      tokens.push('...');
      i += 3;
    } else if ('!$&()[]{}:=@|'.includes(c)) {
      tokens.push(c);
      i++;
    } else {
      const word = /^(?:[_A-Za-z][_0-9A-Za-z]*|-?\d[\w.+-]*)/.exec(source.slice(i, i + 200))?.[0];
      if (!word) throw new Error(`unexpected character "${c}"`);
      tokens.push(word);
      i += word.length;
    }
  }
  return tokens;
}

function blockStringEnd(source: string, from: number): number {
  for (let j = from; j < source.length; j++) {
    if (source.startsWith('\\"""', j)) j += 3;
    else if (source.startsWith('"""', j)) return j + 3;
  }
  throw new Error('unterminated block string');
}
