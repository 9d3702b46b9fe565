/**
 * Curation writes. FerretDB has no transactions, so every write here is a sequence of steps that
 * are each idempotent (`$set` to a final value, `$addToSet`/`$pull`, deletes by key) and ordered so
 * that a failure part-way leaves a state the same call, retried, completes. Inputs arrive
 * validated (src/schema/curation.ts); these functions trust their types but not the database state.
 */
import { MongoServerError, type Collection, type ObjectId } from 'mongodb';
import type { Collections, PersonDoc, QuoteDoc } from './collections.js';
import { naturalId } from './ids.js';

export class CurationError extends Error {
  override name = 'CurationError';
  constructor(
    readonly code: 'NOT_FOUND' | 'CONFLICT' | 'BAD_USER_INPUT',
    message: string,
  ) {
    super(message);
  }
}

const lowerUnique = (values: string[]) => [...new Set(values.map((v) => v.toLowerCase()))];

// ---------------------------------------------------------------------------------------------
// Quotes

/**
 * Sets a quote's speaker and links the speaker to the quote's article. Setting the same speaker
 * again changes nothing. The previous speaker stays on the article's person list: the article
 * still names them.
 */
export async function correctQuoteSpeaker(
  c: Collections,
  quoteId: ObjectId,
  speakerId: ObjectId,
): Promise<{ quote: QuoteDoc; previousSpeakerId: ObjectId }> {
  const [quote, speaker] = await Promise.all([
    c.quotes.findOne({ _id: quoteId }),
    c.persons.findOne({ _id: speakerId }, { projection: { _id: 1 } }),
  ]);
  if (!quote) throw new CurationError('NOT_FOUND', 'No quote has this id');
  if (!speaker) throw new CurationError('NOT_FOUND', 'No person has the speaker id');
  // Article link first: a reader must never see a quote whose speaker the article does not name.
  await c.articles.updateOne({ _id: quote.articleId }, { $addToSet: { personIds: speakerId } });
  const updated = await c.quotes.findOneAndUpdate(
    { _id: quoteId },
    { $set: { speakerId } },
    { returnDocument: 'after' },
  );
  if (!updated) throw new CurationError('NOT_FOUND', 'The quote was deleted meanwhile');
  return { quote: updated, previousSpeakerId: quote.speakerId };
}

// ---------------------------------------------------------------------------------------------
// Persons

export interface PersonEdit {
  name?: string;
  /** Replaces the alias list. */
  aliases?: string[];
  /** null clears the role. */
  role?: string | null;
}

/**
 * Edits a person's name, aliases and role. The slug (and so the id, which is derived from it)
 * never changes: links keep working. `searchNames` is recomputed from the result, so search finds
 * the new name and aliases and no longer the removed ones.
 */
export async function updatePerson(c: Collections, personId: ObjectId, edit: PersonEdit): Promise<PersonDoc> {
  const person = await c.persons.findOne({ _id: personId });
  if (!person) throw new CurationError('NOT_FOUND', 'No person has this id');
  const name = edit.name ?? person.name;
  const aliases = (edit.aliases ?? person.aliases).filter((a) => a !== name);
  const set: Partial<PersonDoc> = {
    name,
    sortName: name.toLowerCase(),
    aliases,
    searchNames: lowerUnique([name, ...aliases]),
  };
  if (edit.role !== undefined) set.role = edit.role;
  const updated = await c.persons.findOneAndUpdate({ _id: personId }, { $set: set }, { returnDocument: 'after' });
  if (!updated) throw new CurationError('NOT_FOUND', 'The person was removed meanwhile');
  return updated;
}

// ---------------------------------------------------------------------------------------------
// Merging persons

export type MergeState = 'PENDING' | 'DONE';

/**
 * The record of one merge, written before any other step. Its id is derived from the merged
 * (removed) person, because a person can be merged away only once: a second, different merge of
 * the same person finds this record and is refused, while a retry of the same merge resumes it.
 */
export interface MergeDoc {
  _id: ObjectId;
  survivorId: ObjectId;
  mergedId: ObjectId;
  /** The merged person as it was, so a resumed merge can still add its names after it is removed. */
  merged: Pick<PersonDoc, 'slug' | 'name' | 'aliases' | 'role' | 'organizationIds'>;
  /** What moved, counted when the merge was recorded. */
  moved: { quotes: number; meetings: number; articles: number };
  state: MergeState;
  createdAt: Date;
  completedAt: Date | null;
}

