/**
 * The change log: one small document per change event, numbered by a monotonic sequence. It gives
 * every event its `seq`, lets the bulk export answer "what changed since cursor N" without writing
 * to the fact documents (FerretDB applies concurrent updates of one document as read-modify-write,
 * so an extra stamp on a person could lose a concurrent alias), and remembers an article's fact ids
 * so the next event can tell which quotes and meetings are new.
 *
 * The sequence is allocated by inserting `_id = last + 1` and retrying on a duplicate key: the
 * unique `_id` is the only coordination FerretDB offers (an `$inc` counter would lose increments).
 * An entry is inserted after its write succeeded, and entry n + 1 can only be inserted once n is
 * visible, so a reader that saw entry n has seen the writes of every entry up to n.
 */
import { MongoServerError, type Collection, type ObjectId } from 'mongodb';
import type { Collections } from './collections.js';
import { mergeId, mergesCollection } from './curation.js';

export type ChangeEntity = 'ARTICLE' | 'PERSON';
export type ChangeKind = 'INGESTED' | 'SEEDED' | 'DELETED' | 'UPDATED' | 'MERGED' | 'QUOTE_CORRECTED';

export interface ChangeDoc {
  /** The sequence number. */
  _id: number;
  at: Date;
  entity: ChangeEntity;
  change: ChangeKind;
  /** The article the change is about (ARTICLE events; null for PERSON events). */
  articleId: ObjectId | null;
  /** Persons whose documents or facts changed. */
  personIds: ObjectId[];
  organizationIds: ObjectId[];
  /** The article's quotes and meetings after the change (before it, for a deletion). */
  quoteIds: ObjectId[];
  meetingIds: ObjectId[];
  /** Of those, the ones the previous entry for the article did not list. */
  addedQuoteIds: ObjectId[];
  addedMeetingIds: ObjectId[];
  /** Persons removed by the change (a merge). */
  removedPersonIds: ObjectId[];
  /**
   * Quotes and meetings the article's previous entry listed that it no longer holds (a re-ingest
   * dropped them). Missing on entries written before these were recorded.
   */
  removedQuoteIds?: ObjectId[];
  removedMeetingIds?: ObjectId[];
  /** The process that made the write (its event bus origin); missing on older entries. */
  origin?: string;
}

export type NewChange = Omit<ChangeDoc, '_id' | 'at'>;

/** An entry naming nothing but what changed; callers fill in the ids it concerns. */
export const emptyChange = (entity: NewChange['entity'], change: NewChange['change']): NewChange => ({
  entity,
  change,
  articleId: null,
  personIds: [],
  organizationIds: [],
  quoteIds: [],
  meetingIds: [],
  addedQuoteIds: [],
  addedMeetingIds: [],
  removedPersonIds: [],
});

/**
 * How many entries the log keeps by default (CHANGES_RETAIN): older ones are deleted by the writer
 * that appends every TRIM_EVERY-th entry. A `since` cursor older than what is kept is refused
 * (CURSOR_EXPIRED: pull everything again).
 */
export const DEFAULT_CHANGES_RETAINED = 100_000;
export const TRIM_EVERY = 100;

/** The last full entry (store or deletion) per article: `lastArticleChange` must survive trimming. */
export interface ChangeHeadDoc {
  /** The article id. */
  _id: ObjectId;
  seq: number;
  quoteIds: ObjectId[];
  meetingIds: ObjectId[];
  deleted: boolean;
}

const headsCollection = (c: Collections): Collection<ChangeHeadDoc> => c.db.collection<ChangeHeadDoc>('change_heads');

export const changesCollection = (c: Collections): Collection<ChangeDoc> => c.db.collection<ChangeDoc>('changes');

/** Indexes of the change log (created with the others by ensureChangeIndexes). */
export async function ensureChangeIndexes(c: Collections): Promise<void> {
  const log = changesCollection(c);
  let existing: string[] = [];
  try {
    existing = (await log.listIndexes().toArray()).map((i) => String(i.name));
  } catch (error) {
    if (!(error instanceof MongoServerError && error.code === 26)) throw error;
  }
  // One index per call (FerretDB v1 fails a createIndexes naming an existing index among others).
  if (!existing.includes('articleId_id')) await log.createIndex({ articleId: 1, _id: -1 }, { name: 'articleId_id' });
}

/** The highest sequence number written so far (0 for an empty log). */
export async function latestSeq(c: Collections): Promise<number> {
  const last = await changesCollection(c)
    .find({}, { projection: { _id: 1 } })
    .sort({ _id: -1 })
    .limit(1)
    .next();
  return last?._id ?? 0;
}

