/**
 * Dashboard queries: `stats`, `topSpeakers`, `meetingGraph` and `timeline`. Aggregation lives in
 * `src/db/stats.ts`; this file validates arguments, bounds the cost, and loads persons through the
 * request's DataLoader (one batched query per field, whatever the number of rows).
 */
import type { ObjectId } from 'mongodb';
import type { PersonDoc } from '../db/collections.js';
import {
  bucketCount,
  countCollection,
  findDateExtent,
  findMeetingPairs,
  findTimeline,
  findTopSpeakers,
  type CountedCollection,
  type DateRange,
  type TimeBucket,
  type TimelineBucket,
} from '../db/stats.js';
import type { Context } from '../context.js';
import { endOfDay } from './article.js';
import { builder } from './builder.js';
import { badUserInput } from '../errors.js';
import { PersonRef } from './refs.js';

/** Argument bounds, checked before any database work. */
export const STATS_LIMITS = {
  topSpeakers: { default: 10, max: 100 },
  meetingGraph: { default: 100, max: 500 },
  /** Most buckets one timeline may return, per bucket size (a year of days, ten years of weeks, fifty of months). */
  timelineBuckets: { DAY: 366, WEEK: 522, MONTH: 600 } satisfies Record<TimeBucket, number>,
} as const;

const clamp = (n: number | null | undefined, fallback: number, max: number) =>
  Math.min(Math.max(n ?? fallback, 1), max);

function checkLimit(value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw badUserInput(`"limit" must be between 1 and ${max} (got ${value})`);
  return value;
}

/** The inclusive day range as instants: `to` covers its whole day. */
function checkRange(from: Date | null | undefined, to: Date | null | undefined): DateRange {
  if (from && to && from > to) throw badUserInput('"from" must be on or before "to"');
  return { from: from ?? null, to: endOfDay(to) };
}

/** Persons by id in one batched load, in the given order; ids whose person is gone are skipped. */
async function loadPersons(ctx: Context, ids: ObjectId[]): Promise<Map<string, PersonDoc>> {
  const docs = await ctx.loaders.personById.loadMany(ids);
  const byId = new Map<string, PersonDoc>();
  for (const doc of docs) {
    if (doc instanceof Error) throw doc;
    if (doc) byId.set(doc._id.toHexString(), doc);
  }
  return byId;
}

/** Persons by lowercased name, then id: code-unit order, the same on every machine (no locale). */
function byName(a: PersonDoc, b: PersonDoc): number {
  const [x, y] = [`${a.sortName}\u0000${a._id.toHexString()}`, `${b.sortName}\u0000${b._id.toHexString()}`];
  return x < y ? -1 : x > y ? 1 : 0;
}

const Stats = builder.objectRef<Record<string, never>>('Stats').implement({
  description: 'How big the graph is. Each count is read from collection metadata (no scan), only when asked for.',
  fields: (t) => {
    const count = (name: CountedCollection, description: string) =>
      t.int({ description, resolve: (_stats, _args, ctx) => countCollection(ctx.collections, name) });
    return {
      articleCount: count('articles', 'Articles stored.'),
      personCount: count('persons', 'Persons stored.'),
      organizationCount: count('organizations', 'Organizations stored.'),
      quoteCount: count('quotes', 'Quotes stored.'),
      meetingCount: count('meetings', 'Meetings stored.'),
    };
  },
});

const TopSpeaker = builder.objectRef<{ person: PersonDoc; quoteCount: number }>('TopSpeaker').implement({
  description: 'A person and how many quotes they have in the period.',
  fields: (t) => ({
    person: t.field({ type: PersonRef, nullable: false, resolve: (s) => s.person }),
    quoteCount: t.exposeInt('quoteCount', { nullable: false }),
  }),
});

interface MeetingGraphShape {
  nodes: PersonDoc[];
  edges: { source: PersonDoc; target: PersonDoc; weight: number }[];
  totalEdgeCount: number;
  meetingCounts: Map<string, number>;
}

const MeetingGraphNode = builder.objectRef<{ person: PersonDoc; meetingCount: number }>('MeetingGraphNode').implement({
  description: 'A person of the network with their meetings in the period (for sizing the node).',
  fields: (t) => ({
    id: t.globalID({
      nullable: false,
      description: "The person's id: what edges' `source.id` and `target.id` refer to.",
      resolve: (n) => ({ type: 'Person', id: n.person._id.toHexString() }),
    }),
    person: t.field({ type: PersonRef, nullable: false, resolve: (n) => n.person }),
    meetingCount: t.exposeInt('meetingCount', {
      nullable: false,
      description:
        'Meetings this person took part in during the period (all of them, not only those on the edges kept).',
    }),
  }),
});

