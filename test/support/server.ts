import { createHash } from 'node:crypto';
import { parseApiKeys } from '../../src/auth.js';
import type { Collections } from '../../src/db/collections.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type NewsgraphServer, type ServerOptions } from '../../src/http/server.js';

/** Keys the security tests use: one with the curate scope, one with none. */
export const CURATOR_KEY = 'curator-secret-key-0123456789';
export const NO_SCOPE_KEY = 'reader-secret-key-0123456789';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const API_KEYS_ENV = `curator:${sha256(CURATOR_KEY)}:curate,reader:${sha256(NO_SCOPE_KEY)}:`;
export const API_KEYS = parseApiKeys(API_KEYS_ENV).keys;

export const asCurator = { authorization: `Bearer ${CURATOR_KEY}` };

export function securedServer(collections: Collections, options: Partial<ServerOptions> = {}): NewsgraphServer {
  return createServer({ collections, logger: createLogger('silent'), apiKeys: API_KEYS, ...options });
}

/** Global id of a node, as the API encodes it. */
export const globalId = (type: string, id: { toHexString(): string }) =>
  Buffer.from(`${type}:${id.toHexString()}`).toString('base64');

/** Every collection's documents, sorted by id: compare before and after to prove nothing changed. */
export async function snapshot(collections: Collections): Promise<Record<string, unknown[]>> {
  const names = (await collections.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const out: Record<string, unknown[]> = {};
  for (const name of names) out[name] = await collections.db.collection(name).find({}).sort({ _id: 1 }).toArray();
  return out;
}
