import { readFileSync } from 'node:fs';
import { useErrorHandler } from '@envelop/core';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createGraphQLError, createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { MongoError } from 'mongodb';
import type { ApiKey } from './auth.js';
import { createContextFactory, requestIdOf, type Context } from './context.js';
import type { Collections } from './db/collections.js';
import { invalidateOnChanges, type ResponseCacheOptions, useNewsgraphResponseCache } from './cache/index.js';
import { createChangeEvents, type ChangePublisher } from './events/index.js';
import { DEFAULT_SUBSCRIPTION_LIMITS, SubscriptionLimiter, type SubscriptionLimits } from './events/limiter.js';
import type { LoaderOptions } from './loaders.js';
import type { Logger } from './logger.js';
import {
  createMetrics,
  newRequestInfo,
  requestInfos,
  useObservability,
  usePrometheusMetrics,
  type Metrics,
} from './observability.js';
import { schema } from './schema/index.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './schema/limits.js';
import { useWebPage, type WebAssets } from './web.js';

export interface ServerOptions {
  collections: Collections;
  logger: Logger;
  /** GraphiQL at GET /graphql (on by default; off in production through config). */
  graphiql?: boolean;
  loaders?: LoaderOptions;
  /** API keys that may call mutations (none: every mutation is refused). */
  apiKeys?: readonly ApiKey[];
  /** Abuse limits; every one is on by default (src/schema/limits.ts). */
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
  /** The analyst page at `/` (src/web.ts); null serves a "not built" notice there, undefined no page. */
  web?: WebAssets | null;
  /** The response cache for anonymous reads (src/cache); none by default. */
  responseCache?: ResponseCacheOptions | null;
}

export type NewsgraphServer = YogaServerInstance<Record<string, unknown>, Context>;

const jsonError = (
  fetchAPI: { Response: typeof Response },
  status: number,
  message: string,
  code: string,
  extra: Record<string, unknown> = {},
) =>
  new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });

/** Gives every request an id (the client's x-request-id if sane), echoed in the response header and in logs. */
function useRequestId(): Plugin {
  return {
    onRequest({ request }) {
      requestInfos.set(request, newRequestInfo(requestIdOf(request)));
    },
    onResponse({ request, response }) {
      const id = requestInfos.get(request)?.id;
      if (id) response.headers.set('x-request-id', id);
    },
  };
}

/**
 * Refuses bodies over `maxBytes` with 413 before they are parsed. A declared Content-Length is
 * checked up front (Node's HTTP parser never delivers more than it declares); a chunked body is
 * read up to the limit and replaced by the bytes read.
 */
function useBodyLimit(maxBytes: number): Plugin {
  return {
    async onRequest({ request, setRequest, endResponse, fetchAPI }) {
      if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return;
      const tooLarge = () =>
        endResponse(
          jsonError(fetchAPI, 413, `The request body exceeds ${maxBytes} bytes`, 'PAYLOAD_TOO_LARGE', {
            limit: 'bodyBytes',
            max: maxBytes,
          }),
        );
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (!/^\d+$/.test(declared) || Number(declared) > maxBytes) tooLarge();
        return;
      }
      const reader = request.body.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel().catch(() => {});
          return tooLarge();
        }
        chunks.push(value);
      }
      const replacement = new fetchAPI.Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: Buffer.concat(chunks),
        signal: request.signal,
      });
      const info = requestInfos.get(request);
      if (info) requestInfos.set(replacement, info);
      setRequest(replacement);
    },
  };
}

/**
 * GET /ready answers 200 when the database answers a ping, 503 otherwise or while draining for
 * shutdown (/health is yoga's liveness check: it never touches the database).
 */