const MeetingGraphEdge = builder.objectRef<MeetingGraphShape['edges'][number]>('MeetingGraphEdge').implement({
  description: 'Two persons who met, and in how many meetings (a meeting of n people links every pair of them).',
  fields: (t) => ({
    id: t.globalID({
      nullable: false,
      description: 'Stable for the pair, whatever the period: dashboards (e.g. a node graph panel) key edges by it.',
      resolve: (e) => {
        const [a, b] = [e.source._id.toHexString(), e.target._id.toHexString()].sort();
        return { type: 'MeetingGraphEdge', id: `${a}:${b}` };
      },
    }),
    source: t.field({
      type: PersonRef,
      nullable: false,
      description: 'The one of the two whose name sorts first.',
      resolve: (e) => e.source,
    }),
    target: t.field({ type: PersonRef, nullable: false, resolve: (e) => e.target }),
    weight: t.exposeInt('weight', { nullable: false, description: 'Meetings the two shared in the period.' }),
  }),
});

const MeetingGraph = builder.objectRef<MeetingGraphShape>('MeetingGraph').implement({
  description: 'Who met whom: persons as nodes, pairs who met as weighted edges.',
  fields: (t) => ({
    nodes: t.field({
      type: [PersonRef],
      nullable: false,
      description: 'Every person on an edge, by name.',
      // Two endpoints per edge at most.
      complexity: { field: 1, multiplier: 2 },
      resolve: (g) => g.nodes,
    }),
    people: t.field({
      type: [MeetingGraphNode],
      nullable: false,
      description: 'The persons of `nodes`, in the same order, each with their meetings in the period.',
      complexity: { field: 1, multiplier: 2 },
      resolve: (g) =>
        g.nodes.map((person) => ({ person, meetingCount: g.meetingCounts.get(person._id.toHexString()) ?? 0 })),
    }),
    edges: t.field({
      type: [MeetingGraphEdge],
      nullable: false,
      description: 'Heaviest first, then by the two names.',
      resolve: (g) => g.edges,
    }),
    totalEdgeCount: t.int({
      nullable: false,
      description: 'Pairs who met in the period, before `limit`.',
      resolve: (g) => g.totalEdgeCount,
    }),
  }),
});

const TimeBucketEnum = builder.enumType('TimeBucket', {
  description: 'Timeline bucket size: a UTC day, an ISO week (Monday to Sunday) or a calendar month.',
  values: ['DAY', 'WEEK', 'MONTH'] as const,
});

const TimelineBucketRef = builder.objectRef<TimelineBucket>('TimelineBucket').implement({
  description:
    'Quotes and meetings dated within one bucket. A meeting known only to the month or year counts on its first day.',
  fields: (t) => ({
    start: t.expose('start', {
      type: 'Date',
      nullable: false,
      description: "First day counted: the period's first day, or `from` if later.",
    }),
    end: t.expose('end', {
      type: 'Date',
      nullable: false,
      description: "Last day counted: the period's last day, or `to` if earlier.",
    }),
    quoteCount: t.exposeInt('quoteCount', { nullable: false }),
    meetingCount: t.exposeInt('meetingCount', { nullable: false }),
  }),
});

/** Upper bound on the buckets a timeline query returns, for the complexity estimate. */
function estimatedBuckets(args: { bucket?: TimeBucket | null; from?: Date | null; to?: Date | null }): number {
  const max = STATS_LIMITS.timelineBuckets[args.bucket ?? 'MONTH'] ?? STATS_LIMITS.timelineBuckets.MONTH;
  if (!args.bucket || !args.from || !args.to) return max;
  return Math.min(Math.max(bucketCount(args.from, args.to, args.bucket), 1), max);
}

