/**
 * Per-request logs and Prometheus metrics.
 *
 * Every request gets one structured log line when its response is sent: request id, method, path,
 * status, GraphQL operation name, duration and the number of database commands it caused (counted
 * with AsyncLocalStorage around execution, see src/db/commandCounter.ts). `/metrics` serves the
 * yoga/envelop metrics (requests, errors, phase and HTTP latency histograms) plus our own counters.
 */
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { getOperationAST, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { MongoClient } from 'mongodb';
import { Counter, Histogram, Registry } from 'prom-client';
import type { Context } from './context.js';
import { attachCommandCounter, countCommandsIn, newCommandTally, type CommandTally } from './db/commandCounter.js';
import type { Logger } from './logger.js';

/** What we learn about a request as it goes through the pipeline. */
export interface RequestInfo {
  id: string;
  startedAt: number;
  operationName: string | null;
  operationType: string | null;
  tally: CommandTally;
  errorCodes: string[];
}

/** Request → its info. Plugins that replace the Request (body limit) map the new one to the same info. */
export const requestInfos = new WeakMap<Request, RequestInfo>();

export interface Metrics {
  registry: Registry;
  dbCommands: Counter<'command'>;
  dbCommandsPerRequest: Histogram<'operation'>;
  rejected: Counter<'code'>;
}

/** A registry per server, so several servers in one process (tests) do not collide. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  return {
    registry,
    dbCommands: new Counter({ name: 'newsgraph_db_commands_total', help: 'MongoDB commands sent, by command name', labelNames: ['command'], registers: [registry] }),
    dbCommandsPerRequest: new Histogram({
      name: 'newsgraph_db_commands_per_request',
      help: 'MongoDB commands one GraphQL request caused',
      labelNames: ['operation'],
      buckets: [0, 1, 2, 4, 8, 16, 32, 64, 128],
      registers: [registry],
    }),
    rejected: new Counter({ name: 'newsgraph_requests_rejected_total', help: 'Requests refused by a limit or authorization, by error code', labelNames: ['code'], registers: [registry] }),
  };
}

/** Codes that mean "refused before or instead of doing the work". */
const REJECTION_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_COMPLEX',
  'PAYLOAD_TOO_LARGE',
  'CSRF_REJECTED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_ONLY',
  'REQUEST_TIMEOUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
]);

export function useObservability({ logger, client, metrics }: { logger: Logger; client: MongoClient; metrics: Metrics }): Plugin<Context> {
  attachCommandCounter(client);
  client.on('commandStarted', (event) => metrics.dbCommands.inc({ command: event.commandName }));
  return {
    onExecute({ args, setExecuteFn, executeFn }) {
      const request = (args.contextValue as Partial<Context> & { request?: Request }).request;
      const info = request ? requestInfos.get(request) : undefined;
      if (!info) return;
      const operation = getOperationAST(args.document, args.operationName);
      info.operationName = operation?.name?.value ?? args.operationName ?? null;
      info.operationType = operation?.operation ?? null;
      setExecuteFn((execArgs) => countCommandsIn(info.tally, () => executeFn(execArgs)));
    },
    onResultProcess({ request, result }) {
      const info = requestInfos.get(request);
      if (!info) return;
      for (const r of Array.isArray(result) ? result : [result]) {
        const errors = (r as { errors?: readonly unknown[] }).errors ?? [];
        for (const e of errors) {
          const code = e instanceof GraphQLError || (e && typeof e === 'object') ? (e as GraphQLError).extensions?.code : undefined;
          if (typeof code === 'string') info.errorCodes.push(code);
        }
      }
    },
    onResponse({ request, response }) {
      const info = requestInfos.get(request);
      if (!info) return;
      const path = new URL(request.url).pathname;
      const durationMs = Math.round((performance.now() - info.startedAt) * 10) / 10;
      for (const code of new Set(info.errorCodes)) if (REJECTION_CODES.has(code)) metrics.rejected.inc({ code });
      if (response.status === 413) metrics.rejected.inc({ code: 'PAYLOAD_TOO_LARGE' });
      if (info.operationName !== null || info.operationType !== null)
        metrics.dbCommandsPerRequest.observe({ operation: info.operationName ?? 'anonymous' }, info.tally.total);
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
  tally: newCommandTally(),
  errorCodes: [],
});

/** yoga/envelop Prometheus metrics on GET /metrics, in the given registry. */
export function usePrometheusMetrics(metrics: Metrics): Plugin {
  return usePrometheus({
    endpoint: '/metrics',
    registry: metrics.registry,
    metrics: {
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
