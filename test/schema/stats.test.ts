/**
 * Dashboard queries on the seed data. Every expected number is stated twice: computed here from the
 * raw seeds/*.json (independently of the loader and the aggregation code) and written out literally,
 * so a change to the seed or to the queries shows up as a readable diff.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personId } from '../../src/db/ids.js';
import { bucketCount, bucketStart } from '../../src/db/stats.js';
import { createLogger } from '../../src/logger.js';
import { DEFAULT_SEEDS_DIR, seedDatabase } from '../../src/seed/load.js';
import { createServer, type NewsgraphServer } from '../../src/http/server.js';
import { countCommands } from '../support/commands.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { errorCode, execute, expectData } from '../support/graphql.js';

interface RawSeed {
  article: { publishedAt: string };
  persons: { slug: string; name: string }[];
  organizations: unknown[];
  quotes: { speaker: string; date?: string }[];
  meetings: { participants: string[]; date: string }[];
}

const seeds: RawSeed[] = readdirSync(DEFAULT_SEEDS_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(DEFAULT_SEEDS_DIR, f), 'utf8')) as RawSeed);
const quoteDates = seeds.flatMap((s) => s.quotes.map((q) => q.date ?? s.article.publishedAt.slice(0, 10)));
const meetingDates = seeds.flatMap((s) => s.meetings.map((m) => m.date));

/** Quote counts per speaker from the raw seed, most first, ties by person id (the API's order). */
function seedTopSpeakers(inRange: (day: string) => boolean = () => true) {
  const counts = new Map<string, number>();
  for (const s of seeds)
    for (const q of s.quotes)
      if (inRange(q.date ?? s.article.publishedAt.slice(0, 10)))
        counts.set(q.speaker, (counts.get(q.speaker) ?? 0) + 1);
  return [...counts]
    .map(([slug, quoteCount]) => ({ slug, quoteCount, id: personId(slug).toHexString() }))
    .sort((a, b) => b.quoteCount - a.quoteCount || (a.id < b.id ? -1 : 1))
    .map(({ slug, quoteCount }) => ({ slug, quoteCount }));
}

/** Meeting pairs from the raw seed as "a|b" (slugs sorted) → meetings. */
function seedMeetingPairs(inRange: (day: string) => boolean = () => true): Map<string, number> {
  const pairs = new Map<string, number>();
  for (const m of seeds.flatMap((s) => s.meetings)) {
    if (!inRange(m.date)) continue;
    const people = [...new Set(m.participants)].sort();
    for (let i = 0; i < people.length; i++)
      for (let j = i + 1; j < people.length; j++)
        pairs.set(`${people[i]}|${people[j]}`, (pairs.get(`${people[i]}|${people[j]}`) ?? 0) + 1);
  }
  return pairs;
}

const countBy = (days: string[], key: (day: string) => string) =>
  days.reduce((m, d) => m.set(key(d), (m.get(key(d)) ?? 0) + 1), new Map<string, number>());

let t: TestDatabase;
let yoga: NewsgraphServer;

beforeAll(async () => {
  t = await openTestDatabase('stats');
  await seedDatabase(t.collections);
  yoga = createServer({ collections: t.collections, logger: createLogger('silent') });
});
afterAll(() => t.dispose());

const data = <T = any>(query: string, variables?: Record<string, unknown>) => expectData<T>(yoga, query, variables);

const edgeKeys = (edges: { weight: number; source: { slug: string }; target: { slug: string } }[]) =>
  new Map(edges.map((e) => [[e.source.slug, e.target.slug].sort().join('|'), e.weight]));

describe('stats', () => {
  it('counts every collection', async () => {
    const expected = {
      articleCount: seeds.length,
      personCount: new Set(seeds.flatMap((s) => s.persons.map((p) => p.slug))).size,
      organizationCount: seeds.reduce((n, s) => n + s.organizations.length, 0),
      quoteCount: quoteDates.length,
      meetingCount: meetingDates.length,
    };
    expect(expected).toEqual({
      articleCount: 1,
      personCount: 14,
      organizationCount: 10,
      quoteCount: 19,
      meetingCount: 8,
    });
    const d = await data(`{ stats { articleCount personCount organizationCount quoteCount meetingCount } }`);
    expect(d.stats).toEqual(expected);
  });
});

