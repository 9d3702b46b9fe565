/**
 * Curation writes. FerretDB has no transactions, so every write here is a sequence of steps that
 * are each idempotent (`$set` to a final value, `$addToSet`/`$pull`, deletes by key) and ordered so
 * that a failure part-way leaves a state the same call, retried, completes. Inputs arrive
 * validated (src/schema/curation.ts); these functions trust their types but not the database state.
 *
 * Concurrency: every write runs holding the locks (src/db/coordinator.ts) of the persons and the
 * article it touches, taken in one fixed order; a merge holds both of its persons until it is
 * done. A person named by a write is first resolved through the merge records (the redirects a
 * merge leaves): a write naming a person who is being merged waits for that merge and then lands
 * on the survivor, or, where that would be wrong (editing or merging away a merged person), fails
 * with CONFLICT or NOT_FOUND. Nothing can write a reference to a person after it was removed.
 */
import type { Collection, ObjectId } from 'mongodb';
import type { Collections, MergeDoc, PersonDoc, QuoteDoc } from './collections.js';
import {
  articleKey,
  coordinationOptions,
  personKey,
  withLocks,
  WriteConflictError,
  type HeldLocks,
} from './coordinator.js';
import { naturalId } from './ids.js';

export type { MergeDoc, MergeState } from './collections.js';

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

export const mergesCollection = (c: Collections): Collection<MergeDoc> => c.merges;
export const mergeId = (mergedId: ObjectId) => naturalId('merge', mergedId.toHexString());

/** Runs `fn` holding the locks of `keys` on this database. */
export const lock = <T>(c: Collections, keys: string[], fn: (locks: HeldLocks) => Promise<T>, waitMs?: number) =>
  withLocks(c.db.client, c.leases, keys, fn, waitMs);

// ---------------------------------------------------------------------------------------------
// Redirects

/** Where a person's facts go: itself, or the end of its chain of merges (records in order). */
export interface Redirect {
  target: ObjectId;
  path: MergeDoc[];
}

/**
 * Follows each person through the merge records (DONE or PENDING) to the person that receives
 * its facts; one `$in` query per hop. A cycle in the records (possible only in data written before
 * merges were locked) is a CONFLICT: there is no person left to write to.
 */
export async function followMerges(c: Collections, ids: readonly ObjectId[]): Promise<Map<string, Redirect>> {
  const result = new Map<string, Redirect>(ids.map((id) => [id.toHexString(), { target: id, path: [] }]));
  const byMerged = new Map<string, MergeDoc>();
  let frontier = [...new Map(ids.map((id) => [id.toHexString(), id])).values()];
  while (frontier.length) {
    const records = await c.merges.find({ _id: { $in: frontier.map(mergeId) } }).toArray();
    frontier = [];
    for (const record of records) {
      byMerged.set(record.mergedId.toHexString(), record);
      if (!byMerged.has(record.survivorId.toHexString())) frontier.push(record.survivorId);
    }
  }
  for (const redirect of result.values()) {
    const seen = new Set<string>();
    for (let record = byMerged.get(redirect.target.toHexString()); record; ) {
      if (seen.has(record.mergedId.toHexString()))
        throw new CurationError('CONFLICT', 'The merge records of this person form a cycle; a curator must fix them');
      seen.add(record.mergedId.toHexString());
      redirect.path.push(record);
      redirect.target = record.survivorId;
      record = byMerged.get(record.survivorId.toHexString());
    }
  }
  return result;
}

const sameTargets = (a: Map<string, Redirect>, b: Map<string, Redirect>) =>
  [...a].every(([key, r]) => b.get(key)?.target.equals(r.target));

/** How many times a write re-resolves its persons when a merge moved one while it waited. */
const MAX_ATTEMPTS = 5;

/**
 * Runs `fn` holding the locks of `keys`, of each named person and of the person it resolves to,
 * with the redirects as they are under those locks. A merge that completed while this write
 * waited changes a target: the locks are given back and taken again for the new target.
 */
export async function withPersons<T>(
  c: Collections,
  personIds: readonly ObjectId[],
  keys: readonly string[],
  fn: (target: (id: ObjectId) => ObjectId, locks: HeldLocks) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const seen = await followMerges(c, personIds);
    const outcome = await lock(
      c,
      [...keys, ...personIds.map(personKey), ...[...seen.values()].map((r) => personKey(r.target))],
      async (locks) => {
        const now = await followMerges(c, personIds);
        if (!sameTargets(seen, now)) return null;
        return { value: await fn((id) => now.get(id.toHexString())?.target ?? id, locks) };
      },
    );
    if (outcome) return outcome.value;
  }
  throw new CurationError('CONFLICT', 'The persons this write names kept being merged while it waited; try again');
}

// ---------------------------------------------------------------------------------------------
// Quotes

