import { ObjectId, type Collection, type Document, type Filter, type Sort } from 'mongodb';
import type { SortKey } from './sortKeys.js';

/** A decoded page request: at most one of first/last is set (the API layer validates). */
export interface PageRequest {
  first: number | null;
  last: number | null;
  after: SortKey | null;
  before: SortKey | null;
}

export interface PageResult<T> {
  docs: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/** How a collection is ordered: one field plus `_id` ascending as the tie-break. */
export interface Ordering<T> {
  field: string;
  direction: 1 | -1;
  toKey(doc: T): SortKey;
  /** The field's stored value for a cursor's sort tuple (e.g. -ms → Date). */
  valueOf(key: SortKey): unknown;
}

/** Items strictly after (`side` 1) or strictly before (`side` -1) a key in the ordering. */
function beyond<T>(ordering: Ordering<T>, key: SortKey, side: 1 | -1): Document {
  const value = ordering.valueOf(key);
  const id = new ObjectId(key.id);
  const further = ordering.direction * side === 1 ? '$gt' : '$lt';
  return {
    $or: [
      { [ordering.field]: { [further]: value } },
      { [ordering.field]: value, _id: { [side === 1 ? '$gt' : '$lt']: id } },
    ],
  };
}

/**
 * Keyset pagination: one `find` with the cursor turned into a range condition and `limit + 1`
 * to learn whether another page exists. No skip, so deep pages cost the same as the first.
 */
export async function findPage<T extends Document>(
  collection: Collection<T>,
  filter: Filter<T>,
  ordering: Ordering<T>,
  page: PageRequest,
  /** Only these fields (null or absent: whole documents). */
  projection?: Document | null,
): Promise<PageResult<T>> {
  const conditions: Document[] = [filter];
  if (page.after) conditions.push(beyond(ordering, page.after, 1));
  if (page.before) conditions.push(beyond(ordering, page.before, -1));
  const where = (conditions.length === 1 ? filter : { $and: conditions }) as Filter<T>;
  const backward = page.last !== null;
  const limit = (backward ? page.last : page.first) ?? 0;
  const sort: Sort = backward
    ? { [ordering.field]: -ordering.direction as 1 | -1, _id: -1 }
    : { [ordering.field]: ordering.direction, _id: 1 };
  // A projection (only the fields the query reads) keeps the ordering field the cursors encode.
  const fields = projection ? { ...projection, [ordering.field]: 1 } : undefined;
  const docs = (await collection
    .find(where, fields ? { projection: fields } : {})
    .sort(sort)
    .limit(limit + 1)
    // A batch larger than the limit: FerretDB v1 otherwise leaves the cursor open when the limit
    // equals its default batch (101, i.e. first: 100) and the driver spends a killCursors on it.
    .batchSize(limit + 2)
    .toArray()) as T[];
  const more = docs.length > limit;
  const pageDocs = docs.slice(0, limit);
  if (backward) pageDocs.reverse();
  return {
    docs: pageDocs,
    hasNextPage: backward ? page.before !== null : more,
    hasPreviousPage: backward ? more : page.after !== null,
  };
}

export const byDateDescending = <T extends { _id: ObjectId }>(field: keyof T & string): Ordering<T> => ({
  field,
  direction: -1,
  toKey: (doc) => ({ id: doc._id.toHexString(), sort: [-(doc[field] as Date).getTime()] }),
  valueOf: (key) => new Date(-Number(key.sort[0])),
});

export const byNameAscending = <T extends { _id: ObjectId; sortName: string }>(): Ordering<T> => ({
  field: 'sortName',
  direction: 1,
  toKey: (doc) => ({ id: doc._id.toHexString(), sort: [doc.sortName] }),
  valueOf: (key) => String(key.sort[0]),
});
