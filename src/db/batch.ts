/**
 * Batch functions for DataLoader. Each one issues a single `find` with `$in` for all the keys of
 * a batch and returns results in key order: `null` (one-to-one) or `[]` (one-to-many) where
 * nothing matches. One-to-many functions return sort keys only (id and sort value, a small
 * projection); the page's documents are then loaded by id through the by-id loaders, so nested
 * connections cost two queries per level however many parents there are.
 *
 * FerretDB v1 (SQLite backend) runs every query as a scan of the whole collection, except a
 * single `{ _id: value }` equality, which it evaluates inside SQLite (about 20× cheaper than the
 * scan it does for anything else, `_id: { $in: [one] }` included). So a one-key batch is looked up
 * by `_id` equality, and a one-slug batch by the id the slug determines (src/db/ids.ts). The
 * `…DocsBy…` variants return the documents with their sort keys, so the loaders can prime the
 * by-id loaders and skip the second query (src/loaders.ts).
 */
import type { Collection, Document, Filter, ObjectId } from 'mongodb';
import {
  HAPPENED_MEETINGS,
  type ArticleDoc,
  type Collections,
  type MeetingDoc,
  type OrganizationDoc,
  type PersonDoc,
  type QuoteDoc,
} from './collections.js';
import { articleId, organizationId, personId } from './ids.js';
import { byName, compareSortKeys, newestFirst, type SortKey } from './sortKeys.js';

const hex = (id: ObjectId) => id.toHexString();

/**
 * Large enough that a batch's result arrives in the first reply: the default (101 documents)
 * would add getMore round trips that grow with the number of results.
 */
const ONE_REPLY = { batchSize: 100_000 } as const;

/**
 * Only these fields of each document (`{ field: 1 }`; `_id` always comes): what the query's
 * selection reads (src/schema/projection.ts). Absent means the whole document.
 */
export type Projection = Readonly<Record<string, 1>>;

async function findByIds<T extends { _id: ObjectId }>(
  collection: Collection<T>,
  ids: readonly ObjectId[],
  projection?: Projection,
): Promise<(T | null)[]> {
  const filter = ids.length === 1 ? { _id: ids[0] } : { _id: { $in: [...ids] } };
  const docs = (await collection
    .find(filter as Filter<T>, projection ? { ...ONE_REPLY, projection } : ONE_REPLY)
    .toArray()) as T[];
  const byId = new Map(docs.map((d) => [hex(d._id), d]));
  return ids.map((id) => byId.get(hex(id)) ?? null);
}

/**
 * Records are stored under the id their slug determines (src/db/store.ts), so one slug is first
 * looked up by that `_id` (and the slug checked); only if that misses is the slug itself queried.
 */
async function findBySlugs<T extends { slug: string }>(
  collection: Collection<T>,
  slugs: readonly string[],
  idOf: (slug: string) => ObjectId,
): Promise<(T | null)[]> {
  if (slugs.length === 1) {
    const slug = slugs[0]!;
    const byId = (await collection.find({ _id: idOf(slug) } as Filter<T>).toArray()) as T[];
    if (byId[0]?.slug === slug) return [byId[0]];
  }
  const docs = (await collection.find({ slug: { $in: [...slugs] } } as Filter<T>, ONE_REPLY).toArray()) as T[];
  const bySlug = new Map(docs.map((d) => [d.slug, d]));
  return slugs.map((s) => bySlug.get(s) ?? null);
}

/** A sort key with the (possibly projected) document it stands for. */
export interface KeyedDoc<T> {
  key: SortKey;
  doc: T;
}

/**
 * One-to-many by a foreign key (scalar or array field): one query, grouped by parent, each group
 * sorted in the API's order. With a projection only the fields the sort key needs are fetched.
 */