describe('topSpeakers', () => {
  const query = `query ($limit: Int!, $from: Date, $to: Date) {
    topSpeakers(limit: $limit, from: $from, to: $to) { quoteCount person { slug name } }
  }`;
  const ALL_TIME = [
    { slug: 'kim-yo-jong', quoteCount: 4 },
    { slug: 'cheong-seong-chang', quoteCount: 3 },
    { slug: 'sung-kim', quoteCount: 3 },
    { slug: 'kim-jong-un', quoteCount: 2 },
    { slug: 'lee-in-young', quoteCount: 2 },
    { slug: 'moon-jae-in', quoteCount: 2 },
    { slug: 'go-myong-hyun', quoteCount: 2 },
    { slug: 'jake-sullivan', quoteCount: 1 },
  ];
  const flat = (rows: { quoteCount: number; person: { slug: string } }[]) =>
    rows.map((r) => ({ slug: r.person.slug, quoteCount: r.quoteCount }));

  it('all time: every speaker, most quotes first, ties by person id', async () => {
    expect(seedTopSpeakers()).toEqual(ALL_TIME);
    const d = await data(query, { limit: 100 });
    expect(flat(d.topSpeakers)).toEqual(ALL_TIME);
    expect(d.topSpeakers[0].person.name).toBe('Kim Yo-jong');
  });

  it('a smaller limit is a prefix of a larger one (ties cut in the same place every time)', async () => {
    for (const limit of [1, 3, 5])
      expect(flat((await data(query, { limit })).topSpeakers)).toEqual(ALL_TIME.slice(0, limit));
    // The default limit is 10.
    expect(flat((await data(`{ topSpeakers { quoteCount person { slug } } }`)).topSpeakers)).toEqual(ALL_TIME);
  });

  it('from/to restrict to quotes said in the period (inclusive days)', async () => {
    const inRange = (day: string) => day >= '2023-01-01' && day <= '2024-05-20';
    const expected = [
      { slug: 'kim-jong-un', quoteCount: 2 },
      { slug: 'sung-kim', quoteCount: 1 },
    ];
    expect(seedTopSpeakers(inRange)).toEqual(expected);
    expect(flat((await data(query, { limit: 10, from: '2023-01-01', to: '2024-05-20' })).topSpeakers)).toEqual(
      expected,
    );
    expect(flat((await data(query, { limit: 10, from: '2024-05-20', to: '2024-05-20' })).topSpeakers)).toEqual([
      { slug: 'sung-kim', quoteCount: 1 },
    ]);
    expect((await data(query, { limit: 10, from: '2025-01-01' })).topSpeakers).toEqual([]);
  });

  it('one aggregate and one batched person load, however many rows', async () => {
    const { result, commands } = await countCommands(t.database.client, () => execute(yoga, query, { limit: 100 }));
    expect(result.body.errors).toBeUndefined();
    expect(commands).toEqual(['aggregate', 'find']);
  });
});

