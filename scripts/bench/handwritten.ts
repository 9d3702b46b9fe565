/**
 * The hand-written floor: the fewest batched `find`s (with `$in`, and projections of exactly the
 * fields the answer needs) and hand-assembled JSON behind a bare node:http endpoint, no GraphQL.
 * It answers POST bodies `{ operationName: "Q1" | "Q2" | "Q3", variables }` with `{ data }` in the
 * exact shape newsgraph gives for the same query (scripts/bench/queries.ts), so the two can be
 * compared byte for byte.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { ObjectId } from 'mongodb';
import type { Collections } from '../../src/db/collections.js';
import { q4Handwritten } from './q4.js';

const hex = (id: ObjectId) => id.toHexString();
/** Whole result in the first reply (no getMore round trips). */
const ONE_REPLY = 100_000;
const day = (d: Date) => d.toISOString().slice(0, 10);
/** The API's order for dated lists: newest first, then by id. */
const newestFirst = (a: { date: Date; _id: ObjectId }, b: { date: Date; _id: ObjectId }) =>
  b.date.getTime() - a.date.getTime() || (hex(a._id) < hex(b._id) ? -1 : hex(a._id) > hex(b._id) ? 1 : 0);

function groupTop<T extends { date: Date; _id: ObjectId }>(
  docs: T[],
  parents: ObjectId[],
  parentsOf: (d: T) => ObjectId[],
  limit: number,
) {
  const groups = new Map<string, T[]>(parents.map((p) => [hex(p), []]));
  for (const d of docs) for (const p of parentsOf(d)) groups.get(hex(p))?.push(d);
  for (const [k, list] of groups) groups.set(k, list.sort(newestFirst).slice(0, limit));
  return groups;
}

async function byIds<T extends { _id: ObjectId }>(find: (ids: ObjectId[]) => Promise<T[]>, ids: Iterable<ObjectId>) {
  const unique = new Map<string, ObjectId>();
  for (const id of ids) unique.set(hex(id), id);
  const docs = unique.size ? await find([...unique.values()]) : [];
  return new Map(docs.map((d) => [hex(d._id), d]));
}

/** Q1: a page of persons by name, each with 10 newest quotes (+ article title) and 10 newest meetings (+ participant names). */
export async function q1(c: Collections, n: number) {
  const persons = await c.persons
    .find({}, { projection: { slug: 1, name: 1, role: 1 } })
    .sort({ sortName: 1, _id: 1 })
    .limit(n)
    .toArray();
  const ids = persons.map((p) => p._id);
  const [quotes, meetings] = await Promise.all([
    c.quotes
      .find(
        { speakerId: { $in: ids } },
        { projection: { text: 1, date: 1, articleId: 1, speakerId: 1 }, batchSize: ONE_REPLY },
      )
      .toArray(),
    c.meetings
      .find(
        { participantIds: { $in: ids } },
        { projection: { date: 1, location: 1, participantIds: 1 }, batchSize: ONE_REPLY },
      )
      .toArray(),
  ]);
  const quotesOf = groupTop(quotes, ids, (q) => [q.speakerId], 10);
  const meetingsOf = groupTop(meetings, ids, (m) => m.participantIds, 10);
  const [articles, participants] = await Promise.all([
    byIds(
      (i) => c.articles.find({ _id: { $in: i } }, { projection: { title: 1 }, batchSize: ONE_REPLY }).toArray(),
      [...quotesOf.values()].flat().map((q) => q.articleId),
    ),
    byIds(
      (i) => c.persons.find({ _id: { $in: i } }, { projection: { name: 1 }, batchSize: ONE_REPLY }).toArray(),
      [...meetingsOf.values()].flat().flatMap((m) => m.participantIds),
    ),
  ]);
  return {
    persons: {
      edges: persons.map((p) => ({
        node: {
          slug: p.slug,
          name: p.name,
          role: p.role ?? null,
          quotes: {
            edges: quotesOf.get(hex(p._id))!.map((q) => ({
              node: { text: q.text, date: day(q.date), article: { title: articles.get(hex(q.articleId))!.title } },
            })),
          },
          meetings: {
            edges: meetingsOf.get(hex(p._id))!.map((m) => ({
              node: {
                date: day(m.date),
                location: m.location ?? null,
                participants: m.participantIds.flatMap((id) => {
                  const person = participants.get(hex(id));
                  return person ? [{ name: person.name }] : [];
                }),
              },
            })),
          },
        },
      })),
    },
  };
}

