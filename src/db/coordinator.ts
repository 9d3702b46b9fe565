/**
 * Write coordination: a curation or ingestion write first takes a lock on every person (and
 * article) it reads or changes, and holds them until it is done, so two writes that share a
 * person never interleave. Without transactions this is what keeps a merge from removing a
 * person while a correction, an ingestion or another merge is writing a reference to them.
 *
 * A lock is two layers, taken key by key in one fixed (sorted) order, so two writes can never
 * wait for each other in a circle:
 * 1. an in-process FIFO mutex per key (waiters are woken, not polling);
 * 2. a lease document in `write_leases` (`_id` = the key), so several instances exclude each other
 *    on MongoDB. It is taken with an insert of that `_id` — atomic on MongoDB and on FerretDB (its
 *    unique index decides; verified: of 20 concurrent inserts exactly one succeeds) — and carries
 *    an owner token and an expiry. The holder renews it every ttl/3; a lease of a process that died
 *    expires after the ttl and may then be taken over by a conditional update (atomic on MongoDB;
 *    on FerretDB only within one process, see atomicity.ts).
 * Waiting for a key (either layer) is bounded by `lockWaitMs`; then the write fails with CONFLICT
 * and has changed nothing. A holder that lost a lease (it stalled longer than the ttl) learns it at
 * its next renewal or check and stops before its irreversible step.
 */
import { randomBytes } from 'node:crypto';
import { MongoBulkWriteError, MongoServerError, type Collection, type MongoClient, type ObjectId } from 'mongodb';
import { DEFAULT_WRITE_COORDINATION } from '../limits.js';
import { KeyedMutex, LockWaitTimeout } from './mutex.js';

export interface LeaseDoc {
  _id: string;
  owner: string;
  expiresAt: Date;
}

export interface CoordinationOptions {
  /** Longest wait for the locks of one write before it fails with CONFLICT. */
  lockWaitMs: number;
  /** A lease not renewed for this long may be taken over (its holder is presumed dead). */
  leaseTtlMs: number;
}

export const DEFAULT_COORDINATION: CoordinationOptions = { ...DEFAULT_WRITE_COORDINATION };

/** The key's write is busy for longer than the wait allows, or a lease was lost: nothing was written. */
export class WriteConflictError extends Error {
  override name = 'WriteConflictError';
  readonly code = 'CONFLICT';
}

export const personKey = (id: ObjectId) => `person:${id.toHexString()}`;
export const articleKey = (id: ObjectId) => `article:${id.toHexString()}`;

/** Identifies this process in lease owners (random: a restarted process is another owner). */
const INSTANCE = randomBytes(6).toString('hex');
let sequence = 0;

interface ClientCoordination {
  options: CoordinationOptions;
  mutex: KeyedMutex;
}
const coordination = new WeakMap<MongoClient, ClientCoordination>();

function coordinationOf(client: MongoClient): ClientCoordination {
  let state = coordination.get(client);
  if (!state) {
    state = { options: { ...DEFAULT_COORDINATION }, mutex: new KeyedMutex() };
    coordination.set(client, state);
  }
  return state;
}

/** Sets the wait and lease times for this client (config LOCK_WAIT_MS, LEASE_TTL_MS). */
export function configureCoordination(client: MongoClient, options: Partial<CoordinationOptions>): void {
  Object.assign(coordinationOf(client).options, options);
}

export const coordinationOptions = (client: MongoClient): Readonly<CoordinationOptions> =>
  coordinationOf(client).options;

/** What a write holding its locks can ask. */
export interface HeldLocks {
  readonly keys: readonly string[];
  /** Throws WriteConflictError unless every lease is still this write's (checked in the database). */
  confirm(): Promise<void>;
}

