/**
 * The service's one error vocabulary: every error a client may see carries one of these codes in
 * `extensions.code`, and every such error is made here. The masking decision (what a client sees,
 * what is logged as unexpected) is `classifyError` below; the HTTP layer only applies it.
 */
import { type ASTNode, GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { MongoError } from 'mongodb';

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'QUERY_TOO_COMPLEX'
  | 'PAYLOAD_TOO_LARGE'
  | 'CSRF_REJECTED'
  | 'PERSISTED_QUERY_NOT_FOUND'
  | 'PERSISTED_QUERY_ONLY'
  | 'REQUEST_TIMEOUT'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE'
  | 'TOO_MANY_SUBSCRIPTIONS'
  | 'EVENTS_UNAVAILABLE'
  | 'SUBSCRIPTION_OVERFLOW'
  | 'CURSOR_EXPIRED'
  | 'TOO_MANY_EXPORTS'
  | 'INTERNAL_SERVER_ERROR';

/** Codes yoga itself gives parse and validation errors (never made here). */
export type YogaErrorCode = 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED';

/** Where the error sits in the response (a field's path, the document's nodes). */
type Location = { nodes?: readonly ASTNode[] | undefined; path?: readonly (string | number)[] | undefined };

const make = (code: ErrorCode, message: string, extra: Record<string, unknown> = {}, at: Location = {}) =>
  createGraphQLError(message, { ...at, extensions: { code, ...extra } });

const status = (s: number) => ({ http: { status: s } });

/** The request itself is malformed (e.g. a non-string `query`). */
export const badRequest = (message: string) => make('BAD_REQUEST', message, status(400));
/** An argument or variable the client sent is not acceptable. */
export const badUserInput = (message: string, at?: Location) => make('BAD_USER_INPUT', message, {}, at);
/** The same, for errors raised before execution (HTTP 400). */
export const badUserInputRequest = (message: string, at?: Location) => make('BAD_USER_INPUT', message, status(400), at);
export const notFound = (message: string) => make('NOT_FOUND', message);
export const conflict = (message: string) => make('CONFLICT', message);
export const unauthenticated = (message: string) => make('UNAUTHENTICATED', message);
export const forbidden = (message: string) => make('FORBIDDEN', message);
/** An operation over one of the query limits; `limit` names it, `max` is its value. */
export const queryTooComplex = (message: string, limit: string, max: number, extra: Record<string, unknown> = {}) =>
  make('QUERY_TOO_COMPLEX', message, { limit, ...extra, max });
/** The same, for limits checked before validation (HTTP 400). */
export const queryTooComplexRequest = (message: string, limit: string, max: number) =>
  make('QUERY_TOO_COMPLEX', message, { limit, max, ...status(400) });
export const csrfRejected = (message: string) => make('CSRF_REJECTED', message, status(403));
export const requestTimeout = (message: string) => make('REQUEST_TIMEOUT', message, status(503));
/**
 * Admission refusals (src/admission.ts), answered at once: this client's rate or work in flight
 * (429 TOO_MANY_REQUESTS) or the server's capacity (503 SERVICE_UNAVAILABLE). `limit` names the
 * limit; the Retry-After header and `retryAfterSeconds` say when to come back.
 */
export const admissionRefused = (
  kind: 'client' | 'server',
  message: string,
  limit: string,
  retryAfterSeconds: number,
) =>
  make(kind === 'client' ? 'TOO_MANY_REQUESTS' : 'SERVICE_UNAVAILABLE', message, {
    limit,
    retryAfterSeconds,
    http: { status: kind === 'client' ? 429 : 503, headers: { 'retry-after': String(retryAfterSeconds) } },
  });
export const serviceUnavailable = (message: string, at?: Location) => make('SERVICE_UNAVAILABLE', message, {}, at);
/** Over an open-subscription cap; `limit` names it (perClient, total). */
export const tooManySubscriptions = (message: string, limit: string, max: number) =>
  make('TOO_MANY_SUBSCRIPTIONS', message, { limit, max });
/** Live events cannot be delivered (the bus is down). */
export const eventsUnavailable = (message: string) => make('EVENTS_UNAVAILABLE', message);
/** A subscription ended because its client read slower than events arrived. */
export const subscriptionOverflow = (message: string) => make('SUBSCRIPTION_OVERFLOW', message);
export const internalServerError = (message: string, at?: Location) => make('INTERNAL_SERVER_ERROR', message, {}, at);

/**
 * Errors in the shape yoga's plugins take as options (persisted operations' custom errors):
 * message and extensions, not an error object.
 */
export const errorShape = (code: ErrorCode, message: string, httpStatus: number) => ({
  message,
  extensions: { code, ...status(httpStatus) },
});

/** A JSON error response for plugins that answer before GraphQL runs (e.g. 413 for a large body). */
export function errorResponse(
  fetchAPI: { Response: typeof Response },
  httpStatus: number,
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code, ...extra } }] }), {
    status: httpStatus,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/** Gives a graphql-armor rejection (a plain GraphQLError) our code and the limit's name. */
export function markQueryTooComplex(error: GraphQLError, limit: string, max: number): void {
  const code: ErrorCode = 'QUERY_TOO_COMPLEX';
  Object.assign(error.extensions as Record<string, unknown>, { code, limit, max });
}

const UNAVAILABLE = /ServerSelection|Network|PoolCleared|Timeout|NotConnected|TopologyClosed|ServerClosed/;
/**
 * Server error codes of a server going away or not taking reads (the driver retries on these):
 * HostUnreachable, HostNotFound, NetworkTimeout, ShutdownInProgress, PrimarySteppedDown,
 * ExceededTimeLimit, SocketException, NotWritablePrimary, InterruptedAtShutdown,
 * InterruptedDueToReplStateChange, NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary.
 */
const UNAVAILABLE_CODES = new Set([6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436]);
/** Socket errors the driver can let through when the server dies mid-write ("socket has been ended"). */
const SOCKET_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const isUnavailable = (e: unknown) =>
  e instanceof MongoError
    ? UNAVAILABLE.test(e.name) || (typeof e.code === 'number' && UNAVAILABLE_CODES.has(e.code))
    : e instanceof Error && SOCKET_CODES.has(String((e as { code?: unknown }).code));

// By name, not instanceof: graphql may be loaded twice under test.
const isGraphQLError = (e: unknown): e is GraphQLError => e instanceof Error && e.name === 'GraphQLError';
const hasCode = (e: unknown) => isGraphQLError(e) && typeof e.extensions?.code === 'string';

/**
 * The masking decision, made once. `client`: the error was made for the client and goes out as it
 * is. `unexpected`: anything else; the client gets a masked error (`masked`) and the full error
 * is logged.
 */
export type ErrorClass = { kind: 'client'; error: GraphQLError } | { kind: 'unexpected'; masked: GraphQLError };

export function classifyError(error: unknown, maskedMessage = 'Unexpected error.'): ErrorClass {
  const at: Location = error instanceof GraphQLError ? { path: error.path } : {};
  // Request parsing, validation, limits and our resolvers' typed errors.
  if (isGraphQLError(error) && !error.originalError) return { kind: 'client', error };
  const original = isGraphQLError(error) ? error.originalError : error;
  if (hasCode(original)) return { kind: 'client', error: original as GraphQLError };
  // graphql-js reports bad variable values (a string where an Int goes, an object for a String)
  // as an error wrapping the scalar's GraphQLError: the client's mistake.
  if (isGraphQLError(error) && isGraphQLError(original))
    return {
      kind: 'client',
      error: badUserInputRequest(
        error.message,
        error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {},
      ),
    };
  if (isUnavailable(original))
    return { kind: 'unexpected', masked: serviceUnavailable('The database is unavailable; try again shortly.', at) };
  return { kind: 'unexpected', masked: internalServerError(maskedMessage, at) };
}

/** The error behind a GraphQL error, for logs. */
export const originalOf = (error: unknown): unknown =>
  error instanceof GraphQLError ? (error.originalError ?? error) : error;