/** Q2: one article page with its paragraphs, 50 quotes with speakers and 20 meetings with participants. */
export async function q2(c: Collections, slug: string) {
  const article = await c.articles.findOne(
    { slug },
    { projection: { slug: 1, title: 1, subtitle: 1, byline: 1, publishedAt: 1, paragraphs: 1 } },
  );
  if (!article) return { article: null };
  const [quotes, meetings] = await Promise.all([
    c.quotes
      .find(
        { articleId: article._id },
        {
          projection: { text: 1, kind: 1, confidence: 1, start: 1, end: 1, paragraph: 1, date: 1, speakerId: 1 },
          batchSize: ONE_REPLY,
        },
      )
      .toArray(),
    c.meetings
      .find(
        { articleId: article._id },
        { projection: { date: 1, location: 1, kind: 1, participantIds: 1 }, batchSize: ONE_REPLY },
      )
      .toArray(),
  ]);
  const topQuotes = quotes.sort(newestFirst).slice(0, 50);
  const topMeetings = meetings.sort(newestFirst).slice(0, 20);
  const people = await byIds(
    (i) =>
      c.persons
        .find({ _id: { $in: i } }, { projection: { slug: 1, name: 1, role: 1 }, batchSize: ONE_REPLY })
        .toArray(),
    [...topQuotes.map((q) => q.speakerId), ...topMeetings.flatMap((m) => m.participantIds)],
  );
  return {
    article: {
      slug: article.slug,
      title: article.title,
      subtitle: article.subtitle ?? null,
      byline: article.byline ?? null,
      publishedAt: article.publishedAt.toISOString(),
      paragraphs: article.paragraphs.map((text, i) => ({ index: i + 1, text })),
      quotes: {
        edges: topQuotes.map((q) => {
          const s = people.get(hex(q.speakerId))!;
          return {
            node: {
              text: q.text,
              kind: q.kind,
              confidence: q.confidence,
              span: { start: q.start, end: q.end },
              paragraph: { index: q.paragraph },
              speaker: { slug: s.slug, name: s.name, role: s.role ?? null },
            },
          };
        }),
      },
      meetings: {
        edges: topMeetings.map((m) => ({
          node: {
            date: day(m.date),
            location: m.location ?? null,
            kind: m.kind,
            participants: m.participantIds.flatMap((id) => {
              const p = people.get(hex(id));
              return p ? [{ slug: p.slug, name: p.name }] : [];
            }),
          },
        })),
      },
    },
  };
}

export interface Q3Filter {
  textContains: string;
  minConfidence: number;
  from: string;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Q3: the newest quotes matching a filter, with speaker and article title. */
export async function q3(c: Collections, first: number, f: Q3Filter) {
  const quotes = await c.quotes
    .find(
      {
        text: { $regex: escapeRegex(f.textContains.trim()), $options: 'i' },
        date: { $gte: new Date(`${f.from}T00:00:00.000Z`) },
        confidence: { $gte: f.minConfidence },
      },
      { projection: { text: 1, date: 1, confidence: 1, speakerId: 1, articleId: 1 } },
    )
    .sort({ date: -1, _id: 1 })
    .limit(first)
    .toArray();
  const [speakers, articles] = await Promise.all([
    byIds(
      (i) =>
        c.persons
          .find({ _id: { $in: i } }, { projection: { slug: 1, name: 1, role: 1 }, batchSize: ONE_REPLY })
          .toArray(),
      quotes.map((q) => q.speakerId),
    ),
    byIds(
      (i) => c.articles.find({ _id: { $in: i } }, { projection: { title: 1 }, batchSize: ONE_REPLY }).toArray(),
      quotes.map((q) => q.articleId),
    ),
  ]);
  return {
    quotes: {
      edges: quotes.map((q) => {
        const s = speakers.get(hex(q.speakerId))!;
        return {
          node: {
            text: q.text,
            date: day(q.date),
            confidence: q.confidence,
            speaker: { slug: s.slug, name: s.name, role: s.role ?? null },
            article: { title: articles.get(hex(q.articleId))!.title },
          },
        };
      }),
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Answers one request body; exported for tests. */
export async function answer(
  c: Collections,
  body: { operationName?: string; variables?: Record<string, unknown> },
): Promise<unknown> {
  const v = body.variables ?? {};
  switch (body.operationName) {
    case 'Q1':
      return { data: await q1(c, Number(v.n)) };
    case 'Q2':
      return { data: await q2(c, String(v.slug)) };
    case 'Q3':
      return { data: await q3(c, Number(v.first), v.filter as Q3Filter) };
    case 'Q4':
      return { data: await q4Handwritten(c, v) };
    default:
      throw new Error(`unknown operation ${String(body.operationName)}`);
  }
}

/** A bare node:http server: POST any path with `{ operationName, variables }`. */
export function createHandwrittenServer(c: Collections): Server {
  return createServer((req, res) => {
    readBody(req)
      .then((text) => answer(c, JSON.parse(text)))
      .then(
        (result) => {
          const json = JSON.stringify(result);
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
          res.end(json);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] }));
        },
      );
  });
}