export const mergesCollection = (c: Collections): Collection<MergeDoc> => c.db.collection<MergeDoc>('merges');
export const mergeId = (mergedId: ObjectId) => naturalId('merge', mergedId.toHexString());

/**
 * A lock on an unordered pair of persons, naming the one merge (A into B, or B into A) allowed to
 * record its intent. Without it, A→B and B→A started together would both pass the "survivor is
 * leaving" check before either record exists, and both persons would be removed. A lock names the
 * same merge for ever once that merge has recorded its intent (the opposite merge stays refused);
 * an attempt that fails before recording it removes the lock again.
 */
export interface MergeLockDoc {
  _id: ObjectId;
  /** The `merges` record id (mergeId of the merged person) of the merge holding the pair. */
  mergeId: ObjectId;
  createdAt: Date;
}

export const mergeLocksCollection = (c: Collections): Collection<MergeLockDoc> =>
  c.db.collection<MergeLockDoc>('merge_locks');
export const mergePairLockId = (a: ObjectId, b: ObjectId) =>
  naturalId('merge-pair', [a.toHexString(), b.toHexString()].sort().join(':'));

/** A lock whose merge never recorded its intent (a crash in between) may be taken over after this. */
const STALE_LOCK_MS = 60_000;

const isDuplicateKey = (error: unknown) => error instanceof MongoServerError && error.code === 11000;

/**
 * Takes the pair's lock for merge `id`, or finds it already held by that merge (a retry, or the same
 * merge called twice at once). Held by the opposite merge: CONFLICT.
 */
async function lockPair(c: Collections, survivorId: ObjectId, mergedId: ObjectId, id: ObjectId): Promise<void> {
  const locks = mergeLocksCollection(c);
  const _id = mergePairLockId(survivorId, mergedId);
  // Concurrent upserts of one _id: one inserts, another may fail on the duplicate key; read it then.
  const lock =
    (await locks
      .findOneAndUpdate(
        { _id },
        { $setOnInsert: { mergeId: id, createdAt: new Date() } },
        { upsert: true, returnDocument: 'after' },
      )
      .catch((error: unknown) => {
        if (isDuplicateKey(error)) return null;
        throw error;
      })) ?? (await locks.findOne({ _id }));
  if (!lock) throw new CurationError('CONFLICT', 'These persons are being merged by another request; try again');
  if (lock.mergeId.equals(id)) return;
  // Held by the opposite merge. If that one never recorded its intent and the lock is old, its
  // request died in between: take the lock over (only if nobody else changed it meanwhile).
  const holderRecorded = await mergesCollection(c).findOne({ _id: lock.mergeId }, { projection: { _id: 1 } });
  if (!holderRecorded && Date.now() - lock.createdAt.getTime() > STALE_LOCK_MS) {
    const taken = await locks.updateOne(
      { _id, mergeId: lock.mergeId, createdAt: lock.createdAt },
      { $set: { mergeId: id, createdAt: new Date() } },
    );
    if (taken.modifiedCount === 1) return;
  }
  throw new CurationError('CONFLICT', 'The opposite merge of these two persons is running or done');
}

/**
 * Gives the pair's lock back after an attempt that failed before recording its intent. Kept when
 * the intent exists (then the lock must go on naming it); a concurrent identical call that records
 * it just after this check is still safe: the recorded intent makes the opposite merge's "survivor
 * is leaving" check fail.
 */
async function unlockPair(c: Collections, survivorId: ObjectId, mergedId: ObjectId, id: ObjectId): Promise<void> {
  if (await mergesCollection(c).findOne({ _id: id }, { projection: { _id: 1 } })) return;
  await mergeLocksCollection(c).deleteOne({ _id: mergePairLockId(survivorId, mergedId), mergeId: id });
}

/** Steps of a merge in order; each is idempotent. Exported so tests can stop a merge part-way. */
export const MERGE_STEPS = ['quotes', 'meetings', 'articles', 'survivor', 'removeMerged', 'done'] as const;
export type MergeStep = (typeof MERGE_STEPS)[number];

export interface MergeOptions {
  /** Test hook: called before each step; throwing simulates a crash there. */
  beforeStep?: (step: MergeStep) => void | Promise<void>;
}