describe('meetingGraph', () => {
  const query = `query ($from: Date, $to: Date, $limit: Int! = 100) {
    meetingGraph(from: $from, to: $to, limit: $limit) {
      totalEdgeCount
      nodes { slug }
      edges { weight source { slug } target { slug } }
    }
  }`;

  it('all time: seven people, six pairs; Moon Jae-in and Kim Jong-un met three times', async () => {
    const expectedPairs = new Map([
      ['kim-jong-un|moon-jae-in', 3],
      ['joe-biden|moon-jae-in', 1],
      ['lee-in-young|sung-kim', 1],
      ['moon-jae-in|sung-kim', 1],
      ['noh-kyu-duk|sung-kim', 1],
      ['suh-hoon|sung-kim', 1],
    ]);
    expect(seedMeetingPairs()).toEqual(expectedPairs);
    const g = (await data(query)).meetingGraph;
    expect(g.totalEdgeCount).toBe(6);
    expect(edgeKeys(g.edges)).toEqual(expectedPairs);
    // Heaviest first, then by names; source is the name that sorts first.
    expect(g.edges.map((e: any) => `${e.source.slug}-${e.target.slug}:${e.weight}`)).toEqual([
      'kim-jong-un-moon-jae-in:3',
      'joe-biden-moon-jae-in:1',
      'lee-in-young-sung-kim:1',
      'moon-jae-in-sung-kim:1',
      'noh-kyu-duk-sung-kim:1',
      'suh-hoon-sung-kim:1',
    ]);
    expect(g.nodes.map((n: any) => n.slug)).toEqual([
      'joe-biden',
      'kim-jong-un',
      'lee-in-young',
      'moon-jae-in',
      'noh-kyu-duk',
      'suh-hoon',
      'sung-kim',
    ]);
  });

  it("from/to keep the meetings of the period: Sung Kim's four in May 2024", async () => {
    const inRange = (day: string) => day >= '2024-05-20' && day <= '2024-05-21';
    const expected = new Map([
      ['lee-in-young|sung-kim', 1],
      ['moon-jae-in|sung-kim', 1],
      ['noh-kyu-duk|sung-kim', 1],
      ['suh-hoon|sung-kim', 1],
    ]);
    expect(seedMeetingPairs(inRange)).toEqual(expected);
    const g = (await data(query, { from: '2024-05-20', to: '2024-05-21' })).meetingGraph;
    expect(edgeKeys(g.edges)).toEqual(expected);
    expect(g.nodes).toHaveLength(5);
    // 2018: the three inter-Korean summits, one pair.
    const summits = (await data(query, { from: '2018-01-01', to: '2018-12-31' })).meetingGraph;
    expect(edgeKeys(summits.edges)).toEqual(new Map([['kim-jong-un|moon-jae-in', 3]]));
  });

  it('limit keeps the heaviest edges and reports how many there were', async () => {
    const g = (await data(query, { limit: 1 })).meetingGraph;
    expect(g.totalEdgeCount).toBe(6);
    expect(edgeKeys(g.edges)).toEqual(new Map([['kim-jong-un|moon-jae-in', 3]]));
    expect(g.nodes.map((n: any) => n.slug)).toEqual(['kim-jong-un', 'moon-jae-in']);
  });

  it("people: each node's meetings in the period (all of them, even when the edges are cut), keyed like edges", async () => {
    const people = `query ($from: Date, $to: Date, $limit: Int!) {
      meetingGraph(from: $from, to: $to, limit: $limit) {
        nodes { id slug }
        people { id meetingCount person { id slug } }
        edges { id source { id slug } target { id slug } }
      }
    }`;
    /** Meetings per person from the raw seed. */
    const seedCounts = (inRange: (day: string) => boolean) => {
      const counts = new Map<string, number>();
      for (const m of seeds.flatMap((s) => s.meetings))
        if (inRange(m.date)) for (const p of new Set(m.participants)) counts.set(p, (counts.get(p) ?? 0) + 1);
      return counts;
    };
    const all = (await data(people, { limit: 100 })).meetingGraph;
    expect(all.people.map((p: any) => p.person.slug)).toEqual(all.nodes.map((n: any) => n.slug));
    for (const p of all.people) expect(p.id).toBe(p.person.id);
    const counts = seedCounts(() => true);
    expect(new Map(all.people.map((p: any) => [p.person.slug, p.meetingCount]))).toEqual(
      new Map([...counts].filter(([slug]) => all.nodes.some((n: any) => n.slug === slug))),
    );
    expect(counts.get('sung-kim')).toBe(4);
    expect(counts.get('moon-jae-in')).toBe(5);
    // Edge ids: one per pair, the same in another period and whichever way round.
    expect(new Set(all.edges.map((e: any) => e.id)).size).toBe(all.edges.length);
    const may = (await data(people, { from: '2024-05-20', to: '2024-05-21', limit: 100 })).meetingGraph;
    const idOf = (g: any, a: string, b: string) =>
      g.edges.find((e: any) => [e.source.slug, e.target.slug].sort().join('|') === [a, b].sort().join('|'))?.id;
    expect(idOf(may, 'sung-kim', 'moon-jae-in')).toBe(idOf(all, 'moon-jae-in', 'sung-kim'));
    // With one edge kept, Moon Jae-in still counts his five meetings of all time.
    const cut = (await data(people, { limit: 1 })).meetingGraph;
    expect(cut.people.map((p: any) => [p.person.slug, p.meetingCount])).toEqual([
      ['kim-jong-un', counts.get('kim-jong-un')],
      ['moon-jae-in', 5],
    ]);
  });

  it('one aggregate and one batched person load', async () => {
    const { result, commands } = await countCommands(t.database.client, () => execute(yoga, query));
    expect(result.body.errors).toBeUndefined();
    expect(commands).toEqual(['aggregate', 'find']);
  });
});

