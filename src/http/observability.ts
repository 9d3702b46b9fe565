/**
 * Per-request logs and Prometheus metrics.
 *
 * Every request gets one structured log line when its response is sent: request id, method, path,
 * status, GraphQL operation name, duration and the number of database commands it caused (counted
 * by the request session's lsid, see src/db/commandCounter.ts). `/metrics` serves the
 * yoga/envelop metrics (requests, errors, phase and HTTP latency histograms) plus our own counters.
 *
 * `/metrics` is unauthenticated, so no label may take a value a client chooses freely: every label
 * set must stay bounded whatever clients send. The yoga/envelop metrics therefore carry no
 * operation name, URL or error path (only operation type, method, status code and phase); our own
 * per-operation histogram uses `operationLabel`, which names at most MAX_OPERATION_LABELS
 * operations (plus every allow-listed persisted operation) and puts the rest under "other".
 */
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { getOperationAST, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { MongoClient } from 'mongodb';
import { Counter, Histogram, Registry } from 'prom-client';
import type { Context } from '../context.js';
import { attachCommandCounter, newCommandTally, type CommandTally } from '../db/commandCounter.js';
import type { ErrorCode, YogaErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';

/** What we learn about a request as it goes through the pipeline. */
export interface RequestInfo {
  id: string;
  startedAt: number;
  operationName: string | null;
  operationType: string | null;
  /**
   * The request sent no document text: the one it runs came from the persisted-operation
   * allow-list (without that list a request without `query` never executes).
   */
  persisted: boolean;
  tally: CommandTally;
  /**
   * Stop counting the request's commands and end their sessions: one per execution (a batched
   * request executes several operations, each with its own context).
   */
  stopCounting: (() => void)[];
  errorCodes: string[];
}

/** Request → its info. Plugins that replace the Request (body limit) map the new one to the same info. */
export const requestInfos = new WeakMap<Request, RequestInfo>();

export interface Metrics {
  registry: Registry;
  dbCommands: Counter<'command'>;
  dbCommandsPerRequest: Histogram<'operation'>;
  rejected: Counter<'code'>;
  /** The `operation` label for a request (bounded: see operationLabel). */
  operationLabel(name: string | null, persisted: boolean): string;
  /** Reports the client's commands in `dbCommands` (one listener per client, however many servers). */
  observeClient(client: MongoClient): void;
}

/** Distinct client-sent operation names that get their own label value; the rest are "other". */
export const MAX_OPERATION_LABELS = 50;
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Commands each client has sent, by command name: one `commandStarted` listener per client. */
const clientCommandTotals = new WeakMap<MongoClient, Map<string, number>>();
function commandTotals(client: MongoClient): Map<string, number> {
  let totals = clientCommandTotals.get(client);
  if (!totals) {
    const counts = new Map<string, number>();
    totals = counts;
    clientCommandTotals.set(client, counts);
    client.on('commandStarted', (event) => counts.set(event.commandName, (counts.get(event.commandName) ?? 0) + 1));
  }
  return totals;
}

/** A registry per server, so several servers in one process (tests) do not collide. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  const knownOperations = new Set<string>();
  let totals: Map<string, number> | undefined;
  return {
    registry,
    // Read from the client's running totals at scrape time (the driver's names: a bounded set).
    dbCommands: new Counter({
      name: 'newsgraph_db_commands_total',
      help: 'MongoDB commands sent by the database client, by command name',
      labelNames: ['command'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [command, n] of totals ?? []) this.inc({ command }, n);
      },
    }),
    dbCommandsPerRequest: new Histogram({
      name: 'newsgraph_db_commands_per_request',
      help: 'MongoDB commands one GraphQL request caused',
      labelNames: ['operation'],
      buckets: [0, 1, 2, 4, 8, 16, 32, 64, 128],
      registers: [registry],
    }),
    rejected: new Counter({
      name: 'newsgraph_requests_rejected_total',
      help: 'Requests refused by a limit or authorization, by error code',
      labelNames: ['code'],
      registers: [registry],
    }),
    operationLabel(name, persisted) {
      if (name === null) return 'anonymous';
      // Allow-listed documents are the server's own: their names are bounded by the list.
      if (persisted) return name;
      if (!LABEL_NAME.test(name)) return 'other';
      if (knownOperations.has(name)) return name;
      if (knownOperations.size >= MAX_OPERATION_LABELS) return 'other';
      knownOperations.add(name);
      return name;
    },
    observeClient(client) {
      totals = commandTotals(client);
    },
  };
}

/** Codes that mean "refused before or instead of doing the work". */
const REJECTION_CODES = new Set<ErrorCode | YogaErrorCode>([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_COMPLEX',
  'PAYLOAD_TOO_LARGE',
  'CSRF_REJECTED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_ONLY',
  'REQUEST_TIMEOUT',
  'TOO_MANY_REQUESTS',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
]);

export function useObservability({
  logger,
  client,
  metrics,
}: {
  logger: Logger;
  client: MongoClient;
  metrics: Metrics;
}): Plugin<Context> {
  // Both attach one listener per client, however many servers share it.
  attachCommandCounter(client);
  metrics.observeClient(client);
  return {
    onParams({ params, request }) {
      const info = requestInfos.get(request);
      // Runs before the persisted-operations plugin fills `query` in from the allow-list.
      if (info) info.persisted = typeof (params as { query?: unknown }).query !== 'string';
    },
    onExecute({ args }) {
      const context = args.contextValue as Partial<Context> & { request?: Request };
      const info = context.request ? requestInfos.get(context.request) : undefined;
      if (!info) return;
      const operation = getOperationAST(args.document, args.operationName);
      // The name in the document; a persisted document's name is the allow-list's, not the client's.
      info.operationName = operation?.name?.value ?? (info.persisted ? null : (args.operationName ?? null));
      info.operationType = operation?.operation ?? null;
      if (context.commands) info.stopCounting.push(context.commands.count(info.tally));
    },
    onResultProcess({ request, result }) {
      const info = requestInfos.get(request);
      if (!info) return;
      for (const r of Array.isArray(result) ? result : [result]) {
        const errors = (r as { errors?: readonly unknown[] }).errors ?? [];
        for (const e of errors) {
          const code =
            e instanceof GraphQLError || (e && typeof e === 'object')
              ? (e as GraphQLError).extensions?.code
              : undefined;
          if (typeof code === 'string') info.errorCodes.push(code);
        }
      }
    },
    onResponse({ request, response }) {
      const info = requestInfos.get(request);
      if (!info) return;
      for (const stop of info.stopCounting.splice(0)) stop();
      const path = new URL(request.url).pathname;
      const durationMs = Math.round((performance.now() - info.startedAt) * 10) / 10;
      for (const code of new Set(info.errorCodes))
        if (REJECTION_CODES.has(code as ErrorCode)) metrics.rejected.inc({ code });
      if (response.status === 413) metrics.rejected.inc({ code: 'PAYLOAD_TOO_LARGE' });
      // The per-client rate is refused before parsing, so no GraphQL result carries its code.
      if (response.status === 429 && !info.errorCodes.length) metrics.rejected.inc({ code: 'TOO_MANY_REQUESTS' });
      if (info.operationName !== null || info.operationType !== null)
        metrics.dbCommandsPerRequest.observe(
          { operation: metrics.operationLabel(info.operationName, info.persisted) },
          info.tally.total,
        );
      const line = {
        requestId: info.id,
        method: request.method,
        path,
        status: response.status,
        operationName: info.operationName,
        operationType: info.operationType,
        durationMs,
        dbCommands: info.tally.total,
        ...(info.errorCodes.length ? { errorCodes: [...new Set(info.errorCodes)] } : {}),
      };
      // Probes and scrapes are frequent and uninteresting: debug level.
      if (path === '/health' || path === '/ready' || path === '/metrics') logger.debug(line, 'request');
      else logger.info(line, 'request');
    },
  };
}

export const newRequestInfo = (id: string): RequestInfo => ({
  id,
  startedAt: performance.now(),
  operationName: null,
  operationType: null,
  persisted: false,
  tally: newCommandTally(),
  stopCounting: [],
  errorCodes: [],
});

/**
 * yoga/envelop Prometheus metrics on GET /metrics, in the given registry. Labels a client controls
 * are off: operationName (the request's `operationName` or the document's), url (path and query
 * string) and path (error paths include aliases). operationType, method, statusCode and phase
 * take a few fixed values.
 */
export function usePrometheusMetrics(metrics: Metrics): Plugin {
  return usePrometheus({
    endpoint: '/metrics',
    registry: metrics.registry,
    labels: {
      operationName: false,
      url: false,
      path: false,
      operationType: true,
      method: true,
      statusCode: true,
      phase: true,
    },
    // Everything is listed: the plugin turns on whatever is left out. Off are the ones that cost
    // on every request and tell an operator little here: the deprecated-field counter walks each
    // document with TypeInfo (the schema deprecates nothing), the request summary keeps a t-digest
    // beside the duration histogram, and the context phase is a few microseconds.
    metrics: {
      graphql_envelop_deprecated_field: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_subscribe: true,
      graphql_envelop_schema_change: true,
      graphql_envelop_execute_resolver: false,
      graphql_envelop_request: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_error_result: true,
      graphql_envelop_phase_parse: true,
      graphql_envelop_phase_validate: true,
      graphql_envelop_phase_execute: true,
      graphql_yoga_http_duration: true,
    },
  });
}