function useReadiness(collections: Collections, isDraining: () => boolean): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/ready') return;
      let ready = false;
      if (!isDraining()) {
        try {
          // The client's 3 s server selection bounds the wait; maxTimeMS bounds the command itself.
          await collections.db.command({ ping: 1, maxTimeMS: 2_000 });
          ready = true;
        } catch {
          ready = false;
        }
      }
      endResponse(
        new fetchAPI.Response(JSON.stringify({ ready, ...(isDraining() ? { draining: true } : {}) }), {
          status: ready ? 200 : 503,
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
  };
}

/** The typed error for an operation over a limit. */
const limitError = (message: string, limit: string, max: number) =>
  createGraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', limit, max, http: { status: 400 } } });

/** graphql-armor reports limits as plain errors; give them our code and the limit's name. */
const armorReject =
  (limit: string, max: number): GraphQLArmorRejectCallback =>
  (_ctx, error) => {
    Object.assign(error.extensions as Record<string, unknown>, { code: 'QUERY_TOO_COMPLEX', limit, max });
  };

/** Text limits before parsing: the `query` must be a string of at most `maxChars` characters. */
function useQueryTextLimit(maxChars: number): Plugin {
  return {
    onParams({ params }) {
      const query = (params as { query?: unknown }).query;
      if (query !== undefined && query !== null && typeof query !== 'string')
        throw createGraphQLError('"query" must be a string', {
          extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
        });
      if (typeof query === 'string' && query.length > maxChars)
        throw limitError(`The query has ${query.length} characters; the limit is ${maxChars}`, 'characters', maxChars);
    },
  };
}

/** Turns introspection off (validation rule: a rejected query never executes). */
function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/** yoga's CSRF check, with a code on its error. */
function useCsrfCheck(): Plugin {
  const csrf = useCSRFPrevention({
    requestHeaders: ['x-graphql-yoga-csrf', 'graphql-preflight', 'apollo-require-preflight'],
  });
  return {
    onRequestParse(payload) {
      try {
        return csrf.onRequestParse?.(payload);
      } catch {
        throw createGraphQLError(
          'A GET request or a form/text body needs a header such as "x-graphql-yoga-csrf: 1" (or send JSON)',
          { extensions: { code: 'CSRF_REJECTED', http: { status: 403 } } },
        );
      }
    },
  };
}

/**
 * Execution time limit and cancellation: execution gets a signal that aborts when the client
 * disconnects (yoga's request signal) or when `timeoutMs` passes; on timeout the client gets
 * REQUEST_TIMEOUT and the resolvers still waiting are not started.
 */
function useExecutionDeadline(timeoutMs: number): Plugin {
  return {
    onExecute({ args, setExecuteFn, executeFn }) {
      const request = (args.contextValue as { request?: Request }).request;
      setExecuteFn(async (execArgs) => {
        // One controller, aborted by either cause. (Not AbortSignal.any: on Node 20 the combined
        // signals it creates are retained, about 4 KB per request.)
        const deadline = new AbortController();
        const onDisconnect = () => deadline.abort(request?.signal.reason);
        if (request?.signal.aborted) onDisconnect();
        else request?.signal.addEventListener('abort', onDisconnect, { once: true });
        (execArgs as { signal?: AbortSignal }).signal = deadline.signal;
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<{ errors: GraphQLError[] }>((resolve) => {
          timer = setTimeout(() => {
            deadline.abort(new Error('request timeout'));
            resolve({
              errors: [
                createGraphQLError(`The request took longer than ${timeoutMs} ms and was stopped`, {
                  extensions: { code: 'REQUEST_TIMEOUT', http: { status: 503 } },
                }),
              ],
            });
          }, timeoutMs);
        });
        try {
          return await Promise.race([executeFn(execArgs), timedOut]);
        } finally {
          clearTimeout(timer);
          request?.signal.removeEventListener('abort', onDisconnect);
        }
      });
    },
  };
}

/**
 * Persisted operations from a JSON file mapping a hash to a document (the codegen client preset's
 * persisted-documents.json). The id is read from `documentId` or the APQ-style
 * `extensions.persistedQuery.sha256Hash`; a "sha256:" prefix is accepted.
 */
export function loadPersistedOperations(file: string): Map<string, string> {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${file}: expected an object of hash → document`);
  const operations = new Map<string, string>();
  for (const [hash, document] of Object.entries(parsed)) {
    if (typeof document !== 'string') throw new Error(`${file}: the document for ${hash} is not a string`);
    operations.set(hash.replace(/^sha256:/, ''), document);
  }
  return operations;
}

function usePersistedOperationAllowList(file: string, only: boolean): Plugin {
  const operations = loadPersistedOperations(file);
  return usePersistedOperations({
    allowArbitraryOperations: !only,
    extractPersistedOperationId: (params) => {
      const p = params as { documentId?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } };
      const id = p.documentId ?? p.extensions?.persistedQuery?.sha256Hash;
      return typeof id === 'string' ? id.replace(/^sha256:/, '') : null;
    },
    getPersistedOperation: (id) => operations.get(id) ?? null,
    customErrors: {
      notFound: {
        message: 'Unknown persisted operation',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
      },
      persistedQueryOnly: {
        message: 'Only persisted operations are accepted',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
      },
      keyNotFound: {
        message: 'Send a persisted operation id (documentId)',
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
      },
    },
  });
}

/** True for errors the client caused and may see (they carry an extensions.code we set). */
function isClientError(error: unknown): boolean {
  return error instanceof GraphQLError && typeof error.extensions?.code === 'string' && !error.originalError;
}

const UNAVAILABLE = /ServerSelection|Network|PoolCleared|Timeout|NotConnected|TopologyClosed/;

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
}: ServerOptions): NewsgraphServer {
  if (responseCache) invalidateOnChanges(events, responseCache.store);
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
    // GraphiQL 5 (bundled below) opens its first tab with `initialQuery`; `defaultQuery` is for new tabs.
    graphiql: graphiql
      ? ({ title: 'newsgraph', defaultQuery: DEFAULT_QUERY, initialQuery: DEFAULT_QUERY } as {
          title: string;
          defaultQuery: string;
        })
      : false,
    // The bundled GraphiQL: the page works without reaching a CDN (offline machines, strict CSPs).
    renderGraphiQL,
    landingPage: false,
    // Batched (JSON array) requests only when configured, and then at most 10 operations.
    batching: limits.maxBatchedOperations > 0 ? { limit: limits.maxBatchedOperations } : false,
    ...(persistedOperations?.file ? { extraParamNames: ['documentId'] } : {}),
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    context: ({ request }) => contextFactory({ request, requestId: requestInfos.get(request)?.id }),
    maskedErrors: {
      maskError(error, message) {
        // Errors made for the client (request parsing, validation, limits, our resolvers' typed
        // errors) pass as they are. By name, not instanceof: graphql may be loaded twice under test.
        if (error instanceof Error && error.name === 'GraphQLError' && !(error as GraphQLError).originalError)
          return error;
        const original = error instanceof GraphQLError ? error.originalError : error;
        if (original instanceof GraphQLError && typeof original.extensions?.code === 'string') return original;
        // graphql-js reports bad variable values (a string where an Int goes, an object for a
        // String) as an error wrapping the scalar's GraphQLError: the client's mistake.
        if (
          error instanceof Error &&
          error.name === 'GraphQLError' &&
          original instanceof Error &&
          original.name === 'GraphQLError'
        )
          return createGraphQLError(error.message, {
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
            ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
          });
        if (original instanceof MongoError && UNAVAILABLE.test(original.name))
          return createGraphQLError('The database is unavailable; try again shortly.', {
            extensions: { code: 'SERVICE_UNAVAILABLE' },
            ...(error instanceof GraphQLError ? { path: error.path } : {}),
          });
        return createGraphQLError(message, {
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
          ...(error instanceof GraphQLError ? { path: error.path } : {}),
        });
      },
    },
    plugins: [
      useRequestId(),
      ...(web !== undefined ? [useWebPage(web)] : []),
      useBodyLimit(limits.maxBodyBytes),
      useReadiness(collections, isDraining),
      usePrometheusMetrics(metrics),
      useObservability({ logger, client: collections.db.client, metrics }) as Plugin,
      useCsrfCheck(),
      ...(persistedOperations?.file
        ? [usePersistedOperationAllowList(persistedOperations.file, persistedOperations.only)]
        : []),
      useQueryTextLimit(limits.maxQueryChars),
      // Before the execution deadline, whose execute wraps the cache's.
      ...(responseCache ? [useNewsgraphResponseCache(responseCache)] : []),
      maxTokensPlugin({ n: limits.maxTokens, onReject: [armorReject('tokens', limits.maxTokens)] }),
      maxAliasesPlugin({ n: limits.maxAliases, onReject: [armorReject('aliases', limits.maxAliases)] }),
      maxDirectivesPlugin({ n: limits.maxDirectives, onReject: [armorReject('directives', limits.maxDirectives)] }),
      blockFieldSuggestionsPlugin(),
      ...(introspection ? [] : [useNoIntrospection()]),
      useExecutionDeadline(limits.requestTimeoutMs),
      // Unexpected errors are masked for the client but logged in full with the request id.
      useErrorHandler(({ errors, context }) => {
        const log = (context as Partial<Context>).logger ?? logger;
        for (const error of errors) {
          if (isClientError(error)) continue;
          const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
          if (original instanceof GraphQLError && typeof original.extensions?.code === 'string') continue;
          log.error(
            { err: original, path: error instanceof GraphQLError ? error.path : undefined },
            'unexpected error while executing a request',
          );
        }
      }),
    ],
  });
}

const DEFAULT_QUERY = `# Who did U.S. envoy Sung Kim meet, and what did he say — and where did we read it?
query SungKim {
  person(slug: "sung-kim") {
    name
    role
    metWith(first: 10) {
      totalCount
      edges { meetingCount node { name role } }
    }
    meetings(first: 10) {
      edges { node { date location participants { name } paragraph { index text } } }
    }
    quotes(first: 10) {
      edges { node { text kind span { start end } paragraph { index text article { title } } } }
    }
  }
}
`;
