/**
 * Query limits, checked before any resolver runs (so a rejected query costs no database work).
 * Complexity counts every field once and multiplies a connection's selection by its page size.
 */
export const LIMITS = {
  defaultPageSize: 20,
  maxPageSize: 100,
  maxDepth: 12,
  maxBreadth: 300,
  maxComplexity: 25_000,
  maxSearchLength: 200,
  maxNodesIds: 100,
} as const;
