/**
 * The response cache for reads: yoga's response-cache plugin over our stores (store.ts), keyed by
 * the operation and its variables, evicted by change events (entities.ts), with a TTL as the
 * backstop. Off for mutations and subscriptions (the plugin caches neither) and for any request
 * that presents an API key (what a key may see or do is never shared).
 */
import { createHash } from 'node:crypto';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { Plugin } from 'graphql-yoga';
import type { ChangePublisher } from '../events/index.js';
import { entitiesOf, operationKind } from './entities.js';
import { FACTS_KEY_PREFIX, type ResponseCacheStore } from './store.js';

export { createMemoryStore, createRedisStore, type ResponseCacheStore } from './store.js';

export interface ResponseCacheOptions {
  store: ResponseCacheStore;
  /** Longest a result is kept if no event evicts it first. */
  ttlMs: number;
}

/** Evicts what each event makes stale: before the event is published, and again when it arrives from the bus. */
export function invalidateOnChanges(events: ChangePublisher, store: ResponseCacheStore): () => void {
  const invalidate = (event: Parameters<typeof entitiesOf>[0]) => store.invalidate(entitiesOf(event));
  const offLocal = events.addInvalidator(invalidate);
  // Events from other processes; our own arrive too, which also evicts a result a racing request
  // stored between our write and its event (the store's epoch check makes that rare).
  const offBus = events.bus.onEvent(invalidate);
  return () => {
    offLocal();
    offBus();
  };
}

const presentsKey = (request: Request) => request.headers.has('authorization') || request.headers.has('x-api-key');

export function useNewsgraphResponseCache({ store, ttlMs }: ResponseCacheOptions): Plugin {
  return useResponseCache({
    cache: store,
    ttl: ttlMs,
    // Public data only: every cached result is shared by every anonymous caller.
    session: () => null,
    enabled: (request) => !presentsKey(request) && store.usable(),
    // Change events evict; a mutation's own result is not the place to learn what changed.
    invalidateViaMutation: false,
    includeExtensionMetadata: false,
    buildResponseCacheKey: ({ documentString, variableValues, operationName, context }) => {
      // Persisted operations may arrive as an id only: it is part of the key.
      const params = (context as { params?: { extensions?: unknown; documentId?: unknown } }).params;
      const digest = createHash('sha256')
        .update(
          JSON.stringify([
            documentString,
            operationName ?? null,
            variableValues ?? null,
            params?.documentId ?? null,
            params?.extensions ?? null,
          ]),
        )
        .digest('base64url');
      return `${operationKind(documentString, operationName) === 'facts' ? FACTS_KEY_PREFIX : 'l:'}${digest}`;
    },
  }) as Plugin;
}
