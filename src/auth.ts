import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * API keys. Reads are public; writes need a key with the right scope. Keys are configured as
 * sha256 hashes (NEWSGRAPH_API_KEYS), so the environment never holds a usable secret:
 *
 *   key=$(openssl rand -base64 32)                 # give this to the client
 *   printf %s "$key" | sha256sum | cut -d' ' -f1   # put this in NEWSGRAPH_API_KEYS
 *   NEWSGRAPH_API_KEYS="alice:<hash>:curate,ingest-bot:<hash>:curate"
 *
 * Clients send the key as `authorization: Bearer <key>` or `x-api-key: <key>`.
 */

/**
 * Every scope a key can hold: `curate` corrects the graph and may ingest; `ingest` may only ingest;
 * `export` may download the bulk export (GET /export/*.ndjson).
 */
export const SCOPES = ['curate', 'ingest', 'export'] as const;
export type Scope = (typeof SCOPES)[number];

export interface ApiKey {
  /** A label for logs; never the key itself. */
  name: string;
  /** sha256 of the key, 32 bytes. */
  hash: Buffer;
  scopes: ReadonlySet<Scope>;
}

/** What the request proved about itself. `invalid` means a key was sent that matches no configured key. */
export type Auth =
  | { status: 'anonymous'; keyName: null; scopes: ReadonlySet<Scope> }
  | { status: 'invalid'; keyName: null; scopes: ReadonlySet<Scope> }
  | { status: 'authenticated'; keyName: string; scopes: ReadonlySet<Scope> };

const NO_SCOPES: ReadonlySet<Scope> = new Set();
export const ANONYMOUS: Auth = { status: 'anonymous', keyName: null, scopes: NO_SCOPES };
const INVALID: Auth = { status: 'invalid', keyName: null, scopes: NO_SCOPES };

const ENTRY = /^([A-Za-z0-9._-]{1,64}):([0-9a-fA-F]{64}):([a-z+]*)$/;

/**
 * Parses `name:sha256hex:scope+scope` entries separated by commas (or whitespace). Returns the
 * keys or a list of problems; the problems never echo a hash.
 */
export function parseApiKeys(value: string | undefined): { keys: ApiKey[]; problems: string[] } {
  const keys: ApiKey[] = [];
  const problems: string[] = [];
  const entries = (value ?? '').split(/[\s,]+/).filter(Boolean);
  entries.forEach((entry, i) => {
    const match = ENTRY.exec(entry);
    if (!match) {
      problems.push(`entry ${i + 1} is not "name:<64 hex digits of sha256>:scope[+scope]"`);
      return;
    }
    const [, name, hex, scopeList] = match as unknown as [string, string, string, string];
    const scopes = scopeList.split('+').filter(Boolean);
    const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (unknown.length)
      problems.push(`entry ${i + 1} (${name}) has unknown scope(s) ${unknown.join(', ')}; known: ${SCOPES.join(', ')}`);
    if (keys.some((k) => k.name === name)) problems.push(`entry ${i + 1}: the name ${name} is used twice`);
    keys.push({ name, hash: Buffer.from(hex.toLowerCase(), 'hex'), scopes: new Set(scopes as Scope[]) });
  });
  return { keys, problems };
}

export const hashApiKey = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/** The key a request presents: `authorization: Bearer <key>` first, else `x-api-key`. */
export function presentedKey(headers: Headers): string | null {
  const authorization = headers.get('authorization');
  if (authorization) {
    const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(authorization);
    // A malformed authorization header is a wrong key, not a missing one.
    return match ? match[1]! : authorization;
  }
  const apiKey = headers.get('x-api-key');
  return apiKey ? apiKey.trim() : null;
}

/**
 * Matches a presented key against the configured hashes in constant time: every configured hash is
 * compared (no early exit) with timingSafeEqual on equal-length digests.
 */
export function authenticate(headers: Headers, keys: readonly ApiKey[]): Auth {
  const key = presentedKey(headers);
  if (key === null) return ANONYMOUS;
  const digest = hashApiKey(key);
  let found: ApiKey | null = null;
  for (const candidate of keys) {
    if (timingSafeEqual(candidate.hash, digest) && !found) found = candidate;
  }
  return found ? { status: 'authenticated', keyName: found.name, scopes: found.scopes } : INVALID;
}
