/**
 * Query limits, checked before any resolver runs (so a rejected query costs no database work).
 * Complexity counts every field once and multiplies a connection's selection by its page size.
 *
 * `LIMITS` holds the fixed limits and the defaults; the operation limits in `QueryLimits` can be
 * changed through the environment (see `src/config.ts`) and reach the schema through the context.
 */
export const LIMITS = {
  defaultPageSize: 20,
  maxPageSize: 100,
  maxDepth: 12,
  maxBreadth: 300,
  maxComplexity: 25_000,
  maxSearchLength: 200,
  maxSlugLength: 200,
  maxNodesIds: 100,
} as const;

/**
 * Complexity multipliers of plain (non-connection) lists: about the largest size they reach, so a
 * query that nests them (article → paragraphs → article → paragraphs …) is priced as what it
 * returns, not as one item per level.
 */
export const LIST_SIZES = { paragraphs: 40, captions: 5, participants: 6, claims: 4, organizations: 5 } as const;
export const listComplexity = (size: number) => ({ field: 1, multiplier: size });

/**
 * Prices of the database cost estimate (src/schema/cost.ts), in documents read: a lookup by id or
 * slug reads one; a connection page reads its page (plus `connection` for the query); a count reads
 * every matching document (`count`, a fixed guess); a filter without an index, or an aggregate,
 * reads the whole collection (`scan`).
 */
export const COSTS = { lookup: 1, connection: 1, count: 100, scan: 2_000 } as const;

/**
 * Fields that read their whole collection: always (aggregates), or when one of the listed
 * arguments is given (substring and unindexed filters; persons/organizations `search` uses the
 * searchNames index and is not listed).
 */
export const SCANNING: Readonly<Record<string, 'always' | readonly string[]>> = {
  'Query.quotes': ['filter.textContains', 'filter.minConfidence'],
  'Query.meetings': ['filter.location'],
  'Query.articles': ['search'],
  'Query.stats': 'always',
  'Query.topSpeakers': 'always',
  'Query.meetingGraph': 'always',
  'Query.timeline': 'always',
};

/**
 * Admission control (src/admission.ts, wired in src/http/plugins.ts `useAdmission`): per-client
 * request rate and work in flight, a cap on executions with a short queue, a few slots for heavy
 * operations, and a ceiling on the database cost estimate (src/schema/cost.ts).
 */
export interface AdmissionLimits {
  /** Executions running at once in this process. */
  maxConcurrent: number;
  /** Executions waiting for a slot; one more is refused at once. */
  maxQueued: number;
  /** Longest wait in the queue before refusal. */
  queueTimeoutMs: number;
  /** Database cost estimate from which an operation counts as heavy. */
  heavyCost: number;
  /** Heavy executions running at once (they also take a normal slot). */
  maxHeavyConcurrent: number;
  /** Database cost estimate over which an operation is refused outright (QUERY_TOO_COMPLEX). */
  maxCost: number;
  /** Requests per second per client (token refill rate); 0 turns the rate limit off. */
  clientRatePerSecond: number;
  /** Requests a client may send in a burst (bucket size). */
  clientBurst: number;
  /** Executions of one client in flight (queued or running); 0 turns it off. */
  clientMaxConcurrent: number;
}

export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = {
  maxConcurrent: 16,
  maxQueued: 32,
  queueTimeoutMs: 1_000,
  // Q1 of the benchmark at 100 persons (≈ 9,300) is not heavy; one persons(first: 100) page with
  // nested quote and meeting totals (≈ 24,400) is.
  heavyCost: 15_000,
  maxHeavyConcurrent: 2,
  // Five of those pages aliased in one operation (≈ 122,000) are refused; 20 persons × 5 meetings ×
  // their participants' metWith totals (≈ 62,000) are not.
  maxCost: 100_000,
  clientRatePerSecond: 50,
  clientBurst: 100,
  clientMaxConcurrent: 8,
};

/** Write coordination defaults (src/db/coordinator.ts; LOCK_WAIT_MS and LEASE_TTL_MS override them). */
export const DEFAULT_WRITE_COORDINATION = { lockWaitMs: 5_000, leaseTtlMs: 30_000 } as const;

/** How writes to one document are serialized (src/db/atomicity.ts; WRITE_SERIALIZATION). */
export type WriteSerialization = 'auto' | 'on' | 'off';

/** Limits on one GraphQL request; every one is on by default. */
export interface QueryLimits {
  /** Nesting depth of the selection (Pothos complexity plugin). */
  maxDepth: number;
  /** Fields selected in the whole operation (Pothos complexity plugin). */
  maxBreadth: number;
  /** Estimated cost: fields × page sizes (Pothos complexity plugin). */
  maxComplexity: number;
  /** Aliased fields per operation (graphql-armor). */
  maxAliases: number;
  /** Directives per operation (graphql-armor). */
  maxDirectives: number;
  /** Lexical tokens in the document, counted while parsing (graphql-armor). */
  maxTokens: number;
  /** Characters in the `query` text, checked before parsing. */
  maxQueryChars: number;
  /** HTTP request body in bytes; larger bodies get 413 before they are read in full. */
  maxBodyBytes: number;
  /** Operations in one batched (JSON array) request; 0 turns batching off. */
  maxBatchedOperations: number;
  /** Wall-clock time for one request's execution before it is cancelled with REQUEST_TIMEOUT. */
  requestTimeoutMs: number;
  /** Keys per DataLoader batch (one `$in` query). */
  loaderMaxBatchSize: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: LIMITS.maxDepth,
  maxBreadth: LIMITS.maxBreadth,
  maxComplexity: LIMITS.maxComplexity,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 2_000,
  maxQueryChars: 10_000,
  maxBodyBytes: 1_048_576,
  maxBatchedOperations: 0,
  requestTimeoutMs: 10_000,
  // Large enough that Q1-sized pages (50 persons × 10 meetings × up to 6 participants) stay one query.
  loaderMaxBatchSize: 5_000,
};