async function findDocsByForeignIds<T extends Document>(
  collection: Collection<T>,
  field: string,
  ids: readonly ObjectId[],
  toKey: (doc: T) => SortKey,
  foreignIdsOf: (doc: T) => ObjectId[],
  projection?: Document,
  where: Document = {},
): Promise<KeyedDoc<T>[][]> {
  const docs = (await collection
    .find({ ...where, [field]: { $in: [...ids] } } as Filter<T>, {
      ...ONE_REPLY,
      ...(projection ? { projection } : {}),
    })
    .toArray()) as T[];
  const groups = new Map<string, KeyedDoc<T>[]>(ids.map((id) => [hex(id), []]));
  for (const doc of docs) {
    const keyed = { key: toKey(doc), doc };
    for (const parent of foreignIdsOf(doc)) groups.get(hex(parent))?.push(keyed);
  }
  return ids.map((id) => groups.get(hex(id))!.sort((a, b) => compareSortKeys(a.key, b.key)));
}

/** Sort keys only: the keys-first design (then documents by id for the page). */
async function findSortKeysByForeignIds<T extends Document>(
  collection: Collection<T>,
  field: string,
  ids: readonly ObjectId[],
  projection: Document,
  toKey: (doc: T) => SortKey,
  foreignIdsOf: (doc: T) => ObjectId[],
  where: Document = {},
): Promise<SortKey[][]> {
  return (await findDocsByForeignIds(collection, field, ids, toKey, foreignIdsOf, projection, where)).map((group) =>
    group.map((k) => k.key),
  );
}

export const findArticlesByIds = (c: Collections, ids: readonly ObjectId[], projection?: Projection) =>
  findByIds(c.articles, ids, projection);
export const findPersonsByIds = (c: Collections, ids: readonly ObjectId[], projection?: Projection) =>
  findByIds(c.persons, ids, projection);
export const findOrganizationsByIds = (c: Collections, ids: readonly ObjectId[]) => findByIds(c.organizations, ids);
export const findQuotesByIds = (c: Collections, ids: readonly ObjectId[], projection?: Projection) =>
  findByIds(c.quotes, ids, projection);
export const findMeetingsByIds = (c: Collections, ids: readonly ObjectId[], projection?: Projection) =>
  findByIds(c.meetings, ids, projection);

/** A projection with the fields a one-to-many query needs besides (its sort and foreign keys). */
const plus = (projection: Projection | undefined, ...fields: string[]): Projection | undefined =>
  projection ? { ...projection, ...Object.fromEntries(fields.map((f) => [f, 1 as const])) } : undefined;

export const findArticlesBySlugs = (c: Collections, slugs: readonly string[]) =>
  findBySlugs(c.articles, slugs, articleId);
export const findPersonsBySlugs = (c: Collections, slugs: readonly string[]) => findBySlugs(c.persons, slugs, personId);
export const findOrganizationsBySlugs = (c: Collections, slugs: readonly string[]) =>
  findBySlugs(c.organizations, slugs, organizationId);

export const findQuoteDocsBySpeakerIds = (c: Collections, ids: readonly ObjectId[], projection?: Projection) =>
  findDocsByForeignIds<QuoteDoc>(
    c.quotes,
    'speakerId',
    ids,
    (q) => newestFirst(q._id, q.date),
    (q) => [q.speakerId],
    plus(projection, 'date', 'speakerId'),
  );
export const findQuoteDocsByArticleIds = (c: Collections, ids: readonly ObjectId[], projection?: Projection) =>
  findDocsByForeignIds<QuoteDoc>(
    c.quotes,
    'articleId',
    ids,
    (q) => newestFirst(q._id, q.date),
    (q) => [q.articleId],
    plus(projection, 'date', 'articleId'),
  );
export const findMeetingDocsByParticipantIds = (c: Collections, ids: readonly ObjectId[], projection?: Projection) =>
  findDocsByForeignIds<MeetingDoc>(
    c.meetings,
    'participantIds',
    ids,
    (m) => newestFirst(m._id, m.date),
    (m) => m.participantIds,
    plus(projection, 'date', 'participantIds'),
    HAPPENED_MEETINGS,
  );
