/**
 * Without Redis, a write in another process (`npm run ingest`, `npm run seed`) cannot reach this
 * process's bus. The change log can: this poller reads it by sequence number every `intervalMs`
 * and delivers the entries other processes wrote to the local bus, as if they had arrived through
 * Redis (the response cache evicts, subscriptions hear of them).
 *
 * Each tick looks up entry last + 1 by `_id` (FerretDB answers an `_id` equality without a scan),
 * so an idle tick costs one indexed read. Entries this process wrote are skipped (its publisher
 * already delivered them). A gap (entries trimmed while the poller lagged far behind) is skipped
 * with a warning.
 */
import { changeAt, changesCollection, latestSeq } from '../db/changes.js';
import type { Collections } from '../db/collections.js';
import type { Logger } from '../logger.js';
import type { EventBus } from './bus.js';
import { eventFromChange } from './types.js';

/** Most entries delivered per tick (the rest follow on the next one). */
const MAX_PER_TICK = 500;
const GAP_CHECK_TICKS = 30;

export interface ChangePoller {
  /** The last sequence number delivered or skipped. */
  readonly last: number;
  /** Polls now (tests; the timer calls it too). */
  tick(): Promise<void>;
  stop(): void;
}

export function pollChanges({
  collections: c,
  bus,
  logger,
  intervalMs,
}: {
  collections: Collections;
  bus: EventBus;
  logger: Logger;
  intervalMs: number;
}): ChangePoller {
  let last: number | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  let failing = false;
  let idleTicks = 0;

  async function poll() {
    if (last === null) {
      last = await latestSeq(c);
      return;
    }
    for (let n = 0; n < MAX_PER_TICK && !stopped; n++) {
      let entry = await changeAt(c, last + 1);
      if (!entry) {
        // Nothing new, or (rarely) a gap: only the latter has a later entry. Checked every
        // GAP_CHECK_TICKS idle ticks, so an idle tick costs the one lookup by _id.
        if (++idleTicks % GAP_CHECK_TICKS !== 0 || (await latestSeq(c)) <= last + 1) return;
        entry = await changesCollection(c)
          .find({ _id: { $gt: last } })
          .sort({ _id: 1 })
          .limit(1)
          .next();
        if (!entry) return;
        logger.warn({ from: last + 1, to: entry._id - 1 }, 'change poller: entries missing from the log, skipped');
      }
      last = entry._id;
      if (entry.origin !== bus.origin) await bus.publish(eventFromChange(entry, entry.origin ?? 'change-log'));
    }
  }

  const tick = () => {
    running ??= poll()
      .then(
        () => {
          if (failing) logger.info('change poller: reading the change log again');
          failing = false;
        },
        (error: unknown) => {
          if (!failing) logger.warn({ err: error }, 'change poller: cannot read the change log; retrying');
          failing = true;
        },
      )
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  void tick();
  const offAvailability = bus.onAvailability((available) => {
    if (!available) poller.stop();
  });
  const poller: ChangePoller = {
    get last() {
      return last ?? 0;
    },
    tick,
    stop() {
      stopped = true;
      clearInterval(timer);
      offAvailability();
    },
  };
  return poller;
}
