/**
 * Dashboard aggregates: collection sizes, top speakers, who-met-whom pairs and per-period counts.
 *
 * Everything here is written for FerretDB v1.24 as well as MongoDB: only `$match`, `$group` (with
 * `$sum`), `$sort` and `$limit` run on the server. FerretDB has no `$dateTrunc`/`$dateToString`
 * and no `$min`/`$max` accumulators, so time buckets are formed in JS from per-date counts (one row
 * per distinct date, not per document) and the date extent is read with two indexed `find`s.
 */
import type { Collection, Filter, ObjectId } from 'mongodb';
import { HAPPENED_MEETINGS, type Collections, type MeetingDoc, type QuoteDoc } from './collections.js';

/** Aggregation results are small (grouped); take them in one reply rather than getMore round trips. */
const ONE_REPLY = { batchSize: 100_000 } as const;
const DAY_MS = 86_400_000;

/** An inclusive instant range on `date`; null means unbounded on that side. */
export interface DateRange {
  from: Date | null;
  to: Date | null;
}

function dateFilter<T extends { date: Date }>({ from, to }: DateRange): Filter<T> {
  if (!from && !to) return {};
  return { date: { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) } } as Filter<T>;
}

export type CountedCollection = 'articles' | 'persons' | 'organizations' | 'quotes' | 'meetings';

/**
 * Number of documents in a collection, from the collection's metadata (the `count` command
 * without a filter): O(1) on MongoDB, no scan, which is what a dashboard polling it needs.
 */
export function countCollection(c: Collections, name: CountedCollection): Promise<number> {
  return c[name].estimatedDocumentCount();
}

export interface SpeakerQuoteCount {
  speakerId: ObjectId;
  quoteCount: number;
}

/**
 * The `limit` persons quoted most in the range: most quotes first, ties by speaker id ascending
 * (stable across calls, and decided on the server so `$limit` cuts in the same place every time).
 * The `$match` on `date` uses the quotes `date_id` index.
 */
export async function findTopSpeakers(c: Collections, range: DateRange, limit: number): Promise<SpeakerQuoteCount[]> {
  const rows = await c.quotes
    .aggregate<{ _id: ObjectId; quoteCount: number }>(
      [
        { $match: dateFilter<QuoteDoc>(range) },
        { $group: { _id: '$speakerId', quoteCount: { $sum: 1 } } },
        { $sort: { quoteCount: -1, _id: 1 } },
        { $limit: limit },
      ],
      ONE_REPLY,
    )
    .toArray();
  return rows.map((r) => ({ speakerId: r._id, quoteCount: r.quoteCount }));
}

export interface MeetingPair {
  /** The pair's ids in ascending hex order. */
  personIds: [ObjectId, ObjectId];
  meetingCount: number;
}

export interface MeetingPairs {
  /** Heaviest first, ties by the two ids; at most `limit`. */
  pairs: MeetingPair[];
  /** How many distinct pairs met in the range (before `limit`). */
  totalPairCount: number;
  /** Meetings in the range per person (hex id), for the persons of `pairs`. */
  meetingCounts: Map<string, number>;
}

/**
 * Who met whom in the range (in person: calls and planned meetings left out), and how often. The server groups meetings by their participant list
 * (one row per distinct list, mostly one per pair), and the rows are expanded into pairs here, so
 * no per-meeting documents cross the wire. The `$match` on `date` uses the meetings `date_id` index.
 */
export async function findMeetingPairs(c: Collections, range: DateRange, limit: number): Promise<MeetingPairs> {
  const rows = await c.meetings
    .aggregate<{ _id: ObjectId[]; meetingCount: number }>(
      [
        { $match: { ...dateFilter<MeetingDoc>(range), ...HAPPENED_MEETINGS } },
        { $group: { _id: '$participantIds', meetingCount: { $sum: 1 } } },
      ],
      ONE_REPLY,
    )
    .toArray();
  const byPair = new Map<string, MeetingPair>();
  const perPerson = new Map<string, number>();
  for (const row of rows) {
    // The same people listed in another order, or someone listed twice, is still the same pairs.
    const people = [...new Map((row._id ?? []).map((id) => [id.toHexString(), id])).entries()].sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
    for (let i = 0; i < people.length; i++) {
      perPerson.set(people[i]![0], (perPerson.get(people[i]![0]) ?? 0) + row.meetingCount);
      for (let j = i + 1; j < people.length; j++) {
        const key = `${people[i]![0]}:${people[j]![0]}`;
        const pair = byPair.get(key) ?? { personIds: [people[i]![1], people[j]![1]], meetingCount: 0 };
        pair.meetingCount += row.meetingCount;
        byPair.set(key, pair);
      }
    }
  }
  const sorted = [...byPair.entries()].sort(
    ([ka, a], [kb, b]) => b.meetingCount - a.meetingCount || (ka < kb ? -1 : ka > kb ? 1 : 0),
  );
  const pairs = sorted.slice(0, limit).map(([, pair]) => pair);
  const meetingCounts = new Map<string, number>();
  for (const id of pairs.flatMap((p) => p.personIds).map((i) => i.toHexString()))
    meetingCounts.set(id, perPerson.get(id) ?? 0);
  return { pairs, totalPairCount: sorted.length, meetingCounts };
}