/**
 * Sets a quote's speaker and links the speaker to the quote's article. Setting the same speaker
 * again changes nothing. The previous speaker stays on the article's person list: the article
 * still names them. A speaker who has been merged into another person (or is being merged: the
 * write waits for it) is replaced by the survivor.
 */
export async function correctQuoteSpeaker(
  c: Collections,
  quoteId: ObjectId,
  speakerId: ObjectId,
): Promise<{ quote: QuoteDoc; previousSpeakerId: ObjectId }> {
  // The article never changes for a quote; its lock excludes deletion and re-ingestion.
  const located = await c.quotes.findOne({ _id: quoteId }, { projection: { articleId: 1 } });
  if (!located) throw new CurationError('NOT_FOUND', 'No quote has this id');
  return withPersons(c, [speakerId], [articleKey(located.articleId)], async (target) => {
    const speakerTarget = target(speakerId);
    const [quote, speaker] = await Promise.all([
      c.quotes.findOne({ _id: quoteId }),
      c.persons.findOne({ _id: speakerTarget }, { projection: { _id: 1 } }),
    ]);
    if (!quote) throw new CurationError('NOT_FOUND', 'The quote was deleted meanwhile');
    if (!speaker) throw new CurationError('NOT_FOUND', 'No person has the speaker id');
    // Article link first: a reader must never see a quote whose speaker the article does not name.
    await c.articles.updateOne({ _id: quote.articleId }, { $addToSet: { personIds: speakerTarget } });
    const updated = await c.quotes.findOneAndUpdate(
      { _id: quoteId },
      { $set: { speakerId: speakerTarget } },
      { returnDocument: 'after' },
    );
    if (!updated) throw new CurationError('NOT_FOUND', 'The quote was deleted meanwhile');
    return { quote: updated, previousSpeakerId: quote.speakerId };
  });
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
 * the new name and aliases and no longer the removed ones. A merged person is not edited in its
 * survivor's place (the edit was meant for someone else's names): NOT_FOUND once removed,
 * CONFLICT while an interrupted merge of it is pending.
 */
export async function updatePerson(c: Collections, personId: ObjectId, edit: PersonEdit): Promise<PersonDoc> {
  return lock(c, [personKey(personId)], async () => {
    const [person, merge] = await Promise.all([
      c.persons.findOne({ _id: personId }),
      c.merges.findOne({ _id: mergeId(personId) }, { projection: { state: 1 } }),
    ]);
    if (!person) throw new CurationError('NOT_FOUND', 'No person has this id');
    if (merge) throw new CurationError('CONFLICT', 'This person is being merged into another; edit the survivor');
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
  });
}

// ---------------------------------------------------------------------------------------------
// Merging persons

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
 * Runs holding the locks of both persons (and of the survivor's own survivor, when the survivor
 * was merged away: the merge then goes to that person). Under them it checks both persons, records
 * the intent in `merges` (keyed by the merged person), applies each step (MERGE_STEPS)
 * idempotently and marks the record DONE. Because every merge holds both its persons, chains
 * (A→B with B→C) and cycles (A→B, B→C, C→A) run one after the other: a later one follows the
 * redirect an earlier one left, and one that would merge a person into itself is CONFLICT.
 * Refused with CONFLICT: the merged person already went to someone else; the survivor is in an
 * interrupted (pending) merge; another pending merge still moves facts to the merged person.
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
  const _id = mergeId(mergedId);
  /** The record is this merge's (a retry): its survivor is the one asked for, or where that one went. */
  const isThisMerge = (record: MergeDoc, target: ObjectId) =>
    record.survivorId.equals(survivorId) || record.survivorId.equals(target);

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const [existing, redirects] = await Promise.all([c.merges.findOne({ _id }), followMerges(c, [survivorId])]);
    const target = redirects.get(survivorId.toHexString())!.target;
    if (existing?.state === 'DONE') {
      if (isThisMerge(existing, target)) return existing;
      throw new CurationError('CONFLICT', 'This person has already been merged into someone else');
    }
    const keys = [personKey(mergedId), personKey(survivorId), personKey(target)];
    if (existing) keys.push(personKey(existing.survivorId));
    const outcome = await lock(c, keys, async (locks) => {
      const [record, now] = await Promise.all([c.merges.findOne({ _id }), followMerges(c, [survivorId])]);
      const redirect = now.get(survivorId.toHexString())!;
      if (!redirect.target.equals(target)) return null;
      if (record && !locks.keys.includes(personKey(record.survivorId))) return null;
      if (record) {
        if (!isThisMerge(record, target))
          throw new CurationError('CONFLICT', 'This person has already been merged into someone else');
        // Holding both of its persons, nobody is running it: it was interrupted; finish it.
        if (record.state === 'PENDING') await applyMerge(c, record, options, locks);
        return { value: (await c.merges.findOne({ _id }))! };
      }
      if (redirect.path.some((m) => m.state === 'PENDING'))
        throw new CurationError('CONFLICT', 'The survivor is itself being merged into someone else');
      if (target.equals(mergedId))
        throw new CurationError('CONFLICT', 'The survivor has already been merged into this person');
      return { value: await applyMerge(c, await recordIntent(c, target, mergedId, _id), options, locks) };
    });
    if (outcome) return outcome.value;
  }
  throw new CurationError('CONFLICT', 'These persons kept being merged while this merge waited; try again');
}