describe('timeline', () => {
  const query = `query ($bucket: TimeBucket!, $from: Date, $to: Date) {
    timeline(bucket: $bucket, from: $from, to: $to) { start end quoteCount meetingCount }
  }`;

  it('DAY: every day of the range, empty days included', async () => {
    const quotesByDay = countBy(quoteDates, (d) => d);
    const meetingsByDay = countBy(meetingDates, (d) => d);
    const days = ['2024-05-19', '2024-05-20', '2024-05-21', '2024-05-22'];
    const expected = days.map((day) => ({
      start: day,
      end: day,
      quoteCount: quotesByDay.get(day) ?? 0,
      meetingCount: meetingsByDay.get(day) ?? 0,
    }));
    expect(expected.map((b) => [b.quoteCount, b.meetingCount])).toEqual([
      [0, 0],
      [1, 1],
      [16, 3],
      [0, 0],
    ]);
    expect((await data(query, { bucket: 'DAY', from: '2024-05-19', to: '2024-05-22' })).timeline).toEqual(expected);
  });

  it('WEEK: ISO weeks (Monday to Sunday), the edge buckets clipped to from/to', async () => {
    const d = await data(query, { bucket: 'WEEK', from: '2024-05-15', to: '2024-05-31' });
    expect(d.timeline).toEqual([
      { start: '2024-05-15', end: '2024-05-19', quoteCount: 0, meetingCount: 0 },
      // Includes nothing from May 1 (a month-precision meeting): that is in the week of April 29.
      { start: '2024-05-20', end: '2024-05-26', quoteCount: 17, meetingCount: 4 },
      { start: '2024-05-27', end: '2024-05-31', quoteCount: 0, meetingCount: 0 },
    ]);
  });

  it('MONTH without bounds: from the first to the last day with data, totals match the seed', async () => {
    const { timeline } = await data(query, { bucket: 'MONTH' });
    // January 2018 (three summits known only to the year) to May 2024.
    expect(timeline).toHaveLength(77);
    expect(timeline[0]).toEqual({ start: '2018-01-01', end: '2018-01-31', quoteCount: 0, meetingCount: 3 });
    expect(timeline.at(-1)).toEqual({ start: '2024-05-01', end: '2024-05-21', quoteCount: 17, meetingCount: 5 });
    const nonEmpty = timeline
      .filter((b: any) => b.quoteCount || b.meetingCount)
      .map((b: any) => [b.start.slice(0, 7), b.quoteCount, b.meetingCount]);
    expect(nonEmpty).toEqual([
      ['2018-01', 0, 3],
      ['2023-06', 2, 0],
      ['2024-05', 17, 5],
    ]);
    const quotesByMonth = countBy(quoteDates, (d) => d.slice(0, 7));
    const meetingsByMonth = countBy(meetingDates, (d) => d.slice(0, 7));
    const months = [...new Set([...quotesByMonth.keys(), ...meetingsByMonth.keys()])].sort();
    expect(nonEmpty).toEqual(months.map((m) => [m, quotesByMonth.get(m) ?? 0, meetingsByMonth.get(m) ?? 0]));
    expect(timeline.reduce((n: number, b: any) => n + b.quoteCount, 0)).toBe(19);
    expect(timeline.reduce((n: number, b: any) => n + b.meetingCount, 0)).toBe(8);
  });

  it('one bound given: the other defaults to the data; nothing in range gives no buckets', async () => {
    const { timeline } = await data(query, { bucket: 'MONTH', from: '2024-01-15' });
    expect(timeline.map((b: any) => [b.start, b.end, b.quoteCount, b.meetingCount])).toEqual([
      ['2024-01-15', '2024-01-31', 0, 0],
      ['2024-02-01', '2024-02-29', 0, 0],
      ['2024-03-01', '2024-03-31', 0, 0],
      ['2024-04-01', '2024-04-30', 0, 0],
      ['2024-05-01', '2024-05-21', 17, 5],
    ]);
    expect((await data(query, { bucket: 'WEEK', from: '2030-01-01' })).timeline).toEqual([]);
  });
});

