import { randomUUID } from 'node:crypto';
import { useErrorHandler } from '@envelop/core';
import { GraphQLError } from 'graphql';
import { createGraphQLError, createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { MongoError } from 'mongodb';
import { createContextFactory, type Context } from './context.js';
import type { Collections } from './db/collections.js';
import type { LoaderOptions } from './loaders.js';
import type { Logger } from './logger.js';
import { schema } from './schema/index.js';

export interface ServerOptions {
  collections: Collections;
  logger: Logger;
  /** GraphiQL at GET /graphql (on by default). */
  graphiql?: boolean;
  loaders?: LoaderOptions;
}

export type NewsgraphServer = YogaServerInstance<Record<string, unknown>, Context>;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const requestIds = new WeakMap<Request, string>();

/** Gives every request an id (the client's x-request-id if sane), echoed in the response header and in logs. */
function useRequestId(): Plugin {
  return {
    onRequest({ request }) {
      const given = request.headers.get('x-request-id');
      requestIds.set(request, given && REQUEST_ID.test(given) ? given : randomUUID());
    },
    onResponse({ request, response }) {
      const id = requestIds.get(request);
      if (id) response.headers.set('x-request-id', id);
    },
  };
}

/** GET /ready answers 200 when the database answers a ping, 503 otherwise (/health is yoga's liveness check). */
function useReadiness(collections: Collections): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/ready') return;
      let ready = false;
      try {
        await collections.db.command({ ping: 1 }, { timeoutMS: 2_000 } as never);
        ready = true;
      } catch {
        ready = false;
      }
      void request;
      endResponse(
        new fetchAPI.Response(JSON.stringify({ ready }), { status: ready ? 200 : 503, headers: { 'content-type': 'application/json' } }),
      );
    },
  };
}

/** True for errors the client caused and may see (they carry an extensions.code we set). */
function isClientError(error: unknown): boolean {
  return error instanceof GraphQLError && typeof error.extensions?.code === 'string' && !error.originalError;
}

/** Builds the yoga instance (no listening): the entry point and tests both use it. */
export function createServer({ collections, logger, graphiql = true, loaders }: ServerOptions): NewsgraphServer {
  const contextFactory = createContextFactory({ collections, logger, ...(loaders ? { loaders } : {}) });
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: graphiql ? { title: 'newsgraph', defaultQuery: DEFAULT_QUERY } : false,
    landingPage: false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    context: ({ request }) => contextFactory({ request, requestId: requestIds.get(request) }),
    maskedErrors: {
      maskError(error, message) {
        const original = error instanceof GraphQLError ? error.originalError : error;
        if (original instanceof GraphQLError && typeof original.extensions?.code === 'string') return original;
        if (original instanceof MongoError && /ServerSelection|Network|PoolCleared|Timeout/.test(original.name))
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
      useReadiness(collections),
      // Unexpected errors are masked for the client but logged in full with the request id.
      useErrorHandler(({ errors, context }) => {
        const log = (context as Partial<Context>).logger ?? logger;
        for (const error of errors) {
          if (isClientError(error)) continue;
          const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
          if (original instanceof GraphQLError && typeof original.extensions?.code === 'string') continue;
          log.error({ err: original, path: error instanceof GraphQLError ? error.path : undefined }, 'unexpected error while executing a request');
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
