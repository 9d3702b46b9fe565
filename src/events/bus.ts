/**
 * The one channel change events travel on. Without a Redis URL it is yoga's in-process pub/sub;
 * with one, the same pub/sub over `@graphql-yoga/redis-event-target`, so a write in any process
 * (another instance, `npm run ingest`) reaches every instance.
 *
 * Each bus subscribes to the topic once and fans events out to its listeners (the cache
 * invalidator, every open subscription). When the Redis connection is lost the bus reports itself
 * unavailable: open subscriptions end with EVENTS_UNAVAILABLE (events published meanwhile would be
 * missed silently otherwise) and new ones are refused until it is back.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { FixedBuffer, Repeater } from '@repeaterjs/repeater';
import { createPubSub } from 'graphql-yoga';
import { eventsUnavailable as eventsUnavailableError, subscriptionOverflow } from '../errors.js';
import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { isChangeEvent, type ChangeEvent } from './types.js';

export const CHANGE_TOPIC = 'newsgraph:changes';

export type Listener = (event: ChangeEvent) => void | Promise<void>;

export interface EventBus {
  readonly mode: 'memory' | 'redis';
  /** Identifies this process in the events it publishes. */
  readonly origin: string;
  /** True when events flow (always in memory; with Redis, while the subscriber connection is up). */
  available(): boolean;
  /** Publishes an event; never throws (a lost Redis is logged: the write it reports already happened). */
  publish(event: ChangeEvent): Promise<boolean>;
  /** Calls `listener` for every event; returns the unsubscribe function. */
  onEvent(listener: Listener): () => void;
  /** Resolves once events flow (at once in memory mode); rejects after `timeoutMs`. */
  whenAvailable(timeoutMs?: number): Promise<void>;
  /** Calls `listener` when availability changes. */
  onAvailability(listener: (available: boolean) => void): () => void;
  /** Events as an async iterable that ends with EVENTS_UNAVAILABLE when the bus goes down. */
  stream(): Repeater<ChangeEvent>;
  /** The Redis command connection (the shared response cache uses it); null in memory mode. */
  readonly redis: Redis | null;
  close(): Promise<void>;
}

export const eventsUnavailable = (why: string) =>
  eventsUnavailableError(`Live events are unavailable: ${why}. Subscribe again later.`);

const newOrigin = () => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** How many undelivered events one subscription may hold before it is ended as too slow. */
const SUBSCRIPTION_BUFFER = 256;

export function createEventBus({ redisUrl, logger }: { redisUrl?: string | null; logger: Logger }): EventBus {
  const origin = newOrigin();
  const listeners = new Set<Listener>();
  const availabilityListeners = new Set<(available: boolean) => void>();
  let up = !redisUrl;
  let closed = false;

  let redis: Redis | null = null;
  let subscriber: Redis | null = null;
  let pubsub: ReturnType<typeof createPubSub<{ [CHANGE_TOPIC]: [ChangeEvent] }>>;
  if (redisUrl) {
    const options = {
      // Reconnect for ever, backing off to 2 s; the service keeps serving meanwhile.
      retryStrategy: (times: number) => Math.min(times * 100, 2_000),
      connectTimeout: 2_000,
    };
    // Commands fail at once while disconnected (a read falls back to the database, not a wait).
    redis = new Redis(redisUrl, { ...options, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    // The subscriber queues its SUBSCRIBE until connected and re-subscribes after a reconnect.
    subscriber = new Redis(redisUrl, { ...options, autoResubscribe: true });
    let lastError = '';
    const onError = (which: string) => (error: Error) => {
      // ioredis retries by itself; log each distinct error once per outage, not every retry.
      if (error.message !== lastError) logger.warn({ err: error, redis: which }, 'redis connection error');
      lastError = error.message;
    };
    redis.on('error', onError('commands'));
    subscriber.on('error', onError('subscriber'));
    const setUp = (value: boolean) => {
      if (value === up || closed) return;
      up = value;
      if (value) lastError = '';
      logger[value ? 'info' : 'warn'](
        value ? 'change events: redis connected' : 'change events: redis connection lost',
      );
      for (const l of availabilityListeners) l(value);
    };
    // Up once the channel subscription is confirmed, so an event published right after is not missed.
    subscriber.on('ready', () => {
      subscriber!.subscribe(CHANGE_TOPIC).then(
        () => setUp(subscriber!.status === 'ready'),
        () => {},
      );
    });
    subscriber.on('close', () => setUp(false));
    pubsub = createPubSub({
      eventTarget: createRedisEventTarget({ publishClient: redis, subscribeClient: subscriber }),
    });
  } else {
    pubsub = createPubSub();
  }

  // One consumer of the topic per process; listeners get the events from here.
  const source = pubsub.subscribe(CHANGE_TOPIC);
  void (async () => {
    for await (const event of source) {
      if (!isChangeEvent(event)) {
        logger.warn('ignored a malformed change event');
        continue;
      }
      for (const listener of listeners) {
        try {
          await listener(event);
        } catch (error) {
          logger.error({ err: error }, 'a change-event listener failed');
        }
      }
    }
  })();

  const bus: EventBus = {
    mode: redisUrl ? 'redis' : 'memory',
    origin,
    redis,
    available: () => up && !closed,
    async publish(event) {
      if (closed) return false;
      if (!redis) {
        pubsub.publish(CHANGE_TOPIC, event);
        return true;
      }
      try {
        await redis.publish(CHANGE_TOPIC, JSON.stringify(event));
        return true;
      } catch (error) {
        logger.warn({ err: error, seq: event.seq }, 'change event not published: redis unavailable');
        return false;
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    whenAvailable(timeoutMs = 10_000) {
      const commands = redis;
      if (bus.available() && (!commands || commands.status === 'ready')) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        let pending = (bus.available() ? 0 : 1) + (commands && commands.status !== 'ready' ? 1 : 0);
        const done = () => {
          if (--pending > 0) return;
          clearTimeout(timer);
          off();
          resolve();
        };
        if (commands && commands.status !== 'ready') commands.once('ready', done);
        const timer = setTimeout(() => {
          off();
          reject(new Error(`change events not available after ${timeoutMs} ms`));
        }, timeoutMs);
        const off = bus.available()
          ? () => {}
          : bus.onAvailability((available) => {
              if (available) done();
            });
      });
    },
    onAvailability(listener) {
      availabilityListeners.add(listener);
      return () => availabilityListeners.delete(listener);
    },
    stream() {
      return new Repeater<ChangeEvent>(async (push, stop) => {
        if (!bus.available()) {
          stop(eventsUnavailable(closed ? 'the service is stopping' : 'the connection to Redis is down'));
          return;
        }
        const offEvent = bus.onEvent((event) => {
          try {
            push(event).catch(() => {});
          } catch {
            // The buffer is full: the client reads slower than events arrive.
            stop(subscriptionOverflow('The subscription was ended: events arrived faster than the client read them'));
          }
        });
        const offAvailability = bus.onAvailability((available) => {
          if (!available)
            stop(eventsUnavailable(closed ? 'the service is stopping' : 'the connection to Redis was lost'));
        });
        try {
          await stop;
        } finally {
          offEvent();
          offAvailability();
        }
      }, new FixedBuffer(SUBSCRIPTION_BUFFER));
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const l of availabilityListeners) l(false);
      await source.return?.();
      await Promise.all([
        redis?.quit().catch(() => redis?.disconnect()),
        subscriber?.quit().catch(() => subscriber?.disconnect()),
      ]);
    },
  };
  return bus;
}
