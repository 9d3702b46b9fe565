/**
 * Request-level yoga plugins: request ids, body and text limits, readiness, CSRF, admission (load
 * shedding and per-client limits), the execution deadline.
 */
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLArmorRejectCallback } from '@escape.tech/graphql-armor-types';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { complexityFromQuery } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  Kind,
  NoSchemaIntrospectionCustomRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ClientLimiter, ExecutionLimiter, type Refusal } from '../admission.js';
import { authenticate, type ApiKey } from '../auth.js';
import { type Context, requestIdOf } from '../context.js';
import type { Collections } from '../db/collections.js';
import {
  admissionRefused,
  badRequest,
  badUserInputRequest,
  csrfRejected,
  errorResponse,
  markQueryTooComplex,
  queryTooComplex,
  queryTooComplexRequest,
  requestTimeout,
} from '../errors.js';
import type { AdmissionLimits, QueryLimits } from '../limits.js';
import { operationCost } from '../schema/cost.js';
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

/**
 * The document limits checked before validation: query text, tokens, aliases, directives,
 * well-formed text; no suggestions.
 */
export function useDocumentLimits(limits: QueryLimits): Plugin[] {
  return [
    useQueryTextLimit(limits.maxQueryChars),
    maxTokensPlugin({ n: limits.maxTokens, onReject: [armorReject('tokens', limits.maxTokens)] }),
    maxAliasesPlugin({ n: limits.maxAliases, onReject: [armorReject('aliases', limits.maxAliases)] }),
    maxDirectivesPlugin({ n: limits.maxDirectives, onReject: [armorReject('directives', limits.maxDirectives)] }),
    useNoSuggestions(),
    // After max-tokens, whose parser it wraps (that plugin replaces the parse function).
    useWellFormedText(),
  ];
}

/** graphql-js's "did you mean" tail, in all its forms (names, "the enum value …"). */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

function withoutSuggestions<T>(errors: readonly T[] | undefined): void {
  for (const error of errors ?? []) {
    if (!(error instanceof Error)) continue;
    const cleaned = error.message.replace(SUGGESTION, '');
    if (cleaned !== error.message) error.message = cleaned;
  }
}

/**
 * No "Did you mean …" in any error: they would spell out the schema to a client that cannot
 * introspect it. graphql-js suggests in validation (fields, arguments, type names, input fields
 * and enum values of literals) and while coercing variables (input fields and enum values), so
 * both the validation result and the execution result are cleaned. (graphql-armor's
 * block-field-suggestions only cleans validation, and not its enum-value form.)
 */
export function useNoSuggestions(): Plugin {
  return {
    onValidate:
      () =>
      ({ result }) =>
        withoutSuggestions(result),
    onExecute: () => ({
      onExecuteDone: ({ result }) => {
        if (!(Symbol.asyncIterator in result)) withoutSuggestions(result.errors);
      },
    }),
  };
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

/** The node request behind a yoga request, when it came over a socket (not through yoga.fetch). */
type ServerContext = { req?: { socket?: { remoteAddress?: string } } };

/** An address as one form: IPv4-mapped IPv6 (`::ffff:10.0.0.1`) as its IPv4. */
const plainAddress = (address: string) => address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');

/**
 * Who a request counts against: its API key if it is a configured one, else its remote address.
 * When the socket's address is one of `trustedProxies`, the address is the right-most entry of
 * `X-Forwarded-For` that is not a trusted proxy (entries a client wrote itself sit to the left of
 * what its proxies appended, so they are never taken). A request that came through no socket
 * (yoga.fetch in the same process: tests, scripts) is no network client: null, and per-client
 * limits do not apply to it (the server-wide ones do).
 */
export function admissionClient(
  keyName: string | null,
  serverContext: unknown,
  headers?: Headers,
  trustedProxies: ReadonlySet<string> = new Set(),
): string | null {
  const socketAddress = (serverContext as ServerContext | undefined)?.req?.socket?.remoteAddress;
  if (!socketAddress) return null;
  if (keyName) return `key:${keyName}`;
  let address = plainAddress(socketAddress);
  if (trustedProxies.has(address)) {
    const forwarded = (headers?.get('x-forwarded-for') ?? '').split(',').map(plainAddress).filter(Boolean);
    while (forwarded.length && trustedProxies.has(forwarded.at(-1)!)) forwarded.pop();
    if (forwarded.length) address = forwarded.at(-1)!;
  }
  return `addr:${address}`;
}

/** The trusted proxies' addresses in the one form `admissionClient` compares. */
export const trustedProxySet = (addresses: readonly string[]): ReadonlySet<string> =>
  new Set(addresses.map(plainAddress));

const refusalError = (refusal: Refusal) =>
  admissionRefused(
    refusal.kind.startsWith('client-') ? 'client' : 'server',
    refusal.message,
    refusal.kind,
    refusal.retryAfterSeconds,
  );

/** Whether the operation is over the Pothos depth, breadth or complexity limit. */
function overShapeLimits(
  args: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variableValues?: unknown },
  context: Partial<Context>,
): boolean {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation || !context.limits) return false;
  const document = {
    kind: Kind.DOCUMENT,
    definitions: [operation, ...args.document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)],
  } as const;
  try {
    const { depth, breadth, complexity } = complexityFromQuery(document, {
      schema: args.schema,
      ctx: context,
      variables: (args.variableValues ?? {}) as Record<string, unknown>,
    });
    const { maxDepth, maxBreadth, maxComplexity } = context.limits;
    return depth > maxDepth || breadth > maxBreadth || complexity > maxComplexity;
  } catch {
    return false;
  }
}