/** The oldest sequence number still in the log (null for an empty log). */
export async function oldestSeq(c: Collections): Promise<number | null> {
  const first = await changesCollection(c)
    .find({}, { projection: { _id: 1 } })
    .sort({ _id: 1 })
    .limit(1)
    .next();
  return first?._id ?? null;
}

/** What an article's most recent full entry (a store or a deletion) listed, if any. */
export async function lastArticleChange(
  c: Collections,
  articleId: ObjectId,
): Promise<Pick<ChangeDoc, 'change' | 'quoteIds' | 'meetingIds'> | null> {
  // One document per article, read by _id (FerretDB answers that without a scan).
  const head = await headsCollection(c).findOne({ _id: articleId });
  if (head)
    return { change: head.deleted ? 'DELETED' : 'INGESTED', quoteIds: head.quoteIds, meetingIds: head.meetingIds };
  // Entries written before heads were kept.
  return changesCollection(c)
    .find({ articleId, change: { $in: ['INGESTED', 'SEEDED', 'DELETED'] } })
    .sort({ _id: -1 })
    .limit(1)
    .next();
}

/** Records an article's full entry as its head (after the entry is appended). */
export async function recordArticleHead(c: Collections, doc: ChangeDoc): Promise<void> {
  if (!doc.articleId || !['INGESTED', 'SEEDED', 'DELETED'].includes(doc.change)) return;
  const head = { seq: doc._id, quoteIds: doc.quoteIds, meetingIds: doc.meetingIds, deleted: doc.change === 'DELETED' };
  try {
    await headsCollection(c).replaceOne({ _id: doc.articleId }, head, { upsert: true });
  } catch (error) {
    // Two first writes of one article raced to insert the head: the second one replaces it.
    if (!isDuplicateKey(error)) throw error;
    await headsCollection(c).replaceOne({ _id: doc.articleId }, head);
  }
}

/** Deletes the entries older than the newest `keep` (returns how many went). */
export async function trimChanges(c: Collections, keep: number): Promise<number> {
  const latest = await latestSeq(c);
  if (latest <= keep) return 0;
  const { deletedCount } = await changesCollection(c).deleteMany({ _id: { $lte: latest - keep } });
  return deletedCount;
}

/** The entry with this sequence number (a lookup by _id), if it is in the log. */
export function changeAt(c: Collections, seq: number): Promise<ChangeDoc | null> {
  return changesCollection(c).findOne({ _id: seq });
}

const isDuplicateKey = (error: unknown) => error instanceof MongoServerError && error.code === 11000;

/** Appends an entry with the next sequence number and returns it. */
export async function appendChange(c: Collections, change: NewChange): Promise<ChangeDoc> {
  const log = changesCollection(c);
  for (let attempt = 0; ; attempt++) {
    const doc: ChangeDoc = { _id: (await latestSeq(c)) + 1, at: new Date(), ...change };
    try {
      await log.insertOne(doc);
      return doc;
    } catch (error) {
      // Another writer took this number: read the new last one and try the next.
      if (!isDuplicateKey(error) || attempt >= 50) throw error;
    }
  }
}

/**
 * Entries with seq in (after, upTo], oldest first, in pages of `pageSize` (bounded memory). One
 * cursor for the whole range: on FerretDB, which scans for any filter but `_id` equality, a query
 * per page would scan the log once per page.
 */
export async function* changesBetween(
  c: Collections,
  after: number,
  upTo: number,
  pageSize = 500,
): AsyncGenerator<ChangeDoc[]> {
  if (after >= upTo) return;
  const cursor = changesCollection(c)
    .find({ _id: { $gt: after, $lte: upTo } })
    .sort({ _id: 1 })
    .batchSize(pageSize);
  try {
    let page: ChangeDoc[] = [];
    for await (const entry of cursor) {
      page.push(entry);
      if (page.length >= pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length) yield page;
  } finally {
    await cursor.close().catch(() => {});
  }
}

/**
 * What readers can see of a person, as one comparable string (null: no such person). A curation
 * call that changes nothing (a retry) publishes no event; this is how its resolver tells.
 */
export async function personState(c: Collections, id: ObjectId): Promise<string | null> {
  const p = await c.persons.findOne(
    { _id: id },
    { projection: { name: 1, aliases: 1, role: 1, searchNames: 1, organizationIds: 1 } },
  );
  return p ? JSON.stringify([p.name, p.aliases, p.role, p.searchNames, p.organizationIds]) : null;
}

/** Whether the merge of this person (by the merged person's id) has already completed. */
export async function mergeCompleted(c: Collections, mergedId: ObjectId): Promise<boolean> {
  const record = await mergesCollection(c).findOne({ _id: mergeId(mergedId) }, { projection: { state: 1 } });
  return record?.state === 'DONE';
}
