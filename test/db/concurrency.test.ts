/**
 * Races between curation writes (and ingestion), sent in parallel through the HTTP API on loopback
 * to a generated graph in the real database, each followed by a direct integrity check of the
 * whole database (test/support/integrity.ts): no quote, meeting or article refers to a removed
 * person, every quote's speaker is named by its article, no merge is left pending, no lock stays.
 */
import type { ObjectId } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateNewsGraph } from '../../scripts/generate/synthetic.js';
import { bulkStoreArticleGraphs } from '../../src/tooling/bulkLoad.js';
import { configureCoordination } from '../../src/db/coordinator.js';
import { storeArticleGraphOrUndo } from '../../src/db/ingest.js';
import { articleId } from '../../src/db/ids.js';
import { DEFAULT_QUERY_LIMITS } from '../../src/limits.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { integrityProblems, listen, type HttpEndpoint } from '../support/integrity.js';
import { asCurator, globalId, securedServer } from '../support/server.js';

const { graphs } = generateNewsGraph({ scale: 0.02, seed: 'concurrency' });

let t: TestDatabase;
let http: HttpEndpoint;

beforeAll(async () => {
  t = await openTestDatabase('concurrency');
  // These tests are about consistency, not speed: on a busy 2-CPU machine ten parallel merges on
  // FerretDB can take longer than the default 10 s deadline or 5 s lock wait.
  configureCoordination(t.database.client, { lockWaitMs: 60_000 });
  // Admission off: twenty writes at once from one client are the point here, not a flood.
  http = await listen(
    securedServer(t.collections, { limits: { ...DEFAULT_QUERY_LIMITS, requestTimeoutMs: 60_000 }, admission: null }),
  );
});
afterAll(async () => {
  await http?.close();
  await t?.dispose();
});

/** The generated graph, freshly loaded. */
beforeEach(async () => {
  for (const name of ['articles', 'persons', 'organizations', 'quotes', 'meetings', 'merges', 'write_leases'] as const)
    await t.database.db.collection(name).deleteMany({});
  await bulkStoreArticleGraphs(t.collections, graphs, { origin: 'INGESTED', fresh: true });
});

const MERGE = `mutation M($input: MergePersonsInput!) { mergePersons(input: $input) { state survivor { id } } }`;
const CORRECT = `mutation C($input: CorrectQuoteSpeakerInput!) { correctQuoteSpeaker(input: $input) { quote { id speaker { id } } } }`;
const UPDATE = `mutation U($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id role } } }`;
const DELETE = `mutation D($input: DeleteArticleInput!) { deleteArticle(input: $input) { deletedQuotes } }`;

const person = (id: ObjectId) => globalId('Person', id);
const merge = (survivor: ObjectId, merged: ObjectId) =>
  http.post(MERGE, { input: { survivorId: person(survivor), mergedId: person(merged) } }, asCurator);
const correct = (quote: ObjectId, speaker: ObjectId) =>
  http.post(CORRECT, { input: { quoteId: globalId('Quote', quote), speakerId: person(speaker) } }, asCurator);
/** What a response did: the mutation's state, OK, or its error code. */
const outcome = (r: { body: any }) =>
  r.body.errors
    ? String(r.body.errors[0].extensions?.code)
    : (Object.values(r.body.data as Record<string, { state?: string }>)[0]?.state ?? 'OK');

async function expectConsistent() {
  const problems = await integrityProblems(t.collections);
  expect(problems.slice(0, 10), `${problems.length} problems`).toEqual([]);
}

/** Persons with facts, most first; each call hands out persons not handed out before in the test. */
async function personPicker() {
  const weight = new Map<string, { id: ObjectId; n: number }>();
  const add = (id: ObjectId) => {
    const entry = weight.get(id.toHexString()) ?? { id, n: 0 };
    entry.n += 1;
    weight.set(id.toHexString(), entry);
  };
  for (const q of await t.collections.quotes.find({}, { projection: { speakerId: 1 } }).toArray()) add(q.speakerId);
  for (const m of await t.collections.meetings.find({}, { projection: { participantIds: 1 } }).toArray())
    m.participantIds.forEach(add);
  const ranked = [...weight.values()].sort((a, b) => b.n - a.n || a.id.toHexString().localeCompare(b.id.toHexString()));
  let next = 0;
  return (count: number) => {
    const picked = ranked.slice(next, next + count).map((e) => e.id);
    next += count;
    if (picked.length < count) throw new Error('the generated graph has too few persons for this test');
    return picked;
  };
}

const exists = async (id: ObjectId) => (await t.collections.persons.countDocuments({ _id: id })) === 1;

