import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { ObjectId } from 'mongodb';
import type { Context } from '../context.js';
import type { Loaders, PrefetchedKey } from '../loaders.js';
import type { PageRequest, PageResult } from '../db/pages.js';
import { compareSortKeys, type SortKey } from '../db/sortKeys.js';
import { badUserInput } from '../errors.js';
import { LIMITS } from '../limits.js';
import { projectionsOf, type Projections } from './projection.js';

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

const CURSOR_PREFIX = 'c1.';

/** A sort value a cursor may carry: the type and range the ordering can produce, nothing else. */
const timestamp = (v: unknown) => Number.isInteger(v) && Math.abs(v as number) <= 8.64e15; // Date's range
const count = (v: unknown) => Number.isInteger(v) && (v as number) <= 0 && (v as number) >= -1e9; // -count
const name = (v: unknown) => typeof v === 'string' && v.length <= 1_000;

/**
 * The orderings a cursor can belong to, with the shape of their sort tuples. A cursor names its
 * ordering, so one taken from a list of persons is refused on a list of quotes.
 */
const CURSOR_SHAPES = {
  /** Newest first: quotes, meetings, articles (sort = [-timestamp]). */
  newest: [timestamp],
  /** Alphabetical: persons, organizations (sort = [lowercased name]). */
  name: [name],
  /** Meeting partners: most meetings first, then by name (sort = [-count, name]). */
  partners: [count, name],
} as const;

export type CursorKind = keyof typeof CURSOR_SHAPES;