describe('argument validation (BAD_USER_INPUT, before any database work)', () => {
  const cases: [string, string][] = [
    ['topSpeakers limit 0', `{ topSpeakers(limit: 0) { quoteCount } }`],
    ['topSpeakers limit 101', `{ topSpeakers(limit: 101) { quoteCount } }`],
    ['topSpeakers from after to', `{ topSpeakers(from: "2024-05-22", to: "2024-05-21") { quoteCount } }`],
    ['meetingGraph limit 501', `{ meetingGraph(limit: 501) { totalEdgeCount } }`],
    ['meetingGraph from after to', `{ meetingGraph(from: "2024-06-01", to: "2024-05-01") { totalEdgeCount } }`],
    ['DAY timeline without bounds', `{ timeline(bucket: DAY) { start } }`],
    ['DAY timeline without from', `{ timeline(bucket: DAY, to: "2024-05-21") { start } }`],
    ['DAY timeline over 366 days', `{ timeline(bucket: DAY, from: "2023-01-01", to: "2024-01-02") { start } }`],
    ['WEEK timeline over ten years', `{ timeline(bucket: WEEK, from: "2000-01-01", to: "2024-01-01") { start } }`],
    ['timeline from after to', `{ timeline(bucket: MONTH, from: "2024-06-01", to: "2024-05-01") { start } }`],
  ];
  it.each(cases)('%s', async (_name, query) => {
    const { result, commands } = await countCommands(t.database.client, () => execute(yoga, query));
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(commands).toEqual([]);
  });

  it('an unknown bucket size is a validation error', async () => {
    const r = await execute(yoga, `{ timeline(bucket: YEAR) { start } }`);
    expect(r.body.errors?.[0]?.message).toMatch(/TimeBucket/);
  });

  it('a full year of days is allowed (366 buckets in a leap year)', async () => {
    const { timeline } = await data(
      `{ timeline(bucket: DAY, from: "2024-01-01", to: "2024-12-31") { start quoteCount } }`,
    );
    expect(timeline).toHaveLength(366);
    expect(timeline.reduce((n: number, b: any) => n + b.quoteCount, 0)).toBe(17);
  });

  it('list fields carry complexity: 100 speakers × 100 quotes each is refused before any database work', async () => {
    const query = `{ topSpeakers(limit: 100) { person { quotes(first: 100) { edges { node { text article { title } } } } } } }`;
    const { result, commands } = await countCommands(t.database.client, () => execute(yoga, query));
    expect(errorCode(result)).toBe('QUERY_TOO_COMPLEX');
    expect(commands).toEqual([]);
  });
});

describe('bucket arithmetic', () => {
  const day = (s: string) => new Date(`${s}T00:00:00Z`);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  it('weeks start on Monday (UTC), months on the 1st', () => {
    expect(iso(bucketStart(day('2024-05-26'), 'WEEK'))).toBe('2024-05-20'); // a Sunday
    expect(iso(bucketStart(day('2024-05-20'), 'WEEK'))).toBe('2024-05-20'); // a Monday
    expect(iso(bucketStart(day('2024-01-02'), 'WEEK'))).toBe('2024-01-01');
    expect(iso(bucketStart(new Date('2024-05-31T23:59:59.999Z'), 'MONTH'))).toBe('2024-05-01');
    expect(iso(bucketStart(new Date('2024-05-31T23:59:59.999Z'), 'DAY'))).toBe('2024-05-31');
  });
  it('counts buckets without listing them', () => {
    expect(bucketCount(day('2024-01-01'), day('2024-12-31'), 'DAY')).toBe(366);
    expect(bucketCount(day('2024-05-15'), day('2024-05-31'), 'WEEK')).toBe(3);
    expect(bucketCount(day('2018-01-01'), day('2024-05-21'), 'MONTH')).toBe(77);
    expect(bucketCount(day('2023-12-31'), day('2024-01-01'), 'MONTH')).toBe(2);
  });
});
