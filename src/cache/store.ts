/**
 * Response cache stores: in process memory (one instance) or in Redis (shared by every instance).
 * Both implement the response-cache plugin's Cache interface, with two additions:
 *
 * - A write-race guard. A request that missed the cache, then read the database while a write
 *   happened, would store a result older than the write after the write's invalidation had run.
 *   Each store keeps an invalidation epoch (in Redis: one counter for all instances); a miss
 *   remembers the epoch it saw and the result is stored only if no invalidation happened since.
 * - The Redis store never makes a request wait for or fail on Redis: while Redis is unreachable it
 *   answers "not cached" and drops writes, and when Redis is back it first removes every entry it
 *   holds (invalidations during the outage were lost), then caches again.
 *
 * The Redis layout (all keys under one hash tag, so a Redis Cluster keeps them in one slot):
 * `…:r:<key>` the JSON result with its TTL, `…:e:<Type>:<id>` the set of result keys showing that
 * entity (expiring with the longest-lived of them), `…:epoch` the invalidation counter. Unlike the
 * plugin's own Redis cache it never runs KEYS and keeps no unbounded per-type sets.
 */
import type { Cache } from '@graphql-yoga/plugin-response-cache';
import { createInMemoryCache } from '@graphql-yoga/plugin-response-cache';
import type { ExecutionResult } from 'graphql';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { FACTS, hasNullRoot, type CacheEntity } from './entities.js';

export interface ResponseCacheStore extends Cache {
  readonly kind: 'memory' | 'redis';
  /** Whether reads are served from the cache right now (false while Redis is down or being flushed). */
  usable(): boolean;
}

/** Result keys of `facts` operations start with this (see plugin.ts), so they get the FACTS tag. */
export const FACTS_KEY_PREFIX = 'f:';

/** Entities to record for a result: the collected ones, plus FACTS for list/aggregate results and null lookups. */
function recordedEntities(key: string, result: ExecutionResult, entities: Iterable<CacheEntity>): CacheEntity[] {
  const list = [...entities].filter((e) => e.id !== undefined && e.id !== null);
  if (key.startsWith(FACTS_KEY_PREFIX) || hasNullRoot(result.data)) list.push(FACTS);
  return list;
}

/** The epoch each outstanding miss saw, by key; bounded (oldest forgotten first: such a miss just is not stored). */
class PendingMisses {
  private readonly seen = new Map<string, string>();
  constructor(private readonly max = 10_000) {}
  /** Keeps the oldest epoch when several requests miss the same key. */
  miss(key: string, epoch: string) {
    if (this.seen.has(key)) return;
    if (this.seen.size >= this.max) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(key, epoch);
  }
  take(key: string): string | undefined {
    const epoch = this.seen.get(key);
    this.seen.delete(key);
    return epoch;
  }
  clear() {
    this.seen.clear();
  }
}

export function createMemoryStore({ max = 1_000 }: { max?: number } = {}): ResponseCacheStore {
  const inner = createInMemoryCache({ max });
  const pending = new PendingMisses();
  let epoch = 0;
  return {
    kind: 'memory',
    usable: () => true,
    get(key) {
      const hit = inner.get(key) as ExecutionResult | null | undefined;
      if (!hit) pending.miss(key, String(epoch));
      return hit ?? null;
    },
    set(key, result, entities, ttl) {
      if (pending.take(key) !== String(epoch)) return;
      return inner.set(key, result, recordedEntities(key, result, entities), ttl);
    },
    invalidate(entities) {
      epoch++;
      return inner.invalidate(entities);
    },
  };
}

const SET_IF_EPOCH = `
local current = redis.call('GET', KEYS[1]) or '0'
if current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
for i = 3, #KEYS do
  redis.call('SADD', KEYS[i], ARGV[4])
  redis.call('PEXPIRE', KEYS[i], ARGV[3], 'NX')
  redis.call('PEXPIRE', KEYS[i], ARGV[3], 'GT')
end
return 1
`;

type RedisWithScript = Redis & {
  newsgraphSetIfEpoch(...args: (string | number)[]): Promise<number>;
};

export function createRedisStore(
  redis: Redis,
  { logger, prefix = 'newsgraph:{rc}:' }: { logger: Logger; prefix?: string },
): ResponseCacheStore {
  const r = redis as RedisWithScript;
  if (typeof (redis as unknown as Record<string, unknown>).newsgraphSetIfEpoch !== 'function')
    redis.defineCommand('newsgraphSetIfEpoch', { lua: SET_IF_EPOCH });
  const epochKey = `${prefix}epoch`;
  const resultKey = (key: string) => `${prefix}r:${key}`;
  const entityKey = (e: CacheEntity) => `${prefix}e:${e.typename}:${e.id}`;
  const pending = new PendingMisses();
  // After an outage nothing is served until every entry from before it is gone.
  let lostContact = false;
  let flushing: Promise<void> | null = null;
  const up = () => redis.status === 'ready' && !lostContact && !flushing;

  async function flush() {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  }
  /** Removes every entry, then serves again; retried while Redis is reachable but the flush fails. */
  function recover() {
    if (!lostContact || flushing || redis.status !== 'ready') return;
    flushing = flush()
      .then(
        () => {
          lostContact = false;
          logger.info('response cache: redis reachable again, entries from before the outage removed');
        },
        (error: unknown) => {
          logger.warn({ err: error }, 'response cache: flush failed; the cache stays off and retries');
          setTimeout(recover, 1_000).unref();
        },
      )
      .finally(() => {
        flushing = null;
      });
  }
  redis.on('close', () => {
    lostContact = true;
    pending.clear();
  });
  redis.on('ready', recover);

  return {
    kind: 'redis',
    usable: up,
    async get(key) {
      if (!up()) return null;
      try {
        const [json, epoch] = await redis.mget(resultKey(key), epochKey);
        if (json) return JSON.parse(json) as ExecutionResult;
        pending.miss(key, epoch ?? '0');
      } catch {
        // Redis failed mid-request: read from the database instead.
      }
      return null;
    },
    async set(key, result, entities, ttl) {
      const epoch = pending.take(key);
      if (epoch === undefined || !up()) return;
      const keys = [...new Set(recordedEntities(key, result, entities).map(entityKey))];
      const px = Number.isFinite(ttl) ? Math.max(1, Math.round(ttl)) : 86_400_000;
      try {
        await r.newsgraphSetIfEpoch(
          2 + keys.length,
          epochKey,
          resultKey(key),
          ...keys,
          epoch,
          JSON.stringify(result),
          px,
          key,
        );
      } catch {
        // Not cached this time.
      }
    },
    async invalidate(entities) {
      const keys = [...new Set([...entities].map(entityKey))];
      try {
        // The epoch first: a result read before this point can no longer be stored.
        await redis.incr(epochKey);
        const members = await Promise.all(keys.map((k) => redis.smembers(k)));
        const doomed = [...new Set(members.flat())].map(resultKey);
        const all = [...doomed, ...keys];
        for (let i = 0; i < all.length; i += 500) await redis.unlink(...all.slice(i, i + 500));
      } catch (error) {
        // Lost with Redis: the flush on reconnect removes whatever this would have.
        lostContact = true;
        logger.warn({ err: error }, 'response cache: invalidation failed; the cache is off until redis is back');
        recover();
      }
    },
  };
}
