/**
 * Reads for the bulk export (src/http/export.ts): every document of a collection in `_id` order, or
 * only the ones the change log says changed in a window of sequence numbers.
 *
 * Memory stays bounded: a full export reads one cursor in batches of `batchSize` and yields a batch
 * only when the consumer asks for it (the HTTP stream's backpressure reaches the cursor). A cursor
 * the server dropped (idle too long behind a slow client: CursorNotFound) is reopened after the
 * last `_id` sent. An incremental export holds the changed ids of the window (bounded by the change
 * log's retention) and reads their documents in chunks.
 */
import { MongoServerError, type Document, type ObjectId } from 'mongodb';
import { changesBetween, latestSeq, oldestSeq, type ChangeDoc } from './changes.js';
import type { ArticleDoc, Collections, MeetingDoc, PersonDoc, QuoteDoc } from './collections.js';

export const EXPORT_COLLECTIONS = ['articles', 'persons', 'quotes', 'meetings'] as const;
export type ExportCollection = (typeof EXPORT_COLLECTIONS)[number];

export interface ExportDocs {
  articles: ArticleDoc;
  persons: PersonDoc;
  quotes: QuoteDoc;
  meetings: MeetingDoc;
}

/** Only what the API exposes is read (no raw file, content hash, sort or search keys). */
const PROJECTIONS: Record<ExportCollection, Document> = {
  articles: { rawFile: 0, contentHash: 0 },
  persons: { sortName: 0, searchNames: 0 },
  quotes: {},
  meetings: {},
};

const isCursorGone = (error: unknown) =>
  error instanceof MongoServerError && (error.code === 43 || error.codeName === 'CursorNotFound');

/** Every document, `_id` ascending, in batches. Stops reading when the consumer stops asking. */
export async function* allDocuments<N extends ExportCollection>(
  c: Collections,
  name: N,
  batchSize = 500,
): AsyncGenerator<ExportDocs[N][]> {
  const collection = c[name] as unknown as import('mongodb').Collection<ExportDocs[N]>;
  let after: ObjectId | null = null;
  for (let reopened = 0; ; reopened++) {
    const cursor = collection
      .find((after ? { _id: { $gt: after } } : {}) as never, { projection: PROJECTIONS[name] })
      .sort({ _id: 1 })
      .batchSize(batchSize);
    try {
      let batch: ExportDocs[N][] = [];
      for await (const doc of cursor) {
        batch.push(doc as ExportDocs[N]);
        if (batch.length >= batchSize) {
          after = batch.at(-1)!._id;
          yield batch;
          batch = [];
        }
      }
      if (batch.length) yield batch;
      return;
    } catch (error) {
      if (!isCursorGone(error) || reopened >= 100) throw error;
    } finally {
      await cursor.close().catch(() => {});
    }
  }
}

/** The change log's retained window: entries (oldest, latest] can be replayed. */
export async function changeWindow(c: Collections): Promise<{ oldest: number; latest: number }> {
  const [latest, first] = await Promise.all([latestSeq(c), oldestSeq(c)]);
  // A cursor `since = s` needs every entry after s: s + 1 must still be there (or nothing happened).
  return { oldest: first === null ? latest : first - 1, latest };
}

const hexSet = () => new Map<string, ObjectId>();
const addAll = (set: Map<string, ObjectId>, ids: readonly ObjectId[] | undefined) => {
  for (const id of ids ?? []) set.set(id.toHexString(), id);
};

/**
 * Ids of the collection's documents that changed (were written, re-ingested, re-attributed, merged
 * or deleted) in the entries with sequence in (after, upTo]. A superset: a document may be listed
 * that did not change in a way the export shows.
 */
export async function changedIds(
  c: Collections,
  name: ExportCollection,
  after: number,
  upTo: number,
): Promise<ObjectId[]> {
  const ids = hexSet();
  const merged = hexSet();
  const pick: Record<ExportCollection, (e: ChangeDoc) => void> = {
    articles: (e) => {
      if (e.articleId) ids.set(e.articleId.toHexString(), e.articleId);
    },
    persons: (e) => {
      addAll(ids, e.personIds);
      addAll(ids, e.removedPersonIds);
    },
    quotes: (e) => {
      addAll(ids, e.quoteIds);
      addAll(ids, e.removedQuoteIds);
    },
    meetings: (e) => {
      addAll(ids, e.meetingIds);
      addAll(ids, e.removedMeetingIds);
    },
  };
  for await (const page of changesBetween(c, after, upTo)) {
    for (const entry of page) {
      pick[name](entry);
      // A merge rewrites the survivor's facts in place without listing them: find them below.
      if (entry.change === 'MERGED') addAll(merged, entry.personIds);
    }
  }
  if (merged.size && name !== 'persons') {
    const people = [...merged.values()];
    const found =
      name === 'articles'
        ? await c.articles.find({ personIds: { $in: people } }, { projection: { _id: 1 } }).toArray()
        : name === 'quotes'
          ? await c.quotes
              .find(
                {
                  $or: [
                    { speakerId: { $in: people } },
                    { addresseeId: { $in: people } },
                    { reportedByPersonId: { $in: people } },
                  ],
                },
                { projection: { _id: 1 } },
              )
              .toArray()
          : await c.meetings.find({ participantIds: { $in: people } }, { projection: { _id: 1 } }).toArray();
    addAll(
      ids,
      found.map((d) => d._id),
    );
  }
  return [...ids.values()].sort((a, b) => a.toHexString().localeCompare(b.toHexString()));
}

/**
 * The documents for `ids` (sorted), chunk by chunk, `_id` ascending; ids with no document any more
 * are reported as `missing` (deleted), in the same order.
 */
export async function* documentsByIds<N extends ExportCollection>(
  c: Collections,
  name: N,
  ids: readonly ObjectId[],
  chunkSize = 200,
): AsyncGenerator<{ id: ObjectId; doc: ExportDocs[N] | null }[]> {
  const collection = c[name] as unknown as import('mongodb').Collection<ExportDocs[N]>;
  for (let i = 0; i < ids.length; i += chunkSize) {
    const chunk = ids.slice(i, i + chunkSize);
    const docs = await collection.find({ _id: { $in: chunk } } as never, { projection: PROJECTIONS[name] }).toArray();
    const byId = new Map(docs.map((d) => [(d as ExportDocs[N])._id.toHexString(), d as ExportDocs[N]]));
    yield chunk.map((id) => ({ id, doc: byId.get(id.toHexString()) ?? null }));
  }
}

/**
 * Article slugs by id, remembered across the batches of one export (meeting claims name the meeting
 * they are relative to by article slug and key). Looked up one `_id` equality each, in parallel:
 * FerretDB answers those without a scan, where an `$in` would scan the articles per batch.
 */
export function articleSlugLookup(c: Collections, max = 20_000) {
  const known = new Map<string, string | null>();
  return async (ids: readonly ObjectId[]): Promise<Map<string, string>> => {
    const missing = [...new Map(ids.map((id) => [id.toHexString(), id])).values()].filter(
      (id) => !known.has(id.toHexString()),
    );
    const found = await Promise.all(missing.map((id) => c.articles.findOne({ _id: id }, { projection: { slug: 1 } })));
    if (known.size + missing.length > max) known.clear();
    for (const [i, id] of missing.entries()) known.set(id.toHexString(), found[i]?.slug ?? null);
    const out = new Map<string, string>();
    for (const id of ids) {
      const slug = known.get(id.toHexString());
      if (slug) out.set(id.toHexString(), slug);
    }
    return out;
  };
}