/**
 * Merges `mergedId` into `survivorId`: quotes (speaker, reportedBy, addressee), meeting
 * participants and article person lists move to the survivor; the merged person's name and aliases
 * become the survivor's aliases; the merged person is removed. The survivor keeps its id.
 *
 * 1. take the pair's lock in `merge_locks` (A→B and B→A exclude each other), check both persons
 *    and that neither is in another pending merge in the way, and record the intent in `merges`
 *    (upsert keyed by the merged person: retried, it is found again, without the lock);
 * 2. apply each step (MERGE_STEPS) idempotently — before removing the merged person, check that
 *    the survivor still exists (else CONFLICT, left PENDING); 3. mark the record DONE.
 * Not covered: a cycle of three or more different pairs started at the same instant (A→B, B→C,
 * C→A) can still pass every check: the survivor check before the removal stops the later ones
 * when the removals are staggered, not when they run at the same moment (no transactions).
 * Calling it again after a failure anywhere completes the merge; after completion it returns the
 * record unchanged. `resumePendingMerges` finishes interrupted merges at start-up.
 */
export async function mergePersons(
  c: Collections,
  survivorId: ObjectId,
  mergedId: ObjectId,
  options: MergeOptions = {},
): Promise<MergeDoc> {
  if (survivorId.equals(mergedId)) throw new CurationError('BAD_USER_INPUT', 'A person cannot be merged into itself');
  const merges = mergesCollection(c);
  const _id = mergeId(mergedId);

  let record = await merges.findOne({ _id });
  if (record && !record.survivorId.equals(survivorId))
    throw new CurationError('CONFLICT', 'This person has already been merged into someone else');
  if (!record) record = await recordIntent(c, survivorId, mergedId, _id);
  if (record.state === 'DONE') return record;
  return applyMerge(c, record, options);
}

/**
 * Takes the pair's lock, checks both persons and that the survivor is not itself leaving, and
 * records the intent. Failing before the intent is recorded, it gives the lock back.
 */
async function recordIntent(
  c: Collections,
  survivorId: ObjectId,
  mergedId: ObjectId,
  _id: ObjectId,
): Promise<MergeDoc> {
  const merges = mergesCollection(c);
  await lockPair(c, survivorId, mergedId, _id);
  try {
    // Read after the lock: the opposite merge cannot be between these checks and its intent now.
    const [survivor, merged, survivorLeaving, mergedReceiving] = await Promise.all([
      c.persons.findOne({ _id: survivorId }, { projection: { _id: 1 } }),
      c.persons.findOne({ _id: mergedId }),
      merges.findOne({ _id: mergeId(survivorId), state: 'PENDING' }, { projection: { _id: 1 } }),
      // Removing a person another pending merge moves facts to would strand that merge.
      merges.findOne({ survivorId: mergedId, state: 'PENDING' }, { projection: { _id: 1 } }),
    ]);
    if (!survivor) throw new CurationError('NOT_FOUND', 'No person has the survivor id');
    if (!merged) throw new CurationError('NOT_FOUND', 'No person has the merged id');
    if (survivorLeaving) throw new CurationError('CONFLICT', 'The survivor is itself being merged into someone else');
    if (mergedReceiving)
      throw new CurationError('CONFLICT', 'Another merge into this person is still pending; try again when it is done');
    const [quotes, meetings, articles] = await Promise.all([
      c.quotes.countDocuments({
        $or: [{ speakerId: mergedId }, { reportedByPersonId: mergedId }, { addresseeId: mergedId }],
      }),
      c.meetings.countDocuments({ participantIds: mergedId }),
      c.articles.countDocuments({ personIds: mergedId }),
    ]);
    const intent: Omit<MergeDoc, '_id'> = {
      survivorId,
      mergedId,
      merged: {
        slug: merged.slug,
        name: merged.name,
        aliases: merged.aliases,
        role: merged.role,
        organizationIds: merged.organizationIds,
      },
      moved: { quotes, meetings, articles },
      state: 'PENDING',
      createdAt: new Date(),
      completedAt: null,
    };
    // $setOnInsert: of two concurrent first attempts the first one's record wins; the other's
    // upsert either matches it or fails on the duplicate _id, and both go on with that record.
    await merges.updateOne({ _id }, { $setOnInsert: intent }, { upsert: true }).catch((error: unknown) => {
      if (!isDuplicateKey(error)) throw error;
    });
  } catch (error) {
    await unlockPair(c, survivorId, mergedId, _id).catch(() => {});
    throw error;
  }
  const record = await merges.findOne({ _id });
  if (!record || !record.survivorId.equals(survivorId))
    throw new CurationError('CONFLICT', 'This person has just been merged into someone else');
  return record;
}