builder.queryFields((t) => ({
  stats: t.field({
    type: Stats,
    description: 'How many articles, persons, organizations, quotes and meetings there are.',
    resolve: () => ({}),
  }),

  topSpeakers: t.field({
    type: [TopSpeaker],
    description:
      'The persons quoted most in the period (all time by default): most quotes first, ties in a stable order (by id).',
    args: {
      limit: t.arg.int({
        required: true,
        defaultValue: STATS_LIMITS.topSpeakers.default,
        description: `1 to ${STATS_LIMITS.topSpeakers.max}.`,
      }),
      from: t.arg({ type: 'Date', description: 'Quotes said on or after this day.' }),
      to: t.arg({ type: 'Date', description: 'Quotes said on or before this day.' }),
    },
    complexity: (args) => ({
      field: 2,
      multiplier: clamp(args.limit, STATS_LIMITS.topSpeakers.default, STATS_LIMITS.topSpeakers.max),
    }),
    resolve: async (_root, args, ctx) => {
      const limit = checkLimit(args.limit, STATS_LIMITS.topSpeakers.max);
      const counts = await findTopSpeakers(ctx.collections, checkRange(args.from, args.to), limit);
      const persons = await loadPersons(
        ctx,
        counts.map((s) => s.speakerId),
      );
      return counts.flatMap((s) => {
        const person = persons.get(s.speakerId.toHexString());
        return person ? [{ person, quoteCount: s.quoteCount }] : [];
      });
    },
  }),

  meetingGraph: t.field({
    type: MeetingGraph,
    description:
      'Who met whom in the period (all time by default). `limit` caps the edges: the heaviest are kept (ties by person ids, so the cut is stable).',
    args: {
      from: t.arg({ type: 'Date', description: 'Meetings on or after this day.' }),
      to: t.arg({ type: 'Date', description: 'Meetings on or before this day.' }),
      limit: t.arg.int({
        required: true,
        defaultValue: STATS_LIMITS.meetingGraph.default,
        description: `Most edges to return, 1 to ${STATS_LIMITS.meetingGraph.max}.`,
      }),
    },
    complexity: (args) => ({
      field: 2,
      multiplier: clamp(args.limit, STATS_LIMITS.meetingGraph.default, STATS_LIMITS.meetingGraph.max),
    }),
    resolve: async (_root, args, ctx) => {
      const limit = checkLimit(args.limit, STATS_LIMITS.meetingGraph.max);
      const { pairs, totalPairCount, meetingCounts } = await findMeetingPairs(
        ctx.collections,
        checkRange(args.from, args.to),
        limit,
      );
      const persons = await loadPersons(
        ctx,
        pairs.flatMap((p) => p.personIds),
      );
      const edges: MeetingGraphShape['edges'] = [];
      for (const pair of pairs) {
        const [a, b] = pair.personIds.map((id) => persons.get(id.toHexString()));
        if (!a || !b) continue;
        const [source, target] = byName(a, b) <= 0 ? [a, b] : [b, a];
        edges.push({ source, target, weight: pair.meetingCount });
      }
      // The cut above is by weight then id (decided with the data); readers get weight then names.
      edges.sort((x, y) => y.weight - x.weight || byName(x.source, y.source) || byName(x.target, y.target));
      const nodes = new Map<string, PersonDoc>();
      for (const e of edges) for (const p of [e.source, e.target]) nodes.set(p._id.toHexString(), p);
      return {
        nodes: [...nodes.values()].sort(byName),
        edges,
        totalEdgeCount: totalPairCount,
        meetingCounts,
      };
    },
  }),

  timeline: t.field({
    type: [TimelineBucketRef],
    description:
      'Quotes and meetings per day, week or month, every bucket present (zeros included). DAY needs `from` and `to`; ' +
      'WEEK and MONTH default a missing bound to the first/last day with data. At most 366 days, 522 weeks or 600 months.',
    args: {
      bucket: t.arg({ type: TimeBucketEnum, required: true }),
      from: t.arg({ type: 'Date', description: 'First day, inclusive.' }),
      to: t.arg({ type: 'Date', description: 'Last day, inclusive.' }),
    },
    complexity: (args) => ({ field: 2, multiplier: estimatedBuckets(args) }),
    resolve: async (_root, args, ctx) => {
      const { bucket } = args;
      checkRange(args.from, args.to);
      if (bucket === 'DAY' && (!args.from || !args.to)) throw badUserInput('A DAY timeline needs both "from" and "to"');
      let from = args.from ?? null;
      let to = args.to ?? null;
      if (!from || !to) {
        const extent = await findDateExtent(ctx.collections, { from, to: endOfDay(to) });
        if (!extent) return [];
        from ??= extent.first;
        to ??= extent.last;
      }
      const max = STATS_LIMITS.timelineBuckets[bucket];
      const count = bucketCount(from, to, bucket);
      if (count > max)
        throw badUserInput(
          `A ${bucket} timeline may have at most ${max} buckets; ${from.toISOString().slice(0, 10)} to ${to.toISOString().slice(0, 10)} has ${count}. Narrow "from"/"to" or use a larger bucket.`,
        );
      return findTimeline(ctx.collections, from, to, bucket);
    },
  }),
}));