describe('races between curation writes, through the HTTP API', () => {
  it('speaker corrections to X racing the merge of X into Y: every acknowledged correction ends on Y', async () => {
    const pick = await personPicker();
    const quotes = await t.collections.quotes.find({}, { projection: { _id: 1, speakerId: 1 } }).toArray();
    for (let round = 0; round < 5; round++) {
      const [x, y] = pick(2) as [ObjectId, ObjectId];
      const targets = quotes
        .filter((q) => !q.speakerId.equals(x) && !q.speakerId.equals(y))
        .slice(round * 20, round * 20 + 20);
      // The merge is sent among the corrections, not before or after all of them.
      const first = targets.slice(0, 10).map((q) => correct(q._id, x));
      const merging = merge(y, x);
      const rest = targets.slice(10).map((q) => correct(q._id, x));
      const [merged, corrected] = await Promise.all([merging, Promise.all([...first, ...rest])]);
      expect(outcome(merged), `round ${round}`).toBe('DONE');
      expect(corrected.map(outcome)).toEqual(targets.map(() => 'OK'));
      for (const q of targets)
        expect((await t.collections.quotes.findOne({ _id: q._id }))!.speakerId.toHexString()).toBe(y.toHexString());
      expect(await exists(x)).toBe(false);
      await expectConsistent();
    }
  }, 180_000);

  it('chained merges A→B and B→C started together: both apply, everything ends on C', async () => {
    const pick = await personPicker();
    for (let round = 0; round < 5; round++) {
      const [a, b, c] = pick(3) as [ObjectId, ObjectId, ObjectId];
      // Alternate which one is sent first.
      const [ab, bc] =
        round % 2
          ? await Promise.all([merge(b, a), merge(c, b)])
          : await Promise.all([merge(c, b), merge(b, a)]).then(([x, y]) => [y, x]);
      expect([outcome(ab!), outcome(bc!)], `round ${round}`).toEqual(['DONE', 'DONE']);
      expect([await exists(a), await exists(b), await exists(c)]).toEqual([false, false, true]);
      const onC = await t.collections.quotes.countDocuments({ speakerId: { $in: [a, b] } });
      expect(onC).toBe(0);
      await expectConsistent();
    }
  }, 180_000);

  it('the three-way cycle A→B, B→C, C→A: two merges apply, the one that would close the cycle is CONFLICT', async () => {
    const pick = await personPicker();
    for (let round = 0; round < 5; round++) {
      const [a, b, c] = pick(3) as [ObjectId, ObjectId, ObjectId];
      const results = await Promise.all([merge(b, a), merge(c, b), merge(a, c)]);
      expect(results.map(outcome).sort(), `round ${round}`).toEqual(['CONFLICT', 'DONE', 'DONE']);
      const left = [await exists(a), await exists(b), await exists(c)].filter(Boolean);
      expect(left).toHaveLength(1);
      await expectConsistent();
    }
  }, 180_000);

  it('20 parallel speaker corrections in one article: every new speaker is named by the article', async () => {
    const pick = await personPicker();
    const byArticle = new Map<string, ObjectId[]>();
    for (const q of await t.collections.quotes.find({}, { projection: { articleId: 1 } }).toArray())
      byArticle.set(q.articleId.toHexString(), [...(byArticle.get(q.articleId.toHexString()) ?? []), q._id]);
    const [articleHex, quoteIds] = [...byArticle].sort((a, b) => b[1].length - a[1].length)[0]!;
    const article = (await t.collections.articles.findOne({
      _id: (await t.collections.quotes.findOne({ _id: quoteIds[0]! }))!.articleId,
    }))!;
    expect(article._id.toHexString()).toBe(articleHex);
    const named = new Set(article.personIds.map((id) => id.toHexString()));
    const speakers = pick(60).filter((id) => !named.has(id.toHexString()));
    const n = Math.min(20, quoteIds.length, speakers.length);
    expect(n).toBeGreaterThanOrEqual(15);
    const results = await Promise.all(quoteIds.slice(0, n).map((q, i) => correct(q, speakers[i]!)));
    expect(results.map(outcome)).toEqual(results.map(() => 'OK'));
    const after = (await t.collections.articles.findOne({ _id: article._id }))!;
    const nowNamed = new Set(after.personIds.map((id) => id.toHexString()));
    expect(speakers.slice(0, n).filter((id) => !nowNamed.has(id.toHexString()))).toEqual([]);
    await expectConsistent();
  }, 120_000);

  it('ten merges with no person in common, in parallel: all apply and no reference dangles', async () => {
    const pick = await personPicker();
    const persons = pick(20);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => merge(persons[2 * i]!, persons[2 * i + 1]!)),
    );
    expect(results.map(outcome)).toEqual(results.map(() => 'DONE'));
    for (let i = 0; i < 10; i++) expect(await exists(persons[2 * i + 1]!)).toBe(false);
    await expectConsistent();
  }, 120_000);

  it('a merge of X racing deletions, an edit, corrections and re-ingestion of articles naming X', async () => {
    const pick = await personPicker();
    for (let round = 0; round < 3; round++) {
      const [x, y] = pick(2) as [ObjectId, ObjectId];
      const xSlug = (await t.collections.persons.findOne({ _id: x }))!.slug;
      const naming = graphs.filter((g) => g.persons.some((p) => p.slug === xSlug));
      expect(naming.length, 'articles naming X').toBeGreaterThanOrEqual(2);
      const others = await t.collections.quotes
        .find({ speakerId: { $nin: [x, y] } }, { projection: { _id: 1 } })
        .limit(8)
        .toArray();
      const results = await Promise.all([
        http.post(DELETE, { input: { articleId: globalId('Article', articleId(naming[0]!.article.slug)) } }, asCurator),
        ...others.slice(0, 4).map((q) => correct(q._id, x)),
        merge(y, x),
        http.post(UPDATE, { input: { personId: person(x), role: `role ${round}` } }, asCurator),
        storeArticleGraphOrUndo(t.collections, naming[1]!).then(() => ({ body: { data: { ingest: {} } } })),
        ...others.slice(4).map((q) => correct(q._id, x)),
      ]);
      expect(results.map(outcome).filter((o) => !['OK', 'DONE', 'NOT_FOUND'].includes(o))).toEqual([]);
      // The edit either landed before the merge (OK) or found X gone (NOT_FOUND): never recreated X.
      expect(await exists(x)).toBe(false);
      expect(await exists(y)).toBe(true);
      // The re-ingested article names the survivor, not the merged person.
      const reingested = (await t.collections.articles.findOne({ slug: naming[1]!.article.slug }))!;
      expect(reingested.personIds.some((id) => id.equals(x))).toBe(false);
      await expectConsistent();
    }
  }, 180_000);
});