export const findMeetingDocsByArticleIds = (c: Collections, ids: readonly ObjectId[], projection?: Projection) =>
  findDocsByForeignIds<MeetingDoc>(
    c.meetings,
    'articleId',
    ids,
    (m) => newestFirst(m._id, m.date),
    (m) => [m.articleId],
    plus(projection, 'date', 'articleId'),
    HAPPENED_MEETINGS,
  );

export const findQuoteKeysBySpeakerIds = (c: Collections, ids: readonly ObjectId[]) =>
  findSortKeysByForeignIds<QuoteDoc>(
    c.quotes,
    'speakerId',
    ids,
    { _id: 1, date: 1, speakerId: 1 },
    (q) => newestFirst(q._id, q.date),
    (q) => [q.speakerId],
  );

export const findQuoteKeysByArticleIds = (c: Collections, ids: readonly ObjectId[]) =>
  findSortKeysByForeignIds<QuoteDoc>(
    c.quotes,
    'articleId',
    ids,
    { _id: 1, date: 1, articleId: 1 },
    (q) => newestFirst(q._id, q.date),
    (q) => [q.articleId],
  );

export const findMeetingKeysByParticipantIds = (c: Collections, ids: readonly ObjectId[]) =>
  findSortKeysByForeignIds<MeetingDoc>(
    c.meetings,
    'participantIds',
    ids,
    { _id: 1, date: 1, participantIds: 1 },
    (m) => newestFirst(m._id, m.date),
    (m) => m.participantIds,
    HAPPENED_MEETINGS,
  );

export const findMeetingKeysByArticleIds = (c: Collections, ids: readonly ObjectId[]) =>
  findSortKeysByForeignIds<MeetingDoc>(
    c.meetings,
    'articleId',
    ids,
    { _id: 1, date: 1, articleId: 1 },
    (m) => newestFirst(m._id, m.date),
    (m) => [m.articleId],
    HAPPENED_MEETINGS,
  );

/** Articles that name a person (quoted, meeting or mentioned), newest first. */
export const findArticleKeysByPersonIds = (c: Collections, ids: readonly ObjectId[]) =>
  findSortKeysByForeignIds<ArticleDoc>(
    c.articles,
    'personIds',
    ids,
    { _id: 1, publishedAt: 1, personIds: 1 },
    (a) => newestFirst(a._id, a.publishedAt),
    (a) => a.personIds,
  );

export const findPersonKeysByOrganizationIds = (c: Collections, ids: readonly ObjectId[]) =>
  findSortKeysByForeignIds<PersonDoc>(
    c.persons,
    'organizationIds',
    ids,
    { _id: 1, sortName: 1, organizationIds: 1 },
    (p) => byName(p._id, p.sortName),
    (p) => p.organizationIds,
  );

/** Who each person met and how often: counterpart id → number of shared meetings. */
export async function findMeetingPartnersByPersonIds(
  c: Collections,
  ids: readonly ObjectId[],
): Promise<Map<string, number>[]> {
  const docs = await c.meetings
    .find(
      { ...HAPPENED_MEETINGS, participantIds: { $in: [...ids] } },
      { ...ONE_REPLY, projection: { _id: 1, participantIds: 1 } },
    )
    .toArray();
  const partnersOf = new Map<string, Map<string, number>>(ids.map((id) => [hex(id), new Map()]));
  for (const m of docs) {
    const participants = m.participantIds.map(hex);
    for (const self of participants) {
      const partners = partnersOf.get(self);
      if (!partners) continue;
      for (const other of participants) if (other !== self) partners.set(other, (partners.get(other) ?? 0) + 1);
    }
  }
  return ids.map((id) => partnersOf.get(hex(id))!);
}

export type { ArticleDoc, MeetingDoc, OrganizationDoc, PersonDoc, QuoteDoc };