export interface AdmissionState {
  clients: ClientLimiter;
  slots: ExecutionLimiter;
}

/**
 * Load shedding and fairness (src/admission.ts holds the counting):
 * - every request to `endpoint` spends one token of its client's rate, before it is parsed; past
 *   the rate it gets 429 TOO_MANY_REQUESTS with Retry-After at once;
 * - an operation is priced by its database cost estimate (src/schema/cost.ts) once validated:
 *   over `maxCost` it is refused (QUERY_TOO_COMPLEX, limit "databaseCost");
 * - then it needs a place among its client's executions in flight (429 past it) and an execution
 *   slot (heavy operations one of a few heavy slots), waiting at most `queueTimeoutMs` in a short
 *   queue; past that 503 SERVICE_UNAVAILABLE with Retry-After, at once.
 * Nothing refused here has sent a database command. Subscriptions take no execution slot (they
 * have their own caps, src/events/limiter.ts).
 */
export function useAdmission(
  limits: AdmissionLimits,
  {
    apiKeys,
    endpoint,
    trustedProxies = [],
  }: { apiKeys: readonly ApiKey[]; endpoint: string; trustedProxies?: readonly string[] },
  state: AdmissionState = { clients: new ClientLimiter(limits), slots: new ExecutionLimiter(limits) },
): Plugin {
  const { clients, slots } = state;
  const proxies = trustedProxySet(trustedProxies);
  return {
    onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return;
      const keyName = authenticate(request.headers, apiKeys).keyName;
      const client = admissionClient(keyName, serverContext, request.headers, proxies);
      const refusal = client === null ? null : clients.take(client);
      if (!refusal) return;
      const response = errorResponse(fetchAPI, 429, 'TOO_MANY_REQUESTS', refusal.message, {
        limit: refusal.kind,
        retryAfterSeconds: refusal.retryAfterSeconds,
      });
      response.headers.set('retry-after', String(refusal.retryAfterSeconds));
      endResponse(response);
    },
    onExecute({ args, setExecuteFn, executeFn }) {
      const context = args.contextValue as Partial<Context> & ServerContext & { request?: Request };
      let cost: number;
      try {
        cost = operationCost(args.schema, args.document, args.operationName, args.variableValues);
      } catch {
        cost = 0; // execution reports what is wrong with the operation
      }
      setExecuteFn(async (execArgs) => {
        // Over a shape limit (depth, breadth, complexity) the schema refuses it before any resolver
        // runs, naming that limit; the cost ceiling is for operations of an acceptable shape.
        if (cost > limits.maxCost && !overShapeLimits(args, context))
          return {
            errors: [
              queryTooComplex(
                `The operation would read about ${cost} documents; the limit is ${limits.maxCost}. Ask for smaller pages, fewer totalCount fields or fewer aliases.`,
                'databaseCost',
                limits.maxCost,
                { cost, http: { status: 400 } },
              ),
            ],
          };
        // Identified once per request when its context was built (same rule as the rate check above).
        const client = (context as Partial<Context>).client ?? null;
        const place = client === null ? { release: () => {} } : clients.enter(client);
        if ('kind' in place) return { errors: [refusalError(place)] };
        try {
          const slot = await slots.acquire(cost);
          if ('kind' in slot) return { errors: [refusalError(slot)] };
          try {
            return await executeFn(execArgs);
          } finally {
            slot.release();
          }
        } finally {
          place.release();
        }
      });
    },
  };
}

