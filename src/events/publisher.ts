/**
 * Publishing change events: every write path calls one of these after its write succeeded. Each
 * call appends the change to the change log (which numbers it), runs the invalidators (the
 * response cache: evicted before anyone hears of the change, so the next read anywhere is fresh),
 * then publishes on the bus.
 */
import type { ObjectId } from 'mongodb';
import type { Collections } from '../db/collections.js';
import {
  appendChange,
  DEFAULT_CHANGES_RETAINED,
  emptyChange,
  lastArticleChange,
  recordArticleHead,
  TRIM_EVERY,
  trimChanges,
  type ChangeDoc,
  type ChangeKind,
  type NewChange,
} from '../db/changes.js';
import type { Logger } from '../logger.js';
import type { EventBus } from './bus.js';
import { eventFromChange, type ChangeEvent } from './types.js';

export type Invalidator = (event: ChangeEvent) => Promise<void> | void;

export interface ArticleSnapshot {
  articleId: ObjectId;
  personIds: ObjectId[];
  organizationIds: ObjectId[];
  quoteIds: ObjectId[];
  meetingIds: ObjectId[];
}

export interface ChangePublisher {
  readonly bus: EventBus;
  /** Runs before an event is published (and again when any event arrives on the bus). */
  addInvalidator(invalidator: Invalidator): () => void;
  /** An article was stored or re-stored (ingest, seed): reads its facts and publishes. */
  articleStored(articleId: ObjectId, change: Extract<ChangeKind, 'INGESTED' | 'SEEDED'>): Promise<ChangeEvent | null>;
  /** What an article holds now, read before deleting it. */
  snapshotArticle(articleId: ObjectId): Promise<ArticleSnapshot | null>;
  articleDeleted(snapshot: ArticleSnapshot): Promise<ChangeEvent>;
  /** A quote's speaker changed. */
  quoteCorrected(quoteId: ObjectId, articleId: ObjectId, personIds: ObjectId[]): Promise<ChangeEvent>;
  /** Persons edited or merged (`removed`: merged away). */
  personsChanged(
    change: Extract<ChangeKind, 'UPDATED' | 'MERGED'>,
    personIds: ObjectId[],
    removed?: ObjectId[],
  ): Promise<ChangeEvent>;
}

const uniqueIds = (ids: (ObjectId | null | undefined)[]) => [
  ...new Map(ids.filter((id): id is ObjectId => Boolean(id)).map((id) => [id.toHexString(), id])).values(),
];
const minus = (ids: ObjectId[], previous: ObjectId[] | undefined) => {
  if (!previous) return ids;
  const had = new Set(previous.map((id) => id.toHexString()));
  return ids.filter((id) => !had.has(id.toHexString()));
};

export function createPublisher({
  collections: c,
  bus,
  logger,
  retainChanges = DEFAULT_CHANGES_RETAINED,
}: {
  collections: Collections;
  bus: EventBus;
  logger: Logger;
  /** Change-log entries kept (older ones are trimmed by whoever appends every TRIM_EVERY-th entry). */
  retainChanges?: number;
}): ChangePublisher {
  const invalidators = new Set<Invalidator>();

  async function record(change: NewChange): Promise<ChangeEvent> {
    let doc: ChangeDoc;
    try {
      doc = await appendChange(c, { ...change, origin: bus.origin });
    } catch (error) {
      // The write happened; caches and subscribers must still hear of it.
      logger.error({ err: error }, 'change log append failed; publishing the event unsequenced');
      doc = { _id: 0, at: new Date(), ...change };
    }
    if (doc._id > 0) {
      try {
        await recordArticleHead(c, doc);
        if (doc._id % TRIM_EVERY === 0) await trimChanges(c, retainChanges);
      } catch (error) {
        logger.warn({ err: error, seq: doc._id }, 'change log upkeep failed (article head or trimming)');
      }
    }
    const event = eventFromChange(doc, bus.origin);
    for (const invalidate of invalidators) {
      try {
        await invalidate(event);
      } catch (error) {
        logger.error({ err: error, seq: event.seq }, 'cache invalidation failed');
      }
    }
    await bus.publish(event);
    return event;
  }

  async function snapshotArticle(articleId: ObjectId): Promise<ArticleSnapshot | null> {
    const [article, quotes, meetings] = await Promise.all([
      c.articles.findOne({ _id: articleId }, { projection: { personIds: 1, organizationIds: 1 } }),
      c.quotes
        .find(
          { articleId },
          { projection: { _id: 1, speakerId: 1, addresseeId: 1, reportedByPersonId: 1, reportedByOrganizationId: 1 } },
        )
        .toArray(),
      c.meetings.find({ articleId }, { projection: { _id: 1, participantIds: 1 } }).toArray(),
    ]);
    if (!article) return null;
    return {
      articleId,
      personIds: uniqueIds([
        ...article.personIds,
        ...quotes.flatMap((q) => [q.speakerId, q.addresseeId, q.reportedByPersonId]),
        ...meetings.flatMap((m) => m.participantIds),
      ]),
      organizationIds: uniqueIds([...article.organizationIds, ...quotes.map((q) => q.reportedByOrganizationId)]),
      quoteIds: quotes.map((q) => q._id),
      meetingIds: meetings.map((m) => m._id),
    };
  }

  return {
    bus,
    addInvalidator(invalidator) {
      invalidators.add(invalidator);
      return () => invalidators.delete(invalidator);
    },
    snapshotArticle,
    async articleStored(articleId, change) {
      const [snapshot, previous] = await Promise.all([snapshotArticle(articleId), lastArticleChange(c, articleId)]);
      if (!snapshot) return null;
      // New facts: those the article's previous event did not list (all of them the first time, or after a deletion).
      const before = previous && previous.change !== 'DELETED' ? previous : null;
      return record({
        ...emptyChange('ARTICLE', change),
        ...snapshot,
        addedQuoteIds: minus(snapshot.quoteIds, before?.quoteIds),
        addedMeetingIds: minus(snapshot.meetingIds, before?.meetingIds),
        removedQuoteIds: before ? minus(before.quoteIds, snapshot.quoteIds) : [],
        removedMeetingIds: before ? minus(before.meetingIds, snapshot.meetingIds) : [],
      });
    },
    articleDeleted(snapshot) {
      return record({ ...emptyChange('ARTICLE', 'DELETED'), ...snapshot });
    },
    quoteCorrected(quoteId, articleId, personIds) {
      return record({
        ...emptyChange('ARTICLE', 'QUOTE_CORRECTED'),
        articleId,
        personIds: uniqueIds(personIds),
        quoteIds: [quoteId],
      });
    },
    personsChanged(change, personIds, removed = []) {
      return record({
        ...emptyChange('PERSON', change),
        personIds: uniqueIds([...personIds, ...removed]),
        removedPersonIds: uniqueIds(removed),
      });
    },
  };
}
