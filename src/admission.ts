/**
 * Admission control, in memory and per process: what decides, before any database work, whether a
 * request runs now, waits briefly, or is refused at once with a typed error. The GraphQL side (the
 * yoga plugin, error codes, headers) is in src/http/plugins.ts; this module holds only the counting.
 *
 * - Per client (API key name, else the socket's address): a token bucket on the request rate and a
 *   cap on requests in flight. Past either: refused (429).
 * - Per process: a cap on executions running at once, with a short FIFO queue bounded in length
 *   and in waiting time; operations whose estimated cost is heavy also need one of a few heavy
 *   slots, so heavy queries cannot fill the process and light ones keep running. Past it: 503.
 */

import type { AdmissionLimits } from './limits.js';

export { type AdmissionLimits, DEFAULT_ADMISSION_LIMITS } from './limits.js';

/** Why a request is refused, and when it may come back. */
export interface Refusal {
  kind: 'client-rate' | 'client-concurrency' | 'overloaded' | 'heavy-overloaded' | 'queue-timeout';
  retryAfterSeconds: number;
  message: string;
}

/** At most this many clients are tracked; the least recently seen one is forgotten first. */
const MAX_TRACKED_CLIENTS = 10_000;

interface ClientState {
  tokens: number;
  refilledAt: number;
  inFlight: number;
}

/**
 * Per-client rate and concurrency. `take` spends one token of the client's bucket (every request
 * to the GraphQL endpoint, before it is parsed); `enter` counts one execution in flight (from
 * admission to its answer). A client is remembered by the key the caller gives.
 */
export class ClientLimiter {
  private readonly clients = new Map<string, ClientState>();

  constructor(
    private readonly limits: Pick<AdmissionLimits, 'clientRatePerSecond' | 'clientBurst' | 'clientMaxConcurrent'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends one request of `client`'s rate, or refuses it (null: admitted). */
  take(client: string): Refusal | null {
    const { clientRatePerSecond: rate, clientBurst: burst } = this.limits;
    if (rate <= 0) return null;
    const state = this.state(client);
    const now = this.now();
    state.tokens = Math.min(burst, state.tokens + ((now - state.refilledAt) / 1000) * rate);
    state.refilledAt = now;
    if (state.tokens < 1)
      return {
        kind: 'client-rate',
        retryAfterSeconds: Math.max(1, Math.ceil((1 - state.tokens) / rate)),
        message: `Too many requests from this client: at most ${rate} per second (bursts of ${burst})`,
      };
    state.tokens -= 1;
    return null;
  }

  /** Counts one execution of `client` in flight (call the returned release once), or refuses it. */
  enter(client: string): { release: () => void } | Refusal {
    const maxInFlight = this.limits.clientMaxConcurrent;
    const state = this.state(client);
    if (maxInFlight > 0 && state.inFlight >= maxInFlight)
      return {
        kind: 'client-concurrency',
        retryAfterSeconds: 1,
        message: `Too many requests from this client at once: at most ${maxInFlight} in flight`,
      };
    state.inFlight += 1;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        state.inFlight -= 1;
      },
    };
  }

  /** Both: a request's token, then its place in flight. */
  admit(client: string): { release: () => void } | Refusal {
    return this.take(client) ?? this.enter(client);
  }

  /** The client's state, marked most recently seen. */
  private state(client: string): ClientState {
    let state = this.clients.get(client);
    if (state) this.clients.delete(client);
    else state = { tokens: this.limits.clientBurst, refilledAt: this.now(), inFlight: 0 };
    // Re-inserted: the Map's order is least recently seen first.
    this.clients.set(client, state);
    this.forgetIdle();
    return state;
  }

  get trackedClients(): number {
    return this.clients.size;
  }

  private forgetIdle() {
    if (this.clients.size <= MAX_TRACKED_CLIENTS) return;
    for (const [key, state] of this.clients) {
      if (this.clients.size <= MAX_TRACKED_CLIENTS) break;
      // A client with requests in flight keeps its count (else its release would go negative elsewhere).
      if (state.inFlight === 0) this.clients.delete(key);
    }
  }
}

interface Waiter {
  heavy: boolean;
  grant: () => void;
}

/** Execution slots: a cap with a short FIFO queue, and a smaller cap for heavy operations. */
export class ExecutionLimiter {
  private running = 0;
  private heavyRunning = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    private readonly limits: Pick<
      AdmissionLimits,
      'maxConcurrent' | 'maxQueued' | 'queueTimeoutMs' | 'heavyCost' | 'maxHeavyConcurrent'
    >,
  ) {}

  get stats() {
    return { running: this.running, heavyRunning: this.heavyRunning, queued: this.queue.length };
  }

  /**
   * Resolves with a release function when the execution may start; resolves with a Refusal at once
   * when the queue is full (or a heavy operation finds every heavy slot taken), or after
   * queueTimeoutMs in the queue.
   */
  acquire(cost: number): Promise<{ release: () => void } | Refusal> {
    const heavy = cost >= this.limits.heavyCost;
    // Every waiter is one that cannot run now (each release dispatches), so a request that can run
    // takes no one's turn by starting.
    if (this.canRun(heavy)) return Promise.resolve(this.start(heavy));
    // Heavy work does not queue behind heavy work: one waiting heavy operation per heavy slot at most.
    if (heavy && this.heavyRunning >= this.limits.maxHeavyConcurrent) {
      const heavyWaiting = this.queue.filter((w) => w.heavy).length;
      if (heavyWaiting >= this.limits.maxHeavyConcurrent)
        return Promise.resolve({
          kind: 'heavy-overloaded',
          retryAfterSeconds: 2,
          message: `The server is busy with expensive queries (estimated cost ${cost}, heavy from ${this.limits.heavyCost}); try again later or ask for less`,
        });
    }
    if (this.queue.length >= this.limits.maxQueued)
      return Promise.resolve({
        kind: 'overloaded',
        retryAfterSeconds: 1,
        message: 'The server is busy; try again shortly',
      });
    return new Promise((resolve) => {
      const waiter: Waiter = {
        heavy,
        grant: () => {
          clearTimeout(timer);
          resolve(this.start(heavy));
        },
      };
      const timer = setTimeout(() => {
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
        resolve({
          kind: 'queue-timeout',
          retryAfterSeconds: 1,
          message: `The server is busy: no execution slot within ${this.limits.queueTimeoutMs} ms; try again shortly`,
        });
      }, this.limits.queueTimeoutMs);
      this.queue.push(waiter);
    });
  }

  private canRun(heavy: boolean) {
    return this.running < this.limits.maxConcurrent && (!heavy || this.heavyRunning < this.limits.maxHeavyConcurrent);
  }

  private start(heavy: boolean): { release: () => void } {
    this.running += 1;
    if (heavy) this.heavyRunning += 1;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.running -= 1;
        if (heavy) this.heavyRunning -= 1;
        this.dispatch();
      },
    };
  }

  /** Starts waiters in order; a heavy waiter with no heavy slot free lets the light ones behind it go first. */
  private dispatch() {
    for (let i = 0; i < this.queue.length && this.running < this.limits.maxConcurrent; ) {
      const waiter = this.queue[i]!;
      if (this.canRun(waiter.heavy)) {
        this.queue.splice(i, 1);
        waiter.grant();
      } else i += 1;
    }
  }
}