export type TimeBucket = 'DAY' | 'WEEK' | 'MONTH';

/** Start (00:00 UTC) of the UTC day, ISO week (Monday) or month that contains `instant`. */
export function bucketStart(instant: Date, bucket: TimeBucket): Date {
  const day = Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());
  if (bucket === 'DAY') return new Date(day);
  if (bucket === 'WEEK') return new Date(day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS);
  return new Date(Date.UTC(instant.getUTCFullYear(), instant.getUTCMonth(), 1));
}

/** Start of the bucket after the one starting at `start`. */
function nextBucketStart(start: Date, bucket: TimeBucket): Date {
  if (bucket === 'DAY') return new Date(start.getTime() + DAY_MS);
  if (bucket === 'WEEK') return new Date(start.getTime() + 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/** How many buckets the days `from`..`to` touch, computed without listing them. */
export function bucketCount(from: Date, to: Date, bucket: TimeBucket): number {
  if (to < from) return 0;
  const first = bucketStart(from, bucket);
  const last = bucketStart(to, bucket);
  if (bucket === 'MONTH')
    return (last.getUTCFullYear() - first.getUTCFullYear()) * 12 + last.getUTCMonth() - first.getUTCMonth() + 1;
  return Math.round((last.getTime() - first.getTime()) / ((bucket === 'DAY' ? 1 : 7) * DAY_MS)) + 1;
}

/**
 * First and last day (00:00 UTC) with a quote or meeting inside `range`, or null if there is none.
 * Four `find`s sorted on `date` with limit 1: each is one step into a `date_id` index.
 */
export async function findDateExtent(c: Collections, range: DateRange): Promise<{ first: Date; last: Date } | null> {
  const edge = async <T extends { date: Date }>(collection: Collection<T>, direction: 1 | -1) =>
    (
      await collection
        .find(dateFilter<T>(range), { projection: { _id: 0, date: 1 }, sort: { date: direction }, limit: 1 })
        .toArray()
    )[0]?.date as Date | undefined;
  const [q1, m1, q2, m2] = await Promise.all([
    edge(c.quotes, 1),
    edge(c.meetings, 1),
    edge(c.quotes, -1),
    edge(c.meetings, -1),
  ]);
  const firsts = [q1, m1].filter((d): d is Date => d instanceof Date);
  const lasts = [q2, m2].filter((d): d is Date => d instanceof Date);
  if (!firsts.length || !lasts.length) return null;
  const first = Math.min(...firsts.map((d) => d.getTime()));
  const last = Math.max(...lasts.map((d) => d.getTime()));
  return { first: bucketStart(new Date(first), 'DAY'), last: bucketStart(new Date(last), 'DAY') };
}

/** Documents per distinct `date` value in the range (one row per date, not per document). */
async function countByDate<T extends { date: Date }>(
  collection: Collection<T>,
  range: DateRange,
): Promise<{ date: Date; count: number }[]> {
  const rows = await collection
    .aggregate<{ _id: Date; count: number }>(
      [{ $match: dateFilter<T>(range) }, { $group: { _id: '$date', count: { $sum: 1 } } }],
      ONE_REPLY,
    )
    .toArray();
  return rows.filter((r) => r._id instanceof Date).map((r) => ({ date: r._id, count: r.count }));
}

export interface TimelineBucket {
  /** First day counted: the period's start, or `from` if that is later. */
  start: Date;
  /** Last day counted: the period's last day, or `to` if that is earlier. */
  end: Date;
  quoteCount: number;
  meetingCount: number;
}

/**
 * Quotes and meetings per day, ISO week or month over the days `from`..`to` (both 00:00 UTC,
 * inclusive), every bucket present even when empty. Callers bound the bucket count first.
 */
export async function findTimeline(
  c: Collections,
  from: Date,
  to: Date,
  bucket: TimeBucket,
): Promise<TimelineBucket[]> {
  const range: DateRange = { from, to: new Date(to.getTime() + DAY_MS - 1) };
  const [quotes, meetings] = await Promise.all([countByDate(c.quotes, range), countByDate(c.meetings, range)]);
  const buckets: TimelineBucket[] = [];
  const index = new Map<number, TimelineBucket>();
  for (let start = bucketStart(from, bucket); start <= to; start = nextBucketStart(start, bucket)) {
    const end = new Date(nextBucketStart(start, bucket).getTime() - DAY_MS);
    const entry = { start: start < from ? from : start, end: end > to ? to : end, quoteCount: 0, meetingCount: 0 };
    buckets.push(entry);
    index.set(start.getTime(), entry);
  }
  for (const { date, count } of quotes) {
    const entry = index.get(bucketStart(date, bucket).getTime());
    if (entry) entry.quoteCount += count;
  }
  for (const { date, count } of meetings) {
    const entry = index.get(bucketStart(date, bucket).getTime());
    if (entry) entry.meetingCount += count;
  }
  return buckets;
}