const isDuplicateKey = (error: unknown) =>
  (error instanceof MongoServerError || error instanceof MongoBulkWriteError) && error.code === 11000;

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` holding the locks of `keys` (any order, duplicates allowed). Released when `fn`
 * settles, whatever happens. Waiting longer than lockWaitMs: WriteConflictError.
 */
export async function withLocks<T>(
  client: MongoClient,
  leases: Collection<LeaseDoc>,
  keys: readonly string[],
  fn: (locks: HeldLocks) => Promise<T>,
  waitMs?: number,
): Promise<T> {
  const { options, mutex } = coordinationOf(client);
  const sorted = [...new Set(keys)].sort();
  const owner = `${INSTANCE}:${++sequence}`;
  const deadline = Date.now() + (waitMs ?? options.lockWaitMs);
  const releases: (() => void)[] = [];
  let leased = false;
  let renewal: NodeJS.Timeout | undefined;
  let lost = false;
  try {
    for (const key of sorted) releases.push(await mutex.acquire(key, deadline - Date.now()));
    leased = true;
    await takeLeases(leases, sorted, owner, options.leaseTtlMs, deadline);
    renewal = setInterval(
      () => {
        leases
          .updateMany(
            { _id: { $in: sorted }, owner },
            { $set: { expiresAt: new Date(Date.now() + options.leaseTtlMs) } },
          )
          .then((r) => {
            if (r.matchedCount < sorted.length) lost = true;
          })
          .catch(() => {});
      },
      Math.max(50, Math.floor(options.leaseTtlMs / 3)),
    );
    renewal.unref();
    return await fn({
      keys: sorted,
      async confirm() {
        const held = lost
          ? 0
          : await leases.countDocuments({ _id: { $in: sorted }, owner, expiresAt: { $gt: new Date() } });
        if (held < sorted.length) {
          lost = true;
          throw new WriteConflictError('This write lost its lock while it ran (it was too slow); try again');
        }
      },
    });
  } catch (error) {
    if (error instanceof LockWaitTimeout)
      throw new WriteConflictError(
        `Another write on the same person or article is still running after ${waitMs ?? options.lockWaitMs} ms; try again`,
      );
    throw error;
  } finally {
    clearInterval(renewal);
    // Only our own leases go (owner in the filter); a failure here leaves them to expire.
    if (leased) await leases.deleteMany({ _id: { $in: sorted }, owner }).catch(() => {});
    for (const release of releases.reverse()) release();
  }
}

/**
 * Inserts the leases in sorted order. An ordered insertMany stops at the first key held by
 * someone else, so this holds a prefix of the order at every moment (the rule that rules out
 * deadlocks); it then waits for that key (or takes it over once expired) and goes on.
 */
async function takeLeases(
  leases: Collection<LeaseDoc>,
  keys: string[],
  owner: string,
  ttlMs: number,
  deadline: number,
): Promise<void> {
  let next = 0;
  let wait = 10;
  while (next < keys.length) {
    const now = Date.now();
    const expiresAt = new Date(now + ttlMs);
    try {
      await leases.insertMany(
        keys.slice(next).map((_id) => ({ _id, owner, expiresAt })),
        { ordered: true },
      );
      return;
    } catch (error) {
      if (!isDuplicateKey(error)) throw unwrapBulkError(error);
      next += firstFailedIndex(error);
    }
    const taken = await leases.findOneAndUpdate(
      { _id: keys[next]!, expiresAt: { $lt: new Date(now) } },
      { $set: { owner, expiresAt } },
    );
    if (taken) {
      next += 1;
      continue;
    }
    if (Date.now() + wait > deadline) throw new LockWaitTimeout(keys[next]!);
    // Held by another instance: poll with backoff (there is no cross-process wake-up).
    await pause(wait + Math.random() * wait);
    wait = Math.min(wait * 2, 200);
  }
}

/** A bulk write that failed as a whole (server unreachable) wraps the real error: give that one. */
function unwrapBulkError(error: unknown): unknown {
  const inner = error instanceof MongoBulkWriteError ? (error as { errorResponse?: unknown }).errorResponse : undefined;
  return inner instanceof Error ? inner : error;
}

function firstFailedIndex(error: unknown): number {
  if (error instanceof MongoBulkWriteError) {
    const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    const indexes = errors.map((e) => e.index).filter((i): i is number => typeof i === 'number');
    if (indexes.length) return Math.min(...indexes);
    return error.result?.insertedCount ?? 0;
  }
  return 0;
}
