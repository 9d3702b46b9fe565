import { tooManySubscriptions } from '../errors.js';
import { KeyedSlots } from '../slots.js';

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
  private readonly slots: KeyedSlots;

  constructor(readonly limits: SubscriptionLimits = DEFAULT_SUBSCRIPTION_LIMITS) {
    this.slots = new KeyedSlots(limits.perClient, limits.total);
  }

  get total(): number {
    return this.slots.total;
  }

  openFor(client: string): number {
    return this.slots.openFor(client);
  }

  acquire(client: string): () => void {
    const slot = this.slots.take(client);
    if ('release' in slot) return slot.release;
    if (slot.refused === 'perKey')
      throw tooManySubscriptions(
        `This client already has ${this.openFor(client)} open subscriptions; the limit is ${this.limits.perClient}. Close one first.`,
        'perClient',
        this.limits.perClient,
      );
    throw tooManySubscriptions(
      'The service has as many open subscriptions as it accepts; try again later.',
      'total',
      this.limits.total,
    );
  }
}
