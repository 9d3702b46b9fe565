import { isIP } from 'node:net';
import { z } from 'zod';
import { parseApiKeys, type ApiKey } from './auth.js';
import {
  type AdmissionLimits,
  DEFAULT_ADMISSION_LIMITS,
  DEFAULT_QUERY_LIMITS,
  DEFAULT_WRITE_COORDINATION,
  type QueryLimits,
  type WriteSerialization,
} from './limits.js';

const int = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const D = DEFAULT_QUERY_LIMITS;
const A = DEFAULT_ADMISSION_LIMITS;

/** Environment variables the service reads; everything else is fixed in code. */
const EnvSchema = z.object({
  MONGODB_URI: z
    .string()
    .trim()
    .min(1)
    .refine((v) => /^mongodb(\+srv)?:\/\//.test(v), 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  MONGODB_DB: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be 1-63 letters, digits, "_" or "-"')
    .default('newsgraph'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  // Authorization: "name:sha256hex:scope[+scope]" entries, comma separated (see src/auth.ts).
  NEWSGRAPH_API_KEYS: z.string().optional(),
  // Abuse limits (src/limits.ts); every one is on by default.
  MAX_DEPTH: int(1, 100, D.maxDepth),
  MAX_BREADTH: int(1, 10_000, D.maxBreadth),
  MAX_COMPLEXITY: int(1, 10_000_000, D.maxComplexity),
  MAX_ALIASES: int(0, 1_000, D.maxAliases),
  MAX_DIRECTIVES: int(0, 1_000, D.maxDirectives),
  MAX_TOKENS: int(10, 100_000, D.maxTokens),
  MAX_QUERY_CHARS: int(100, 1_000_000, D.maxQueryChars),
  MAX_BODY_BYTES: int(1_024, 16 * 1_048_576, D.maxBodyBytes),
  MAX_BATCHED_OPERATIONS: int(0, 10, D.maxBatchedOperations),
  REQUEST_TIMEOUT_MS: int(100, 300_000, D.requestTimeoutMs),
  LOADER_MAX_BATCH_SIZE: int(1, 10_000, D.loaderMaxBatchSize),
  // Admission (src/admission.ts): execution slots, the queue, heavy operations, the database cost
  // ceiling, and per-client (API key, else address) request rate and executions in flight.
  MAX_CONCURRENT_EXECUTIONS: int(1, 10_000, A.maxConcurrent),
  MAX_QUEUED_EXECUTIONS: int(0, 100_000, A.maxQueued),
  QUEUE_TIMEOUT_MS: int(1, 60_000, A.queueTimeoutMs),
  HEAVY_COST: int(1, 100_000_000, A.heavyCost),
  MAX_HEAVY_EXECUTIONS: int(1, 10_000, A.maxHeavyConcurrent),
  MAX_DB_COST: int(1, 100_000_000, A.maxCost),
  CLIENT_RATE_PER_SECOND: int(0, 100_000, A.clientRatePerSecond),
  CLIENT_BURST: int(1, 1_000_000, A.clientBurst),
  CLIENT_MAX_CONCURRENT: int(0, 10_000, A.clientMaxConcurrent),
  // Reverse proxies (IP addresses, comma separated) whose X-Forwarded-For names the client for the
  // per-client limits; none by default (the socket's address is the client).
  TRUSTED_PROXIES: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .refine((addresses) => addresses.every((a) => isIP(a) !== 0), 'must be IP addresses, comma separated')
    .default(''),
  // CORS: origins (scheme://host[:port], comma separated) whose pages may read responses; none by default.
  CORS_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .refine(
      (origins) =>
        origins.every((o) =>
          /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(o),
        ),
      'must be origins like https://app.example.org or http://localhost:5173, comma separated (no "*", no path)',
    )
    .default(''),
  // Introspection and GraphiQL: on in development, off in production unless set.
  INTROSPECTION: flag.optional(),
  GRAPHIQL: flag.optional(),
  // Persisted operations: a JSON file { "<sha256>": "<document>" } (the codegen client's
  // persisted-documents.json); PERSISTED_OPERATIONS_ONLY=true refuses every other document.
  PERSISTED_OPERATIONS_FILE: z.string().trim().min(1).optional(),
  PERSISTED_OPERATIONS_ONLY: flag.default('false'),
  // Write coordination (src/db/coordinator.ts, src/db/atomicity.ts).
  WRITE_SERIALIZATION: z.enum(['auto', 'on', 'off']).default('auto'),
  LOCK_WAIT_MS: int(10, 120_000, DEFAULT_WRITE_COORDINATION.lockWaitMs),
  LEASE_TTL_MS: int(1_000, 600_000, DEFAULT_WRITE_COORDINATION.leaseTtlMs),
  // Slow and idle connections (src/app.ts): headers, the whole request, and keep-alive idle time.
  HEADERS_TIMEOUT_MS: int(1_000, 120_000, 10_000),
  BODY_TIMEOUT_MS: int(1_000, 300_000, 30_000),
  KEEP_ALIVE_TIMEOUT_MS: int(100, 120_000, 5_000),
  // How long shutdown waits for in-flight requests before closing their connections.
  SHUTDOWN_GRACE_MS: int(0, 120_000, 10_000),
  // How long shutdown answers /ready with 503 before it stops accepting connections, so a load
  // balancer polling /ready stops sending new requests first. Unset: 0 for loadConfig callers
  // (tests, scripts); `npm start` uses 2000 (src/index.ts).
  SHUTDOWN_READY_DELAY_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  // Change events and the response cache go through Redis when set (several instances, CLI writes).
  REDIS_URL: z
    .string()
    .trim()
    .refine((v) => /^rediss?:\/\//.test(v), 'must start with redis:// or rediss://')
    .optional(),
  // The response cache for reads (invalidated by change events; the TTL is a backstop). Unset: off
  // for loadConfig callers (tests, scripts); `npm start` turns it on (src/index.ts).
  RESPONSE_CACHE: flag.optional(),
  RESPONSE_CACHE_TTL_MS: int(1_000, 86_400_000, 300_000),
  // Open subscriptions per client (API key, else remote address) and per instance.
  MAX_SUBSCRIPTIONS_PER_CLIENT: int(1, 1_000, 5),
  MAX_SUBSCRIPTIONS: int(1, 100_000, 1_000),
  // The change log (src/db/changes.ts): entries kept (older `since` export cursors expire), and how
  // often a server without REDIS_URL reads it for other processes' writes (0: never). Unset: 0 for
  // loadConfig callers (tests, scripts); `npm start` polls every 1000 ms (src/index.ts).
  CHANGES_RETAIN: int(1_000, 100_000_000, 100_000),
  CHANGES_POLL_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  // Bulk export (src/http/export.ts): concurrent exports per API key and per instance.
  MAX_EXPORTS_PER_KEY: int(1, 100, 2),
  MAX_EXPORTS: int(1, 1_000, 4),
});

/** Variables whose values are never echoed in an error: they hold secrets or secret-derived data. */
const SECRET_VARIABLES = new Set(['NEWSGRAPH_API_KEYS']);

/**
 * A variable's value as it may appear in an error message: credentials in a URI-like value are
 * masked (`scheme://user:***@host`, also when the `//` is malformed), secret variables are not shown.
 */
export function redactConfigValue(name: string, value: string | undefined): string {
  if (value === undefined) return 'nothing';
  if (SECRET_VARIABLES.has(name)) return `a value of ${value.length} characters (not shown)`;
  // Credentials end at the last "@" (a password may hold ":", "/" or a raw "@"); the scheme and a
  // plain user name stay visible, the rest of the userinfo does not.
  const at = value.lastIndexOf('@');
  let masked = value;
  if (at >= 0) {
    const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/*/.exec(value)?.[0] ?? '';
    const userinfo = value.slice(scheme.length, at);
    const user = userinfo.includes(':') ? userinfo.slice(0, userinfo.indexOf(':')) : '';
    masked = `${scheme}${/^[A-Za-z0-9._%-]{1,64}$/.test(user) ? `${user}:` : ''}***@${value.slice(at + 1)}`;
  }
  return JSON.stringify(masked);
}

export type Config = {
  mongodbUri: string | undefined;
  mongodbDb: string;
  port: number;
  host: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  production: boolean;
  /** Configured API keys (hashes and scopes). Empty: every mutation is refused. */
  apiKeys: ApiKey[];
  limits: QueryLimits;
  /** Load shedding and per-client limits. */
  admission: AdmissionLimits;
  /** Reverse proxies whose X-Forwarded-For names the client (per-client limits). */
  trustedProxies: string[];
  /** Origins allowed cross-origin reads (CORS, without credentials). Empty: CORS off. */
  corsOrigins: string[];
  introspection: boolean;
  graphiql: boolean;
  persistedOperations: { file: string | null; only: boolean };
  /**
   * Write coordination: serialize writes in-process (`auto`: on FerretDB), the longest wait for a
   * write's locks, and the lease time after which a dead holder's lock is taken over.
   */
  writes: { serialization: WriteSerialization; lockWaitMs: number; leaseTtlMs: number };
  /** Connection time limits of the HTTP server (headers, whole request, keep-alive idle). */
  http: { headersTimeoutMs: number; bodyTimeoutMs: number; keepAliveTimeoutMs: number };
  shutdownGraceMs: number;
  /** How long stop() answers /ready with 503 before it stops accepting connections. */
  shutdownReadyDelayMs: number;
  /** Redis for change events and the shared response cache; null: in-process only. */
  redisUrl: string | null;
  responseCache: { enabled: boolean; ttlMs: number };
  subscriptionLimits: { perClient: number; total: number };
  /** Change-log entries kept; the poll interval without Redis (0: no polling). */
  changes: { retain: number; pollMs: number };
  exportLimits: { perKey: number; total: number };
};

/** Defaults the caller chooses (the service entry point differs from tests and scripts). */
export interface ConfigDefaults {
  shutdownReadyDelayMs?: number;
  responseCache?: boolean;
  changesPollMs?: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, defaults: ConfigDefaults = {}): Config {
  // An empty variable counts as unset, so `MONGODB_URI= npm start` uses the embedded database.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (i) =>
        `  ${i.path.join('.')}: ${i.message} (got ${redactConfigValue(String(i.path[0]), present[String(i.path[0])])})`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const { keys, problems } = parseApiKeys(e.NEWSGRAPH_API_KEYS);
  if (problems.length)
    throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  NEWSGRAPH_API_KEYS: ${p}`).join('\n')}`);
  if (e.PERSISTED_OPERATIONS_ONLY && !e.PERSISTED_OPERATIONS_FILE)
    throw new ConfigError('Invalid configuration:\n  PERSISTED_OPERATIONS_ONLY: needs PERSISTED_OPERATIONS_FILE');
  const production = e.NODE_ENV === 'production';
  return {
    mongodbUri: e.MONGODB_URI,
    mongodbDb: e.MONGODB_DB,
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    production,
    apiKeys: keys,
    limits: {
      maxDepth: e.MAX_DEPTH,
      maxBreadth: e.MAX_BREADTH,
      maxComplexity: e.MAX_COMPLEXITY,
      maxAliases: e.MAX_ALIASES,
      maxDirectives: e.MAX_DIRECTIVES,
      maxTokens: e.MAX_TOKENS,
      maxQueryChars: e.MAX_QUERY_CHARS,
      maxBodyBytes: e.MAX_BODY_BYTES,
      maxBatchedOperations: e.MAX_BATCHED_OPERATIONS,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
      loaderMaxBatchSize: e.LOADER_MAX_BATCH_SIZE,
    },
    admission: {
      maxConcurrent: e.MAX_CONCURRENT_EXECUTIONS,
      maxQueued: e.MAX_QUEUED_EXECUTIONS,
      queueTimeoutMs: e.QUEUE_TIMEOUT_MS,
      heavyCost: e.HEAVY_COST,
      // Heavy slots are also execution slots.
      maxHeavyConcurrent: Math.min(e.MAX_HEAVY_EXECUTIONS, e.MAX_CONCURRENT_EXECUTIONS),
      maxCost: e.MAX_DB_COST,
      clientRatePerSecond: e.CLIENT_RATE_PER_SECOND,
      clientBurst: e.CLIENT_BURST,
      clientMaxConcurrent: e.CLIENT_MAX_CONCURRENT,
    },
    corsOrigins: e.CORS_ORIGINS,
    trustedProxies: e.TRUSTED_PROXIES,
    introspection: e.INTROSPECTION ?? !production,
    graphiql: e.GRAPHIQL ?? !production,
    persistedOperations: { file: e.PERSISTED_OPERATIONS_FILE ?? null, only: e.PERSISTED_OPERATIONS_ONLY },
    writes: { serialization: e.WRITE_SERIALIZATION, lockWaitMs: e.LOCK_WAIT_MS, leaseTtlMs: e.LEASE_TTL_MS },
    http: {
      headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
      // Node requires the whole-request limit to be at least the headers limit.
      bodyTimeoutMs: Math.max(e.BODY_TIMEOUT_MS, e.HEADERS_TIMEOUT_MS),
      keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    shutdownReadyDelayMs: e.SHUTDOWN_READY_DELAY_MS ?? defaults.shutdownReadyDelayMs ?? 0,
    redisUrl: e.REDIS_URL ?? null,
    responseCache: { enabled: e.RESPONSE_CACHE ?? defaults.responseCache ?? false, ttlMs: e.RESPONSE_CACHE_TTL_MS },
    subscriptionLimits: { perClient: e.MAX_SUBSCRIPTIONS_PER_CLIENT, total: e.MAX_SUBSCRIPTIONS },
    changes: { retain: e.CHANGES_RETAIN, pollMs: e.CHANGES_POLL_MS ?? defaults.changesPollMs ?? 0 },
    exportLimits: { perKey: e.MAX_EXPORTS_PER_KEY, total: e.MAX_EXPORTS },
  };
}