/** Checks both persons and records the intent (the caller holds both locks). */
async function recordIntent(
  c: Collections,
  survivorId: ObjectId,
  mergedId: ObjectId,
  _id: ObjectId,
): Promise<MergeDoc> {
  const [survivor, merged, mergedReceiving] = await Promise.all([
    c.persons.findOne({ _id: survivorId }, { projection: { _id: 1 } }),
    c.persons.findOne({ _id: mergedId }),
    // Removing a person another pending merge moves facts to would strand that merge.
    c.merges.findOne({ survivorId: mergedId, state: 'PENDING' }, { projection: { _id: 1 } }),
  ]);
  if (!survivor) throw new CurationError('NOT_FOUND', 'No person has the survivor id');
  if (!merged) throw new CurationError('NOT_FOUND', 'No person has the merged id');
  if (mergedReceiving)
    throw new CurationError('CONFLICT', 'Another merge into this person is still pending; try again when it is done');
  const [quotes, meetings, articles] = await Promise.all([
    c.quotes.countDocuments({
      $or: [{ speakerId: mergedId }, { reportedByPersonId: mergedId }, { addresseeId: mergedId }],
    }),
    c.meetings.countDocuments({ participantIds: mergedId }),
    c.articles.countDocuments({ personIds: mergedId }),
  ]);
  const record: MergeDoc = {
    _id,
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
  await c.merges.insertOne(record);
  return record;
}

async function applyMerge(
  c: Collections,
  record: MergeDoc,
  { beforeStep }: MergeOptions,
  locks: HeldLocks,
): Promise<MergeDoc> {
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
    // Last checks before the one step that cannot be undone: the locks are still ours (else a
    // write may be adding references to the merged person right now), and the survivor exists
    // (a survivor removed behind the locks' back would lose both). Else left PENDING.
    removeMerged: async () => {
      await locks.confirm();
      if (!(await c.persons.findOne({ _id: to }, { projection: { _id: 1 } })))
        throw new CurationError('CONFLICT', 'The survivor no longer exists; the merge is left pending');
      await c.persons.deleteOne({ _id: from });
    },
    done: () =>
      c.merges.updateOne({ _id: record._id, state: 'PENDING' }, { $set: { state: 'DONE', completedAt: new Date() } }),
  };
  for (const step of MERGE_STEPS) {
    await beforeStep?.(step);
    await steps[step]();
  }
  return (await c.merges.findOne({ _id: record._id }))!;
}

/**
 * Completes every merge left PENDING (the process stopped part-way), each under the locks of its
 * two persons. Returns how many it finished; one that cannot finish (CONFLICT: its survivor is
 * gone, or its locks stayed busy) stays PENDING and is reported to `onStuck` instead of stopping
 * the others (or the start-up).
 */
export async function resumePendingMerges(
  c: Collections,
  onStuck: (record: MergeDoc, error: CurationError) => void = () => {},
): Promise<number> {
  const pending = await c.merges.find({ state: 'PENDING' }).toArray();
  // At start-up a lease of the process that died may still be live: wait it out.
  const { lockWaitMs, leaseTtlMs } = coordinationOptions(c.db.client);
  let finished = 0;
  for (const record of pending) {
    try {
      const done = await lock(
        c,
        [personKey(record.mergedId), personKey(record.survivorId)],
        async (locks) => {
          const current = await c.merges.findOne({ _id: record._id });
          if (current?.state !== 'PENDING') return false;
          await applyMerge(c, current, {}, locks);
          return true;
        },
        lockWaitMs + leaseTtlMs,
      );
      if (done) finished += 1;
    } catch (error) {
      if (error instanceof CurationError) onStuck(record, error);
      else if (error instanceof WriteConflictError) onStuck(record, new CurationError('CONFLICT', error.message));
      else throw error;
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
  // The article's lock: a correction or re-ingestion of it runs entirely before or after.
  return lock(c, [articleKey(articleId)], async () => {
    const article = await c.articles.findOne({ _id: articleId }, { projection: { _id: 1 } });
    if (!article) throw new CurationError('NOT_FOUND', 'No article has this id');
    const quotes = await c.quotes.deleteMany({ articleId });
    const meetings = await c.meetings.deleteMany({ articleId });
    await c.articles.deleteOne({ _id: articleId });
    return { quotes: quotes.deletedCount, meetings: meetings.deletedCount };
  });
}