/** What yoga's `cors` option takes (its CORSOptions type is not exported under one name). */
type CorsOptions = {
  origin?: string | string[];
  methods?: string[];
  allowedHeaders?: string[];
  exposedHeaders?: string[];
  credentials?: boolean;
  maxAge?: number;
};

/**
 * CORS: off unless origins are configured; then only those exact origins, and never with
 * credentials (keys travel in headers, not cookies, so no cross-origin request needs them). Any
 * other origin gets no CORS header at all, so a browser keeps the response from its page. (yoga's
 * default would reflect any origin with `Access-Control-Allow-Credentials: true`.)
 */
export function corsPolicy(origins: readonly string[]): false | ((request: Request) => CorsOptions | false) {
  if (origins.length === 0) return false;
  const allowed = new Set(origins);
  return (request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false;
    return {
      origin,
      credentials: false,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'accept', 'authorization', 'x-api-key', 'x-request-id', 'x-graphql-yoga-csrf'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    };
  };
}

/** With a CORS allow-list, responses differ by Origin: say so to caches. */
export function useVaryOrigin(): Plugin {
  return {
    onResponse({ response }) {
      const vary = response.headers.get('vary');
      if (!vary) response.headers.set('vary', 'Origin');
      else if (!/(^|,)\s*origin\s*(,|$)/i.test(vary)) response.headers.set('vary', `${vary}, Origin`);
    },
  };
}

/** A UTF-16 surrogate not paired with its other half: not a character, and stored as U+FFFD. */
const LONE_SURROGATE = /\p{Cs}/u;
/** graphql-js's syntax errors for a surrogate in a string literal (an escape or a raw one). */
const SURROGATE_SYNTAX =
  /Invalid Unicode escape sequence: "\\u\{?0*[dD][89a-fA-F]|Invalid character within String: U\+D[89A-F]/;

/** Where in a variable value (a path like `$input.name`) a string holds a lone surrogate, if anywhere. */
function loneSurrogateAt(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    if (LONE_SURROGATE.test(key)) return `${path}.${key}`;
    const found = loneSurrogateAt(inner, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const TEXT_BODY = /^(application\/(json|graphql\+json|graphql)|text\/plain)\b/i;

/**
 * Text a client sends must be well-formed Unicode, or it would be stored changed (the driver writes
 * a lone surrogate as U+FFFD; a body decoder does the same with invalid UTF-8). Refused with
 * BAD_USER_INPUT (400) before anything runs: a request body that is not valid UTF-8 (checked on the
 * bytes, before the JSON is parsed), a lone surrogate anywhere in the query text or the variables
 * (JSON `\ud800` escapes decode to one), and a surrogate escape in a string literal of the document.
 */
export function useWellFormedText(): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      if (!requestParser || request.method !== 'POST' || !TEXT_BODY.test(request.headers.get('content-type') ?? ''))
        return;
      setRequestParser(async (req) => {
        // On a copy: the request itself goes to yoga's parser untouched.
        try {
          strictUtf8.decode(await req.clone().arrayBuffer());
        } catch {
          throw badUserInputRequest('The request body is not valid UTF-8');
        }
        return requestParser(req);
      });
    },
    onParams({ params }) {
      const { query, variables } = params as { query?: unknown; variables?: unknown };
      if (typeof query === 'string' && LONE_SURROGATE.test(query))
        throw badUserInputRequest('The query contains a lone UTF-16 surrogate (not a character)');
      const at = loneSurrogateAt(variables, '$');
      if (at) throw badUserInputRequest(`The variable ${at} contains a lone UTF-16 surrogate (not a character)`);
    },
    onParse({ setParseFn, parseFn }) {
      setParseFn((source, options) => {
        try {
          return parseFn(source, options);
        } catch (error) {
          if (error instanceof Error && SURROGATE_SYNTAX.test(error.message))
            throw badUserInputRequest(`A string in the query is not well-formed Unicode: ${error.message}`);
          throw error;
        }
      });
    },
  };
}
