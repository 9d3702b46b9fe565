import type DataLoader from 'dataloader';
import { createGraphQLError } from 'graphql-yoga';
import { ObjectId } from 'mongodb';
import type { Context } from '../context.js';
import type { Loaders } from '../loaders.js';
import type { PageRequest, PageResult } from '../db/pages.js';
import { compareSortKeys, type SortKey } from '../db/sortKeys.js';
import { LIMITS } from './limits.js';

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export const badUserInput = (message: string) => createGraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

const CURSOR_PREFIX = 'c1.';

/** Cursors are opaque to clients: base64url of the item's sort tuple and id. */
export function encodeCursor(key: SortKey): string {
  return CURSOR_PREFIX + Buffer.from(JSON.stringify([key.sort, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): SortKey {
  const invalid = () => badUserInput(`"${cursor.slice(0, 80)}" is not a valid cursor`);
  if (!cursor.startsWith(CURSOR_PREFIX) || cursor.length > 512) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !Array.isArray(parsed[0]) ||
    !parsed[0].every((v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) ||
    typeof parsed[1] !== 'string' ||
    !/^[0-9a-f]{24}$/.test(parsed[1])
  )
    throw invalid();
  return { sort: parsed[0] as (string | number)[], id: parsed[1] };
}

function checkCount(name: 'first' | 'last', value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0 || value > LIMITS.maxPageSize)
    throw badUserInput(`"${name}" must be between 0 and ${LIMITS.maxPageSize} (got ${value})`);
  return value;
}

/** Validates Relay arguments: page sizes in range, cursors well formed, first and last not both. */
export function toPageRequest(args: ConnectionArgs): PageRequest {
  const first = checkCount('first', args.first);
  const last = checkCount('last', args.last);
  if (first !== null && last !== null) throw badUserInput('Give "first" or "last", not both');
  return {
    first: first === null && last === null ? LIMITS.defaultPageSize : first,
    last,
    after: args.after ? decodeCursor(args.after) : null,
    before: args.before ? decodeCursor(args.before) : null,
  };
}

/** Page size a connection asks for, for the complexity estimate (invalid values are rejected later). */
export function requestedPageSize(args: ConnectionArgs): number {
  const n = args.first ?? args.last ?? LIMITS.defaultPageSize;
  return Math.min(Math.max(n, 0), LIMITS.maxPageSize);
}

export const connectionComplexity = (args: ConnectionArgs) => ({ field: 2, multiplier: requestedPageSize(args) });

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number | (() => Promise<number>);
}

function toConnection<T>(items: { key: SortKey; node: T }[], hasNextPage: boolean, hasPreviousPage: boolean, totalCount: Connection<T>['totalCount']): Connection<T> {
  const edges = items.map(({ key, node }) => ({ cursor: encodeCursor(key), node }));
  return {
    edges,
    pageInfo: { hasNextPage, hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}

/** A page of a database query (top-level connections). `count` runs only if totalCount is asked for. */
export function connectionFromPage<T>(page: PageResult<T>, toKey: (doc: T) => SortKey, count: () => Promise<number>): Connection<T> {
  return toConnection(
    page.docs.map((doc) => ({ key: toKey(doc), node: doc })),
    page.hasNextPage,
    page.hasPreviousPage,
    count,
  );
}

/** A page of an in-memory list of sort keys, already in order (nested connections). */
export function pageOfKeys<K extends SortKey>(keys: K[], request: PageRequest): { page: K[]; hasNextPage: boolean; hasPreviousPage: boolean } {
  let start = 0;
  let end = keys.length;
  if (request.after) {
    const after = request.after;
    const i = keys.findIndex((k) => compareSortKeys(k, after) > 0);
    start = i === -1 ? keys.length : i;
  }
  if (request.before) {
    const before = request.before;
    const i = keys.findIndex((k) => compareSortKeys(k, before) >= 0);
    end = i === -1 ? keys.length : i;
  }
  end = Math.max(start, end);
  if (request.last !== null) {
    const from = Math.max(start, end - request.last);
    return { page: keys.slice(from, end), hasPreviousPage: from > start, hasNextPage: end < keys.length };
  }
  const to = Math.min(end, start + (request.first ?? LIMITS.defaultPageSize));
  return { page: keys.slice(start, to), hasNextPage: to < end, hasPreviousPage: start > 0 };
}

/**
 * A nested connection: the parent's sorted keys (from a one-to-many loader), paged in memory,
 * with the page's nodes loaded through a by-id loader (batched across all parents).
 */
export async function connectionFromKeys<K extends SortKey, T>(
  keys: K[],
  args: ConnectionArgs,
  loadNodes: (page: K[]) => Promise<(T | null | Error)[]>,
): Promise<Connection<T>> {
  const { page, hasNextPage, hasPreviousPage } = pageOfKeys(keys, toPageRequest(args));
  const nodes = await loadNodes(page);
  const items: { key: SortKey; node: T }[] = [];
  page.forEach((key, i) => {
    const node = nodes[i];
    if (node instanceof Error) throw node;
    // A node deleted between the key query and the load is left out rather than returned as null.
    if (node !== null && node !== undefined) items.push({ key, node });
  });
  return toConnection(items, hasNextPage, hasPreviousPage, keys.length);
}

/**
 * The resolver of a nested connection: the parent's sort keys from a one-to-many loader, the
 * page's nodes from a by-id loader. Both loaders batch across every parent in the request.
 */
export function nestedConnection<T>(
  keysOf: (loaders: Loaders) => DataLoader<ObjectId, SortKey[], string>,
  nodesOf: (loaders: Loaders) => DataLoader<ObjectId, T | null, string>,
) {
  return async (parent: { _id: ObjectId }, args: ConnectionArgs, ctx: Context): Promise<Connection<T>> =>
    connectionFromKeys(await keysOf(ctx.loaders).load(parent._id), args, (page) => nodesOf(ctx.loaders).loadMany(page.map((k) => new ObjectId(k.id))));
}
