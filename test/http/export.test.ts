/**
 * Bulk export over the real HTTP server (startApp on a loopback socket, the seed loaded at start)
 * against the test database: every line parses, counts match the collections, order is `_id` and
 * stable, gzip decodes to the same lines, `since` returns only later changes (deletions as
 * tombstones), and bad or expired cursors are typed JSON errors without a stack.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { appendChange, changesCollection, latestSeq, trimChanges, emptyChange } from '../../src/db/changes.js';
import { getCollections, type Collections } from '../../src/db/collections.js';
import { decodeCursor, encodeCursor, ExportLimiter } from '../../src/http/export.js';
import { createLogger } from '../../src/logger.js';
import { API_KEYS_ENV, asCurator, CURATOR_KEY, globalId } from '../support/server.js';
import { liveArticle } from '../support/live.js';

const EXPORT_KEY = 'exporter-secret-key-0123456789';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const asExporter = { authorization: `Bearer ${EXPORT_KEY}` };
const DB = `test_export_${randomBytes(4).toString('hex')}`;

let app: RunningApp;
let c: Collections;
let base: string;

beforeAll(async () => {
  app = await startApp(
    loadConfig({
      ...process.env,
      MONGODB_DB: DB,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      NEWSGRAPH_API_KEYS: `${API_KEYS_ENV},exporter:${sha256(EXPORT_KEY)}:export`,
      CHANGES_POLL_MS: '0',
    }),
    createLogger('silent'),
  );
  c = getCollections(app.database.db);
  base = app.url.replace(/\/graphql$/, '');
}, 60_000);

afterAll(async () => {
  await app?.database.db.dropDatabase().catch(() => {});
  await app?.stop();
});

interface Line {
  id?: string;
  deleted?: boolean;
  end?: { cursor: string; documents: number; deleted: number };
  [k: string]: unknown;
}

async function pull(name: string, query = '', headers: Record<string, string> = asExporter) {
  const r = await fetch(`${base}/export/${name}.ndjson${query}`, { headers });
  const text = await r.text();
  return { status: r.status, headers: r.headers, text };
}
/** The lines of a successful export: documents (and tombstones), then the end line. */
async function exportLines(name: string, query = '') {
  const r = await pull(name, query);
  expect(r.status, r.text).toBe(200);
  expect(r.text.endsWith('\n')).toBe(true);
  const lines = r.text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
  const end = lines.at(-1)!.end!;
  expect(end, 'the last line carries the cursor').toBeDefined();
  expect(r.headers.get('x-export-cursor')).toBe(end.cursor);
  return { docs: lines.slice(0, -1), end, raw: r.text };
}
/** Retries an export until it answers `status` (a slot frees asynchronously after an abort). */
async function eventuallyStatus(status: number) {
  for (let i = 0; i < 100; i++) {
    const r = await app.yoga.fetch(`${base}/export/persons.ndjson`, { headers: asExporter });
    await r.text();
    if (r.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`export never answered ${status}`);
}
const hexOf = (gid: string) => Buffer.from(gid, 'base64').toString('utf8').split(':')[1]!;

async function graphql(query: string, variables: Record<string, unknown>) {
  const r = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...asCurator },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await r.json()) as { data?: any; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

describe('GET /export/*.ndjson', () => {
  it('needs an API key with the export scope', async () => {
    const anonymous = await pull('articles', '', {});
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.text).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const curator = await pull('articles', '', { authorization: `Bearer ${CURATOR_KEY}` });
    expect(curator.status).toBe(403);
    expect(JSON.parse(curator.text).errors[0].extensions.code).toBe('FORBIDDEN');
    const unknown = await pull('organizations');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('streams every document once, public fields only, in _id order, the same way twice', async () => {
    for (const name of ['articles', 'persons', 'quotes', 'meetings'] as const) {
      const { docs, end } = await exportLines(name);
      const count = await c[name].countDocuments({});
      expect(count).toBeGreaterThan(0);
      expect(docs).toHaveLength(count);
      expect(end.documents).toBe(count);
      const hexes = docs.map((d) => hexOf(d.id!));
      expect(new Set(hexes).size).toBe(count);
      expect(hexes).toEqual([...hexes].sort());
      const again = await exportLines(name);
      expect(again.docs).toEqual(docs);
    }
    const persons = (await exportLines('persons')).docs;
    expect(Object.keys(persons[0]!).sort()).toEqual(['aliases', 'id', 'name', 'organizations', 'role', 'slug']);
    const articles = (await exportLines('articles')).docs;
    expect(articles[0]).not.toHaveProperty('rawFile');
    expect(articles[0]).not.toHaveProperty('contentHash');
    const quotes = (await exportLines('quotes')).docs;
    // References are global ids of the types the API has.
    expect(Buffer.from(quotes[0]!.speaker as string, 'base64').toString()).toMatch(/^Person:[0-9a-f]{24}$/);
    expect(quotes[0]!.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A claim's relativeTo names another exported meeting.
    const meetings = (await exportLines('meetings')).docs;
    const meetingIds = new Set(meetings.map((m) => m.id));
    const relative = meetings.flatMap((m) =>
      (m.claims as { relativeTo: string | null }[]).map((claim) => claim.relativeTo).filter(Boolean),
    );
    expect(relative.length).toBeGreaterThan(0);
    for (const id of relative) expect(meetingIds.has(id!)).toBe(true);
  });

  it('gzips when the client accepts it, to the same lines', async () => {
    const plain = await exportLines('quotes');
    const { status, encoding, body } = await new Promise<{ status: number; encoding: string; body: Buffer }>(
      (resolve, reject) => {
        const req = httpRequest(
          `${base}/export/quotes.ndjson`,
          { headers: { ...asExporter, 'accept-encoding': 'gzip' } },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (d: Buffer) => chunks.push(d));
            res.on('end', () =>
              resolve({
                status: res.statusCode!,
                encoding: String(res.headers['content-encoding']),
                body: Buffer.concat(chunks),
              }),
            );
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(status).toBe(200);
    expect(encoding).toBe('gzip');
    expect(body.length).toBeLessThan(Buffer.byteLength(plain.raw));
    expect(gunzipSync(body).toString('utf8')).toBe(plain.raw);
  });

  it('since a cursor: only what changed after it, deletions as tombstones', async () => {
    const { end } = await exportLines('articles');
    const nothing = await exportLines('articles', `?since=${end.cursor}`);
    expect(nothing.docs).toEqual([]);
    expect(nothing.end.cursor).toBe(end.cursor);

    const data = await graphql(
      'mutation($i: IngestArticlesInput!) { ingestArticles(input: $i) { results { status article { id slug } } } }',
      { i: { articles: [{ text: liveArticle(`export-${randomBytes(3).toString('hex')}`) }] } },
    );
    const article = data.ingestArticles.results[0].article as { id: string; slug: string };
    const articles = await exportLines('articles', `?since=${end.cursor}`);
    expect(articles.docs.map((d) => d.id)).toEqual([article.id]);
    expect(articles.docs[0]!.slug).toBe(article.slug);
    const newQuotes = await c.quotes.find({ articleId: { $eq: new ObjectId(hexOf(article.id)) } }).toArray();
    expect(newQuotes.length).toBeGreaterThan(0);
    const quotes = await exportLines('quotes', `?since=${end.cursor}`);
    expect(quotes.docs.map((d) => hexOf(d.id!)).sort()).toEqual(newQuotes.map((q) => q._id.toHexString()).sort());

    // Delete it: the next pull from the second cursor reports the article and its quotes as deleted.
    const second = articles.end.cursor;
    await graphql('mutation($i: DeleteArticleInput!) { deleteArticle(input: $i) { deletedQuotes } }', {
      i: { articleId: article.id },
    });
    const gone = await exportLines('articles', `?since=${second}`);
    expect(gone.docs).toEqual([{ id: article.id, deleted: true }]);
    expect(gone.end.deleted).toBe(1);
    const goneQuotes = await exportLines('quotes', `?since=${second}`);
    expect(goneQuotes.docs.every((d) => d.deleted === true)).toBe(true);
    expect(goneQuotes.docs).toHaveLength(newQuotes.length);
  });

  it('since a merge: the merged person as a tombstone, the facts that moved to the survivor re-sent', async () => {
    // Two persons who both speak in the seed: the one with fewer quotes is merged into the other.
    const counts = await c.quotes
      .aggregate<{ _id: ObjectId; n: number }>([
        { $group: { _id: '$speakerId', n: { $sum: 1 } } },
        { $sort: { n: -1 } },
      ])
      .toArray();
    const [survivor, merged] = [counts[0]!._id, counts.at(-1)!._id];
    const movedQuotes = await c.quotes.find({ speakerId: merged }).toArray();
    expect(movedQuotes.length).toBeGreaterThan(0);
    const { end } = await exportLines('persons');
    await graphql('mutation($i: MergePersonsInput!) { mergePersons(input: $i) { state } }', {
      i: { survivorId: globalId('Person', survivor), mergedId: globalId('Person', merged) },
    });
    const persons = await exportLines('persons', `?since=${end.cursor}`);
    expect(persons.docs).toContainEqual({ id: globalId('Person', merged), deleted: true });
    expect(persons.docs.find((d) => d.id === globalId('Person', survivor))).toBeDefined();
    const quotes = await exportLines('quotes', `?since=${end.cursor}`);
    for (const q of movedQuotes) {
      const line = quotes.docs.find((d) => d.id === globalId('Quote', q._id));
      expect(line?.speaker).toBe(globalId('Person', survivor));
    }
  });

  it('a bad since is a typed 400, an expired or foreign one a typed 410; no stack either way', async () => {
    for (const bad of ['nonsense!', 'bm90LWEtY3Vyc29y', encodeCursor(1).slice(0, -2), 'x'.repeat(100)]) {
      const r = await pull('persons', `?since=${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(400);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      const error = JSON.parse(r.text).errors[0];
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'since' });
      expect(r.text).not.toMatch(/stack|at .*\.ts:\d+/);
    }
    const future = await pull('persons', `?since=${encodeCursor((await latestSeq(c)) + 10)}`);
    expect(future.status).toBe(410);
    expect(JSON.parse(future.text).errors[0].extensions.code).toBe('CURSOR_EXPIRED');

    // Trimming the log past a cursor expires it; a cursor inside the kept window still works.
    const old = encodeCursor(0);
    expect((await pull('persons', `?since=${old}`)).status).toBe(200);
    for (let i = 0; i < 3; i++) await appendChange(c, emptyChange('PERSON', 'UPDATED'));
    const latest = await latestSeq(c);
    expect(await trimChanges(c, 2)).toBeGreaterThan(0);
    expect(await changesCollection(c).countDocuments({})).toBe(2);
    const expired = await pull('persons', `?since=${old}`);
    expect(expired.status).toBe(410);
    const body = JSON.parse(expired.text);
    expect(body.errors[0].extensions).toMatchObject({ code: 'CURSOR_EXPIRED', fullPull: '/export/persons.ndjson' });
    expect(body.errors[0].message).toMatch(/pull everything again/);
    expect(expired.text).not.toMatch(/stack/);
    expect((await pull('persons', `?since=${encodeCursor(latest - 2)}`)).status).toBe(200);
  });

  it('cursors round-trip and reject anything else', () => {
    expect(decodeCursor(encodeCursor(0))).toBe(0);
    expect(decodeCursor(encodeCursor(123456))).toBe(123456);
    expect(decodeCursor(Buffer.from('ngx1:-1').toString('base64url'))).toBeNull();
    expect(decodeCursor(Buffer.from('ngx1:01').toString('base64url'))).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });

  it('an open export holds its slot until the client reads it to the end, cancels or goes away', async () => {
    const open = (signal?: AbortSignal) =>
      app.yoga.fetch(`${base}/export/quotes.ndjson`, { headers: asExporter, ...(signal ? { signal } : {}) });
    const code = async (r: Response) => ((await r.json()) as any).errors[0].extensions.code;
    // MAX_EXPORTS_PER_KEY is 2: two unread streams take both slots.
    const first = await open();
    const abort = new AbortController();
    const second = await open(abort.signal);
    const refused = await open();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(await code(refused)).toBe('TOO_MANY_EXPORTS');
    await first.body!.cancel();
    const third = await open();
    expect(third.status).toBe(200);
    expect((await open()).status).toBe(429);
    abort.abort();
    await eventuallyStatus(200);
    await third.text();
    void second.body?.cancel().catch(() => {});
  });

  it('caps concurrent exports per key and per instance', () => {
    const limiter = new ExportLimiter({ perKey: 1, total: 2 });
    const a = limiter.acquire('a');
    expect(a).not.toBeNull();
    expect(limiter.acquire('a')).toBeNull();
    const b = limiter.acquire('b');
    expect(limiter.acquire('c')).toBeNull();
    a!();
    a!();
    expect(limiter.acquire('c')).not.toBeNull();
    b!();
  });
});
