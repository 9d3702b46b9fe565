/** Change events: one module owns publishing (publisher.ts) and subscribing (bus.ts). */
import type { Collections } from '../db/collections.js';
import { articleId } from '../db/ids.js';
import type { StoreResult } from '../db/store.js';
import type { Logger } from '../logger.js';
import { createEventBus } from './bus.js';
import { pollChanges } from './poller.js';
import { createPublisher, type ChangePublisher } from './publisher.js';

export { eventsUnavailable, type EventBus } from './bus.js';
export type { ChangePublisher, Invalidator } from './publisher.js';
export type { ChangeEvent } from './types.js';

/**
 * The bus (in-process, or Redis when `redisUrl` is set) and the publisher writing to it. Without
 * Redis, `pollIntervalMs` (a server: every second) also delivers what other processes wrote to
 * the change log (src/events/poller.ts); a command-line writer leaves it unset.
 */
export function createChangeEvents({
  collections,
  logger,
  redisUrl,
  retainChanges,
  pollIntervalMs = null,
}: {
  collections: Collections;
  logger: Logger;
  redisUrl?: string | null;
  /** Change-log entries kept (CHANGES_RETAIN). */
  retainChanges?: number;
  pollIntervalMs?: number | null;
}): ChangePublisher {
  const bus = createEventBus({ redisUrl: redisUrl ?? null, logger });
  if (!redisUrl && pollIntervalMs) pollChanges({ collections, bus, logger, intervalMs: pollIntervalMs });
  return createPublisher({ collections, bus, logger, ...(retainChanges ? { retainChanges } : {}) });
}

/** Publishes one SEEDED event per seed article whose store changed anything. */
export async function publishSeeded(
  events: ChangePublisher,
  reports: readonly { article: string; result: StoreResult }[],
): Promise<void> {
  for (const { article, result } of reports) {
    const changed = Object.values(result).some((n) => n.inserted + n.updated + n.deleted > 0);
    if (changed) await events.articleStored(articleId(article), 'SEEDED');
  }
}
