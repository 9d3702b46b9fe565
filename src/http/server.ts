import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { ApiKey } from '../auth.js';
import { createContextFactory, type Context } from '../context.js';
import { invalidateOnChanges, type ResponseCacheOptions, useNewsgraphResponseCache } from '../cache/index.js';
import type { Collections } from '../db/collections.js';
import { createChangeEvents, type ChangePublisher } from '../events/index.js';
import { DEFAULT_SUBSCRIPTION_LIMITS, SubscriptionLimiter, type SubscriptionLimits } from '../events/limiter.js';
import type { LoaderOptions } from '../loaders.js';
import type { Logger } from '../logger.js';
import { type AdmissionLimits, DEFAULT_ADMISSION_LIMITS, DEFAULT_QUERY_LIMITS, type QueryLimits } from '../limits.js';
import { schema } from '../schema/index.js';
import { maskError, useUnexpectedErrorLog, yogaLogging } from './errorPolicy.js';
import { useOrderedExecution } from './engine.js';
import { DEFAULT_EXPORT_LIMITS, type ExportLimits, useExport } from './export.js';
import { useGraphiQLPage } from './graphiql.js';
import { createMetrics, requestInfos, useObservability, usePrometheusMetrics, type Metrics } from './observability.js';
import { usePersistedOperationAllowList } from './persistedOperations.js';
import { useWebPage, type WebAssets } from './web.js';
import {
  admissionClient,
  corsPolicy,
  useAdmission,
  useBodyLimit,
  useCsrfCheck,
  useDocumentLimits,
  useExecutionDeadline,
  useNoIntrospection,
  useReadiness,
  useRequestId,
  trustedProxySet,
  useVaryOrigin,
} from './plugins.js';

export { loadPersistedOperations } from './persistedOperations.js';

export interface ServerOptions {
  collections: Collections;
  logger: Logger;
  /** GraphiQL at GET /graphql (on by default; off in production through config). */
  graphiql?: boolean;
  loaders?: LoaderOptions;
  /** API keys that may call mutations (none: every mutation is refused). */
  apiKeys?: readonly ApiKey[];
  /** Abuse limits; every one is on by default (src/limits.ts). */
  limits?: QueryLimits;
  /** Schema introspection (on by default; off in production through config). */
  introspection?: boolean;
  /** Persisted operations: a JSON file of hash → document; `only` refuses every other document. */
  persistedOperations?: { file: string | null; only: boolean };
  /** Reports whether the service is draining for shutdown (then /ready says 503). */
  isDraining?: () => boolean;
  /** Prometheus registry and custom metrics (a fresh set by default). */
  metrics?: Metrics;
  /** Change events (src/events); by default an in-process bus of this server's own. */
  events?: ChangePublisher;
  /** Open-subscription caps. */
  subscriptionLimits?: SubscriptionLimits;
  /** The analyst page at `/` (src/http/web.ts); null serves a "not built" notice there, undefined no page. */
  web?: WebAssets | null;
  /** The response cache for anonymous reads (src/cache); none by default. */
  responseCache?: ResponseCacheOptions | null;
  /** Load shedding and per-client limits (src/admission.ts; on by default); null turns them off. */
  admission?: AdmissionLimits | null;
  /** Addresses of reverse proxies whose X-Forwarded-For names the client for per-client limits. */
  trustedProxies?: readonly string[];
  /** Origins allowed to read responses cross-origin (CORS, never with credentials); none by default. */
  corsOrigins?: readonly string[];
  /** Concurrent bulk exports (GET /export/*.ndjson, API keys with the `export` scope). */
  exportLimits?: ExportLimits;
}

export type NewsgraphServer = YogaServerInstance<Record<string, unknown>, Context>;

/** Builds the yoga instance (no listening): the entry point and tests both use it. */
export function createServer({
  collections,
  logger,
  graphiql = true,
  loaders,
  apiKeys = [],
  limits = DEFAULT_QUERY_LIMITS,
  introspection = true,
  persistedOperations,
  isDraining = () => false,
  metrics = createMetrics(),
  events = createChangeEvents({ collections, logger }),
  subscriptionLimits = DEFAULT_SUBSCRIPTION_LIMITS,
  web,
  responseCache = null,
  admission = DEFAULT_ADMISSION_LIMITS,
  corsOrigins = [],
  trustedProxies = [],
  exportLimits = DEFAULT_EXPORT_LIMITS,
}: ServerOptions): NewsgraphServer {
  if (responseCache) invalidateOnChanges(events, responseCache.store);
  const proxySet = trustedProxySet(trustedProxies);
  const contextFactory = createContextFactory({
    collections,
    logger,
    apiKeys,
    limits,
    events,
    subscriptions: new SubscriptionLimiter(subscriptionLimits),
    ...(loaders ? { loaders } : {}),
  });
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    // GraphiQL is served by useGraphiQLPage (bundled, no CDN; compressed; ?query= links; dashboard tabs).
    graphiql: false,
    landingPage: false,
    cors: corsPolicy(corsOrigins),
    // Batched (JSON array) requests only when configured, and then at most 10 operations.
    batching: limits.maxBatchedOperations > 0 ? { limit: limits.maxBatchedOperations } : false,
    ...(persistedOperations?.file ? { extraParamNames: ['documentId'] } : {}),
    // Client mistakes at info, without stacks and rate-limited; unexpected errors at error.
    logging: yogaLogging(logger),
    context: (initial) =>
      contextFactory({
        request: initial.request,
        requestId: requestInfos.get(initial.request)?.id,
        client: (keyName) => admissionClient(keyName, initial, initial.request.headers, proxySet),
      }),
    maskedErrors: { maskError },
    plugins: [
      // graphql-js's executor (responses in selection order); first, so the plugins below wrap it.
      useOrderedExecution(),
      useRequestId(),
      ...(corsOrigins.length ? [useVaryOrigin()] : []),
      useExport({ collections, apiKeys, logger, limits: exportLimits }),
      ...(web !== undefined ? [useWebPage(web)] : []),
      ...(graphiql ? [useGraphiQLPage('/graphql')] : []),
      useBodyLimit(limits.maxBodyBytes),
      useReadiness(collections, isDraining),
      usePrometheusMetrics(metrics),
      useObservability({ logger, client: collections.db.client, metrics }) as Plugin,
      useCsrfCheck(),
      ...(persistedOperations?.file
        ? [usePersistedOperationAllowList(persistedOperations.file, persistedOperations.only)]
        : []),
      ...useDocumentLimits(limits),
      // Inside the cache (a cached answer needs no slot) and the deadline (a queued request's wait counts).
      ...(admission ? [useAdmission(admission, { apiKeys, endpoint: '/graphql', trustedProxies })] : []),
      // Before the execution deadline, whose execute wraps the cache's.
      ...(responseCache ? [useNewsgraphResponseCache(responseCache)] : []),
      ...(introspection ? [] : [useNoIntrospection()]),
      useExecutionDeadline(limits.requestTimeoutMs),
      useUnexpectedErrorLog(logger),
    ],
  });
}
