import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  configureCoordination,
  DEFAULT_COORDINATION,
  withLocks,
  WriteConflictError,
} from '../../src/db/coordinator.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase('coordinator');
});
afterAll(async () => t?.dispose());
beforeEach(async () => {
  configureCoordination(t.database.client, DEFAULT_COORDINATION);
  await t.collections.leases.deleteMany({});
});

const locked = <T>(keys: string[], fn: () => Promise<T>) =>
  withLocks(t.database.client, t.collections.leases, keys, () => fn());

/** A promise and its resolver, to hold a lock until the test says so. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open: () => open(), opened };
}

describe('write locks', () => {
  it('a unique _id insert is atomic on this server: of 20 concurrent inserts exactly one succeeds', async () => {
    for (let round = 0; round < 3; round++) {
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          t.database.db.collection('insert_race').insertOne({ _id: `k${round}` as never, who: i }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    }
  });

  it('holds a lease document while the write runs and removes it after, also when the write throws', async () => {
    await locked(['person:a', 'article:b'], async () => {
      const leases = await t.collections.leases.find({}).sort({ _id: 1 }).toArray();
      expect(leases.map((l) => l._id)).toEqual(['article:b', 'person:a']);
      expect(new Set(leases.map((l) => l.owner)).size).toBe(1);
    });
    expect(await t.collections.leases.countDocuments({})).toBe(0);
    await expect(locked(['person:a'], () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await t.collections.leases.countDocuments({})).toBe(0);
  });

  it('writes sharing a key run one after the other, in arrival order; disjoint ones run together', async () => {
    const events: string[] = [];
    const started = gate();
    const finish = gate();
    const a = locked(['person:x', 'person:y'], async () => {
      events.push('a start');
      started.open();
      await finish.opened;
      events.push('a end');
    });
    await started.opened;
    const b = locked(['person:y'], async () => {
      events.push('b');
    });
    const b2 = locked(['person:x', 'person:y'], async () => {
      events.push('b2');
    });
    // Disjoint: runs while a holds x and y.
    await locked(['person:z'], async () => {
      events.push('c');
    });
    expect(events).toEqual(['a start', 'c']);
    finish.open();
    await Promise.all([a, b, b2]);
    expect(events).toEqual(['a start', 'c', 'a end', 'b', 'b2']);
  });

  it('overlapping key sets in every order never deadlock (keys are taken sorted)', async () => {
    const keys = ['person:1', 'person:2', 'person:3', 'person:4'];
    let running = 0;
    let maxOnKey1 = 0;
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => {
        const set = [keys[i % 4]!, keys[(i + 1) % 4]!, keys[(i + 3) % 4]!].reverse();
        return locked(set, async () => {
          if (set.includes('person:1')) {
            running += 1;
            maxOnKey1 = Math.max(maxOnKey1, running);
          }
          await new Promise((r) => setImmediate(r));
          if (set.includes('person:1')) running -= 1;
          return i;
        });
      }),
    );
    expect(results).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(maxOnKey1).toBe(1);
    expect(await t.collections.leases.countDocuments({})).toBe(0);
  });

  it('waiting longer than lockWaitMs fails with CONFLICT (WriteConflictError) and writes nothing', async () => {
    configureCoordination(t.database.client, { lockWaitMs: 100 });
    const holder = gate();
    const held = locked(['person:busy'], () => holder.opened);
    let ran = false;
    await expect(
      locked(['person:free', 'person:busy'], async () => {
        ran = true;
      }),
    ).rejects.toBeInstanceOf(WriteConflictError);
    expect(ran).toBe(false);
    holder.open();
    await held;
    expect(await t.collections.leases.countDocuments({})).toBe(0);
  });

  it("another instance's live lease is waited for; an expired one (its holder died) is taken over", async () => {
    configureCoordination(t.database.client, { lockWaitMs: 300 });
    // Live lease of another instance: not taken within the wait.
    await t.collections.leases.insertOne({
      _id: 'person:other',
      owner: 'another-instance:1',
      expiresAt: new Date(Date.now() + 60_000),
    });
    await expect(locked(['person:other'], async () => 'ran')).rejects.toBeInstanceOf(WriteConflictError);
    expect((await t.collections.leases.findOne({ _id: 'person:other' }))!.owner).toBe('another-instance:1');
    // The other instance releases it while we wait: we get it (polling, no wake-up across processes).
    // "While we wait": the release comes once our lease insert has been refused at least once.
    configureCoordination(t.database.client, { lockWaitMs: 5_000 });
    let refused!: () => void;
    const wasRefused = new Promise<void>((resolve) => {
      refused = resolve;
    });
    const leases = t.collections.leases;
    const watched = new Proxy(leases, {
      get(target, property) {
        if (property === 'insertMany')
          return (...args: Parameters<typeof leases.insertMany>) =>
            target.insertMany(...args).catch((error: unknown) => {
              refused();
              throw error;
            });
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const waiting = withLocks(t.database.client, watched, ['person:other'], async () => 'ran');
    await wasRefused;
    await leases.deleteOne({ _id: 'person:other' });
    expect(await waiting).toBe('ran');
    // Expired: taken over at once.
    await t.collections.leases.insertOne({ _id: 'person:dead', owner: 'dead:1', expiresAt: new Date(Date.now() - 1) });
    expect(await locked(['person:dead'], async () => 'ran')).toBe('ran');
    expect(await t.collections.leases.countDocuments({})).toBe(0);
  });

  it('a holder whose lease was taken from it learns it from confirm() before its irreversible step', async () => {
    await expect(
      withLocks(t.database.client, t.collections.leases, ['person:stolen'], async (locks) => {
        await locks.confirm();
        await t.collections.leases.updateOne({ _id: 'person:stolen' }, { $set: { owner: 'someone-else:1' } });
        await locks.confirm();
      }),
    ).rejects.toBeInstanceOf(WriteConflictError);
    // Its release does not remove the lease it no longer owns.
    expect((await t.collections.leases.findOne({ _id: 'person:stolen' }))!.owner).toBe('someone-else:1');
  });

  it('a long write keeps its lease alive by renewing it', async () => {
    configureCoordination(t.database.client, { leaseTtlMs: 300 });
    await withLocks(t.database.client, t.collections.leases, ['person:slow'], async (locks) => {
      const before = (await t.collections.leases.findOne({ _id: 'person:slow' }))!.expiresAt.getTime();
      // Wait until a renewal moved the expiry, then past the original ttl: still ours.
      for (;;) {
        const now = (await t.collections.leases.findOne({ _id: 'person:slow' }))!.expiresAt.getTime();
        if (now > before && Date.now() > before) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await locks.confirm();
    });
  });
});