/** Cursors are opaque to clients: base64url of the ordering, the item's sort tuple and its id. */
export function encodeCursor(key: SortKey, kind: CursorKind): string {
  return CURSOR_PREFIX + Buffer.from(JSON.stringify([kind, key.sort, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, kind: CursorKind): SortKey {
  const invalid = () => badUserInput(`"${cursor.slice(0, 80)}" is not a valid cursor for this list`);
  if (!cursor.startsWith(CURSOR_PREFIX) || cursor.length > 512) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const shape = CURSOR_SHAPES[kind];
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== kind ||
    !Array.isArray(parsed[1]) ||
    parsed[1].length !== shape.length ||
    !parsed[1].every((v: unknown, i: number) => shape[i]!(v)) ||
    typeof parsed[2] !== 'string' ||
    !/^[0-9a-f]{24}$/.test(parsed[2])
  )
    throw invalid();
  return { sort: parsed[1] as (string | number)[], id: parsed[2] };
}

function checkCount(name: 'first' | 'last', value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 0 || value > LIMITS.maxPageSize)
    throw badUserInput(`"${name}" must be between 0 and ${LIMITS.maxPageSize} (got ${value})`);
  return value;
}

/**
 * Validates Relay arguments — page sizes in range, cursors well formed and of this list's
 * ordering, first and last not both — before any database work.
 */
export function toPageRequest(args: ConnectionArgs, kind: CursorKind): PageRequest {
  const first = checkCount('first', args.first);
  const last = checkCount('last', args.last);
  if (first !== null && last !== null) throw badUserInput('Give "first" or "last", not both');
  return {
    first: first === null && last === null ? LIMITS.defaultPageSize : first,
    last,
    after: args.after ? decodeCursor(args.after, kind) : null,
    before: args.before ? decodeCursor(args.before, kind) : null,
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

/**
 * An edge whose cursor is encoded when read: most queries never select `cursor`, and a page of
 * nested lists (Q1 in the benchmark: 1,000 edges) would otherwise build a JSON string and a
 * base64 buffer per edge for nothing.
 */
class Edge<T> {
  constructor(
    readonly key: SortKey,
    readonly kind: CursorKind,
    readonly node: T,
  ) {}
  get cursor(): string {
    return encodeCursor(this.key, this.kind);
  }
}

/** Page info whose cursors are the first and last edges', encoded when read. */
class PageInfo<T> {
  constructor(
    private readonly edges: Edge<T>[],
    readonly hasNextPage: boolean,
    readonly hasPreviousPage: boolean,
  ) {}
  get startCursor(): string | null {
    return this.edges[0]?.cursor ?? null;
  }
  get endCursor(): string | null {
    return this.edges.at(-1)?.cursor ?? null;
  }
}

function toConnection<T>(
  items: { key: SortKey; node: T }[],
  kind: CursorKind,
  hasNextPage: boolean,
  hasPreviousPage: boolean,
  totalCount: Connection<T>['totalCount'],
): Connection<T> {
  const edges = items.map(({ key, node }) => new Edge(key, kind, node));
  return { edges, pageInfo: new PageInfo(edges, hasNextPage, hasPreviousPage), totalCount };
}

/** A page of a database query (top-level connections). `count` runs only if totalCount is asked for. */
export function connectionFromPage<T>(
  page: PageResult<T>,
  kind: CursorKind,
  toKey: (doc: T) => SortKey,
  count: () => Promise<number>,
): Connection<T> {
  return toConnection(
    page.docs.map((doc) => ({ key: toKey(doc), node: doc })),
    kind,
    page.hasNextPage,
    page.hasPreviousPage,
    count,
  );
}

/** A page of an in-memory list of sort keys, already in order (nested connections). */
export function pageOfKeys<K extends SortKey>(
  keys: K[],
  request: PageRequest,
): { page: K[]; hasNextPage: boolean; hasPreviousPage: boolean } {
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
  request: PageRequest,
  kind: CursorKind,
  loadNodes: (page: K[]) => Promise<(T | null | Error)[]>,
): Promise<Connection<T>> {
  const { page, hasNextPage, hasPreviousPage } = pageOfKeys(keys, request);
  const nodes = await loadNodes(page);
  const items: { key: SortKey; node: T }[] = [];
  page.forEach((key, i) => {
    const node = nodes[i];
    if (node instanceof Error) throw node;
    // A node deleted between the key query and the load is left out rather than returned as null.
    if (node !== null && node !== undefined) items.push({ key, node });
  });
  return toConnection(items, kind, hasNextPage, hasPreviousPage, keys.length);
}

/**
 * The resolver of a nested connection: the parent's sort keys from a one-to-many loader, the
 * page's nodes from a by-id loader. Both loaders batch across every parent in the request, and
 * both take the operation's projections (src/schema/projection.ts), so only selected fields load.
 */
export function nestedConnection<T>(
  kind: CursorKind,
  keysOf: (loaders: Loaders, projections: Projections) => DataLoader<ObjectId, SortKey[], string>,
  nodesOf: (loaders: Loaders, projections: Projections) => DataLoader<ObjectId, T | null, string>,
) {
  return async (
    parent: { _id: ObjectId },
    args: ConnectionArgs,
    ctx: Context,
    info: GraphQLResolveInfo,
  ): Promise<Connection<T>> => {
    const request = toPageRequest(args, kind);
    const projections = projectionsOf(info);
    const keys = (await keysOf(ctx.loaders, projections).load(parent._id)) as PrefetchedKey<T>[];
    // Prefetched (the default): every key holds its document already; the page is built in place.
    if (keys.every((k) => k.doc !== undefined)) {
      const { page, hasNextPage, hasPreviousPage } = pageOfKeys(keys, request);
      const edges = page.map((k) => new Edge(k, kind, k.doc as T));
      return { edges, pageInfo: new PageInfo(edges, hasNextPage, hasPreviousPage), totalCount: keys.length };
    }
    return connectionFromKeys(keys, request, kind, (page) =>
      nodesOf(ctx.loaders, projections).loadMany(page.map((k) => new ObjectId(k.id))),
    );
  };
}

/** A connection with nothing in it (e.g. a filter naming a slug that does not exist). */
export function emptyConnection<T>(): Connection<T> {
  return {
    edges: [],
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    totalCount: 0,
  };
}

/** A loaded value that is present (DataLoader.loadMany yields null or an Error for misses). */
export const isDoc = <T>(value: T | Error | null): value is T => value !== null && !(value instanceof Error);

/** A slug given as a filter, checked before any lookup (so a bad one costs no database work). */
export function checkSlug(name: string, slug: string | null | undefined): string | null {
  if (slug === null || slug === undefined) return null;
  if (slug.length > LIMITS.maxSlugLength)
    throw badUserInput(`"${name}" is too long: a slug has at most ${LIMITS.maxSlugLength} characters`);
  return slug;
}

/** Resolves a checked slug filter to an id; `undefined` means "no such slug, so nothing matches". */
export async function idForSlug(slug: string | null, load: (slug: string) => Promise<{ _id: ObjectId } | null>) {
  if (slug === null) return null;
  return (await load(slug))?._id;
}
