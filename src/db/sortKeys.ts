import type { ObjectId } from 'mongodb';

/**
 * A list item reduced to what ordering and pagination need. Every list in the API is ordered by
 * `sort` (compared element by element, ascending) and then by `id`; descending orders are
 * expressed by negating the value (newest first = ascending by -timestamp). Cursors carry the same
 * tuple, so a cursor stays valid even if the item it names is deleted.
 */
export interface SortKey {
  id: string;
  sort: (number | string)[];
}

export function compareSortKeys(a: SortKey, b: SortKey): number {
  const n = Math.max(a.sort.length, b.sort.length);
  for (let i = 0; i < n; i++) {
    const x = a.sort[i];
    const y = b.sort[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Newest first: quotes and meetings by date, articles by publication time. */
export const newestFirst = (id: ObjectId, date: Date): SortKey => ({ id: id.toHexString(), sort: [-date.getTime()] });
/** Alphabetical: persons and organizations by lowercased name. */
export const byName = (id: ObjectId, sortName: string): SortKey => ({ id: id.toHexString(), sort: [sortName] });
