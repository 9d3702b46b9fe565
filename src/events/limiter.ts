import { tooManySubscriptions } from '../errors.js';

export interface SubscriptionLimits {
  /** Open subscriptions one client (API key, else remote address) may hold. */
  perClient: number;
  /** Open subscriptions on this instance. */
  total: number;
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = { perClient: 5, total: 1_000 };

/**
 * Counts open subscriptions per client. `acquire` throws TOO_MANY_SUBSCRIPTIONS over a cap and
 * otherwise returns the release function, which the subscription calls when it ends for any
 * reason (the client disconnected, the bus went down, the service stops); calling it twice is
 * harmless.
 */
export class SubscriptionLimiter {
  private readonly open = new Map<string, number>();
  private count = 0;

  constructor(readonly limits: SubscriptionLimits = DEFAULT_SUBSCRIPTION_LIMITS) {}

  get total(): number {
    return this.count;
  }

  openFor(client: string): number {
    return this.open.get(client) ?? 0;
  }

  acquire(client: string): () => void {
    const mine = this.openFor(client);
    if (mine >= this.limits.perClient)
      throw tooManySubscriptions(
        `This client already has ${mine} open subscriptions; the limit is ${this.limits.perClient}. Close one first.`,
        'perClient',
        this.limits.perClient,
      );
    if (this.count >= this.limits.total)
      throw tooManySubscriptions(
        'The service has as many open subscriptions as it accepts; try again later.',
        'total',
        this.limits.total,
      );
    this.open.set(client, mine + 1);
    this.count++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.count--;
      const left = this.openFor(client) - 1;
      if (left > 0) this.open.set(client, left);
      else this.open.delete(client);
    };
  }
}
