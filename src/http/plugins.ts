/** Request-level yoga plugins: request ids, body and text limits, readiness, CSRF, the execution deadline. */
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { type GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestIdOf } from '../context.js';
import type { Collections } from '../db/collections.js';
import {
  badRequest,
  csrfRejected,
  errorResponse,
  markQueryTooComplex,
  queryTooComplexRequest,
  requestTimeout,
} from '../errors.js';
import type { QueryLimits } from '../limits.js';
import { newRequestInfo, requestInfos } from './observability.js';

/** Gives every request an id (the client's x-request-id if sane), echoed in the response header and in logs. */
export function useRequestId(): Plugin {
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
export function useBodyLimit(maxBytes: number): Plugin {
  return {
    async onRequest({ request, setRequest, endResponse, fetchAPI }) {
      if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return;
      const tooLarge = () =>
        endResponse(
          errorResponse(fetchAPI, 413, 'PAYLOAD_TOO_LARGE', `The request body exceeds ${maxBytes} bytes`, {
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
export function useReadiness(collections: Collections, isDraining: () => boolean): Plugin {
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

/** graphql-armor reports limits as plain errors; give them our code and the limit's name. */
const armorReject =
  (limit: string, max: number): GraphQLArmorRejectCallback =>
  (_ctx, error) =>
    markQueryTooComplex(error, limit, max);

/** Text limits before parsing: the `query` must be a string of at most `maxChars` characters. */
function useQueryTextLimit(maxChars: number): Plugin {
  return {
    onParams({ params }) {
      const query = (params as { query?: unknown }).query;
      if (query !== undefined && query !== null && typeof query !== 'string')
        throw badRequest('"query" must be a string');
      if (typeof query === 'string' && query.length > maxChars)
        throw queryTooComplexRequest(
          `The query has ${query.length} characters; the limit is ${maxChars}`,
          'characters',
          maxChars,
        );
    },
  };
}

/** The document limits checked before validation: query text, tokens, aliases, directives; no field suggestions. */
export function useDocumentLimits(limits: QueryLimits): Plugin[] {
  return [
    useQueryTextLimit(limits.maxQueryChars),
    maxTokensPlugin({ n: limits.maxTokens, onReject: [armorReject('tokens', limits.maxTokens)] }),
    maxAliasesPlugin({ n: limits.maxAliases, onReject: [armorReject('aliases', limits.maxAliases)] }),
    maxDirectivesPlugin({ n: limits.maxDirectives, onReject: [armorReject('directives', limits.maxDirectives)] }),
    blockFieldSuggestionsPlugin(),
  ];
}

/** Turns introspection off (validation rule: a rejected query never executes). */
export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}

/** yoga's CSRF check, with a code on its error. */
export function useCsrfCheck(): Plugin {
  const csrf = useCSRFPrevention({
    requestHeaders: ['x-graphql-yoga-csrf', 'graphql-preflight', 'apollo-require-preflight'],
  });
  return {
    onRequestParse(payload) {
      try {
        return csrf.onRequestParse?.(payload);
      } catch {
        throw csrfRejected(
          'A GET request or a form/text body needs a header such as "x-graphql-yoga-csrf: 1" (or send JSON)',
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
export function useExecutionDeadline(timeoutMs: number): Plugin {
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
            resolve({ errors: [requestTimeout(`The request took longer than ${timeoutMs} ms and was stopped`)] });
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
