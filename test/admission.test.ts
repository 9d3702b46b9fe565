import { describe, expect, it } from 'vitest';
import { ClientLimiter, DEFAULT_ADMISSION_LIMITS, ExecutionLimiter, type Refusal } from '../src/admission.js';

const isRefusal = (r: object): r is Refusal => 'kind' in r;

describe('per-client limits', () => {
  it('a token bucket: a burst passes, the next request is refused with a retry time, tokens come back with time', () => {
    let now = 0;
    const limiter = new ClientLimiter({ clientRatePerSecond: 2, clientBurst: 3, clientMaxConcurrent: 0 }, () => now);
    for (let i = 0; i < 3; i++) {
      const r = limiter.admit('a');
      expect(isRefusal(r)).toBe(false);
      if (!isRefusal(r)) r.release();
    }
    const refused = limiter.admit('a');
    expect(refused).toMatchObject({ kind: 'client-rate', retryAfterSeconds: 1 });
    // Another client has its own bucket.
    expect(isRefusal(limiter.admit('b'))).toBe(false);
    now += 500; // one token at 2/s
    expect(isRefusal(limiter.admit('a'))).toBe(false);
    expect(isRefusal(limiter.admit('a'))).toBe(true);
  });

  it('caps requests in flight per client; a release frees the place', () => {
    const limiter = new ClientLimiter({ clientRatePerSecond: 0, clientBurst: 0, clientMaxConcurrent: 2 });
    const first = limiter.admit('a');
    const second = limiter.admit('a');
    expect(limiter.admit('a')).toMatchObject({ kind: 'client-concurrency' });
    if (!isRefusal(first)) {
      first.release();
      first.release(); // twice is once
    }
    expect(isRefusal(limiter.admit('a'))).toBe(false);
    expect(limiter.admit('a')).toMatchObject({ kind: 'client-concurrency' });
    expect(isRefusal(second)).toBe(false);
  });

  it('tracks a bounded number of clients (idle ones are forgotten first)', () => {
    const limiter = new ClientLimiter({ clientRatePerSecond: 1, clientBurst: 1, clientMaxConcurrent: 0 });
    for (let i = 0; i < 10_050; i++) limiter.admit(`client-${i}`);
    expect(limiter.trackedClients).toBeLessThanOrEqual(10_000);
  });
});

describe('execution slots', () => {
  const limits = { ...DEFAULT_ADMISSION_LIMITS, maxConcurrent: 2, maxQueued: 1, queueTimeoutMs: 60_000 };

  it('runs up to the cap, queues a short line in order, refuses the rest at once', async () => {
    const slots = new ExecutionLimiter(limits);
    const a = await slots.acquire(1);
    const b = await slots.acquire(1);
    const queued = slots.acquire(1);
    expect(await slots.acquire(1)).toMatchObject({ kind: 'overloaded' });
    expect(slots.stats).toEqual({ running: 2, heavyRunning: 0, queued: 1 });
    if (!isRefusal(a)) a.release();
    const c = await queued;
    expect(isRefusal(c)).toBe(false);
    expect(slots.stats).toEqual({ running: 2, heavyRunning: 0, queued: 0 });
    for (const r of [b, c]) if (!isRefusal(r)) r.release();
    expect(slots.stats.running).toBe(0);
  });

  it('a queued request is refused after queueTimeoutMs', async () => {
    const slots = new ExecutionLimiter({ ...limits, maxConcurrent: 1, queueTimeoutMs: 20 });
    const a = await slots.acquire(1);
    expect(await slots.acquire(1)).toMatchObject({ kind: 'queue-timeout' });
    expect(slots.stats.queued).toBe(0);
    if (!isRefusal(a)) a.release();
  });

  it('heavy operations get only their own few slots: light ones still run while heavy ones are refused', async () => {
    const slots = new ExecutionLimiter({ ...limits, maxConcurrent: 4, maxQueued: 10, maxHeavyConcurrent: 1 });
    const heavy = limits.heavyCost;
    const h1 = await slots.acquire(heavy);
    expect(isRefusal(h1)).toBe(false);
    const h2 = slots.acquire(heavy); // waits for the heavy slot
    expect(await slots.acquire(heavy)).toMatchObject({ kind: 'heavy-overloaded' });
    const light = await slots.acquire(1);
    expect(isRefusal(light)).toBe(false);
    expect(slots.stats).toEqual({ running: 2, heavyRunning: 1, queued: 1 });
    if (!isRefusal(h1)) h1.release();
    expect(isRefusal(await h2)).toBe(false);
    expect(slots.stats).toEqual({ running: 2, heavyRunning: 1, queued: 0 });
  });
});