async function applyMerge(c: Collections, record: MergeDoc, { beforeStep }: MergeOptions): Promise<MergeDoc> {
  const { survivorId: to, mergedId: from } = record;
  const steps: Record<MergeStep, () => Promise<unknown>> = {
    quotes: () =>
      Promise.all([
        c.quotes.updateMany({ speakerId: from }, { $set: { speakerId: to } }),
        c.quotes.updateMany({ reportedByPersonId: from }, { $set: { reportedByPersonId: to } }),
        c.quotes.updateMany({ addresseeId: from }, { $set: { addresseeId: to } }),
      ]),
    // Add the survivor, then pull the merged person: run again, each half is a no-op.
    meetings: async () => {
      await c.meetings.updateMany({ participantIds: from }, { $addToSet: { participantIds: to } });
      await c.meetings.updateMany({ participantIds: from }, { $pull: { participantIds: from } });
    },
    articles: async () => {
      await c.articles.updateMany({ personIds: from }, { $addToSet: { personIds: to } });
      await c.articles.updateMany({ personIds: from }, { $pull: { personIds: from } });
    },
    survivor: async () => {
      const survivor = await c.persons.findOne({ _id: to }, { projection: { name: 1 } });
      const names = [record.merged.name, ...record.merged.aliases].filter((n) => n !== survivor?.name);
      await c.persons.updateOne(
        { _id: to },
        {
          $addToSet: {
            aliases: { $each: [...new Set(names)] },
            searchNames: { $each: lowerUnique(names) },
            organizationIds: { $each: record.merged.organizationIds },
          },
        },
      );
    },
    // Last check before the one step that cannot be undone: with the survivor gone (removed by
    // another merge), removing the merged person would lose both. Left PENDING for a curator.
    removeMerged: async () => {
      if (!(await c.persons.findOne({ _id: to }, { projection: { _id: 1 } })))
        throw new CurationError('CONFLICT', 'The survivor no longer exists; the merge is left pending');
      await c.persons.deleteOne({ _id: from });
    },
    done: () =>
      mergesCollection(c).updateOne(
        { _id: record._id, state: 'PENDING' },
        { $set: { state: 'DONE', completedAt: new Date() } },
      ),
  };
  for (const step of MERGE_STEPS) {
    await beforeStep?.(step);
    await steps[step]();
  }
  return (await mergesCollection(c).findOne({ _id: record._id }))!;
}

/**
 * Completes every merge left PENDING (the process stopped part-way). Returns how many it finished;
 * one that cannot finish (CONFLICT: its survivor is gone) stays PENDING and is reported to
 * `onStuck` instead of stopping the others (or the start-up).
 */
export async function resumePendingMerges(
  c: Collections,
  onStuck: (record: MergeDoc, error: CurationError) => void = () => {},
): Promise<number> {
  const pending = await mergesCollection(c).find({ state: 'PENDING' }).toArray();
  let finished = 0;
  for (const record of pending) {
    try {
      await applyMerge(c, record, {});
      finished += 1;
    } catch (error) {
      if (!(error instanceof CurationError)) throw error;
      onStuck(record, error);
    }
  }
  return finished;
}

// ---------------------------------------------------------------------------------------------
// Articles

/**
 * Deletes an article with its quotes and meetings; persons and organizations stay. The article
 * goes last, so after a failure part-way it still exists and the retried call finishes the job.
 */
export async function deleteArticle(
  c: Collections,
  articleId: ObjectId,
): Promise<{ quotes: number; meetings: number }> {
  const article = await c.articles.findOne({ _id: articleId }, { projection: { _id: 1 } });
  if (!article) throw new CurationError('NOT_FOUND', 'No article has this id');
  const quotes = await c.quotes.deleteMany({ articleId });
  const meetings = await c.meetings.deleteMany({ articleId });
  await c.articles.deleteOne({ _id: articleId });
  return { quotes: quotes.deletedCount, meetings: meetings.deletedCount };
}
