import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics, MAX_OPERATION_LABELS } from '../../src/http/observability.js';
import { DEFAULT_QUERY_LIMITS } from '../../src/limits.js';
import { seedDatabase } from '../../src/seed/load.js';
import { countCommands } from '../support/commands.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { errorCode, execute } from '../support/graphql.js';
import { securedServer } from '../support/server.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase('observe');
  await seedDatabase(t.collections);
});
afterAll(async () => t?.dispose());

describe('request logs and metrics', () => {
  it('logs one line per request with request id, operation name, duration and database command count', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write: (chunk, _enc, done) => {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const yoga = securedServer(t.collections, { logger: pino({ level: 'info' }, sink) });
    const query =
      'query SungKimQuotes { person(slug: "sung-kim") { quotes(first: 2) { edges { node { text speaker { name } } } } } }';
    const { commands } = await countCommands(t.database.client, () =>
      execute(yoga, query, undefined, { 'x-request-id': 'obs-1' }),
    );
    await new Promise((r) => setImmediate(r));
    const line = lines.find((l) => l.requestId === 'obs-1' && l.msg === 'request');
    expect(line).toMatchObject({
      operationName: 'SungKimQuotes',
      operationType: 'query',
      status: 200,
      path: '/graphql',
      method: 'POST',
    });
    expect(line!.durationMs).toEqual(expect.any(Number));
    // Counted by the request session's lsid: exactly the commands this request caused.
    expect(line!.dbCommands).toBe(commands.length);
    expect(commands.length).toBeGreaterThan(0);
  });

  it('concurrent requests each count only their own commands', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write: (chunk, _enc, done) => {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const yoga = securedServer(t.collections, { logger: pino({ level: 'info' }, sink) });
    const light = 'query Light { person(slug: "sung-kim") { name } }';
    const heavy =
      'query Heavy { persons(first: 20) { edges { node { quotes(first: 5) { totalCount } meetings { totalCount } articles { totalCount } } } } }';
    const alone = async (q: string) => (await countCommands(t.database.client, () => execute(yoga, q))).commands.length;
    const [lightAlone, heavyAlone] = [await alone(light), await alone(heavy)];
    lines.length = 0;
    await Promise.all(Array.from({ length: 6 }, (_, i) => execute(yoga, i % 2 ? light : heavy)));
    await new Promise((r) => setImmediate(r));
    const counts = (name: string) => lines.filter((l) => l.operationName === name).map((l) => l.dbCommands);
    expect(counts('Light')).toEqual([lightAlone, lightAlone, lightAlone]);
    expect(counts('Heavy')).toEqual([heavyAlone, heavyAlone, heavyAlone]);
  });

  it('a batched request counts the commands of all its operations (each runs in its own context)', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write: (chunk, _enc, done) => {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const yoga = securedServer(t.collections, {
      logger: pino({ level: 'info' }, sink),
      limits: { ...DEFAULT_QUERY_LIMITS, maxBatchedOperations: 5 },
    });
    const light = 'query Light { person(slug: "sung-kim") { name } }';
    const heavy = 'query Heavy { persons(first: 5) { edges { node { quotes(first: 2) { totalCount } } } } }';
    const { result: response, commands } = await countCommands(t.database.client, async () =>
      yoga.fetch('http://127.0.0.1/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'obs-batch' },
        body: JSON.stringify([{ query: light }, { query: heavy }]),
      }),
    );
    expect(response.status).toBe(200);
    expect(((await response.json()) as unknown[]).length).toBe(2);
    await new Promise((r) => setImmediate(r));
    const line = lines.find((l) => l.requestId === 'obs-batch' && l.msg === 'request');
    expect(commands.length).toBeGreaterThan(1);
    expect(line!.dbCommands).toBe(commands.length);
  });

  it('/metrics serves request, error, latency and database command metrics', async () => {
    const yoga = securedServer(t.collections);
    await execute(yoga, 'query One { person(slug: "sung-kim") { name } }');
    await execute(yoga, 'mutation { deleteArticle(input: { articleId: "x" }) { deletedQuotes } }');
    const text = await (await yoga.fetch('http://127.0.0.1/metrics')).text();
    expect(text).toMatch(/^graphql_envelop_request\{operationType="query"\} 1$/m);
    expect(text).toMatch(/^graphql_envelop_request_duration_bucket\{/m);
    expect(text).toMatch(/^graphql_yoga_http_duration_bucket\{/m);
    expect(text).toMatch(/^graphql_envelop_error_result\{/m);
    expect(text).toMatch(/^newsgraph_db_commands_total\{command="find"\} \d+$/m);
    expect(text).toMatch(/^newsgraph_requests_rejected_total\{code="UNAUTHENTICATED"\} 1$/m);
    expect(text).toMatch(/^newsgraph_db_commands_per_request_count\{operation="One"\} 1$/m);
    // No label a client sets freely: operation names only in our bounded histogram, no URLs, no error paths.
    expect(text).not.toMatch(/operationName=|url=|path=/);
  });

  it('/metrics series stay bounded whatever operation names clients send', async () => {
    const yoga = securedServer(t.collections);
    const series = async () =>
      (await (await yoga.fetch('http://127.0.0.1/metrics')).text()).split('\n').filter((l) => l && !l.startsWith('#'))
        .length;
    // Warm up every metric with a few requests, then count.
    for (let i = 0; i < 3; i++) await execute(yoga, `query Warm${i} { person(slug: "sung-kim") { name } }`);
    const before = await series();
    const random = () => `Op_${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
    for (let i = 0; i < 200; i++) {
      const name = random();
      // Half with the name in the document, half only as the operationName parameter (not in it: an error).
      if (i % 2) await execute(yoga, `query ${name} { __typename }`);
      else
        await yoga.fetch(`http://127.0.0.1/graphql?x=${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: `query ${name} { __typename }`, operationName: name }),
        });
    }
    const text = await (await yoga.fetch('http://127.0.0.1/metrics')).text();
    const operations = new Set([...text.matchAll(/operation="([^"]*)"/g)].map((m) => m[1]));
    expect(operations.size).toBeLessThanOrEqual(MAX_OPERATION_LABELS + 2); // + "other", "anonymous"
    expect(operations).toContain('other');
    // Each named operation adds one histogram (buckets + sum + count); nothing else grows.
    const histogramSeries = 9 + 1 + 2;
    expect(await series()).toBeLessThanOrEqual(before + (MAX_OPERATION_LABELS + 1) * histogramSeries);
    // 200 more random names add nothing.
    const settled = await series();
    for (let i = 0; i < 200; i++) await execute(yoga, `query ${random()} { __typename }`);
    expect(await series()).toBe(settled);
  });

  it('operation labels: allow-listed names always, client names only if well-formed and among the first ones', () => {
    const metrics = createMetrics();
    expect(metrics.operationLabel(null, false)).toBe('anonymous');
    expect(metrics.operationLabel('has space', false)).toBe('other');
    expect(metrics.operationLabel('x'.repeat(65), false)).toBe('other');
    for (let i = 0; i < MAX_OPERATION_LABELS; i++) expect(metrics.operationLabel(`Op${i}`, false)).toBe(`Op${i}`);
    expect(metrics.operationLabel('OneTooMany', false)).toBe('other');
    expect(metrics.operationLabel('Op7', false)).toBe('Op7');
    expect(metrics.operationLabel('PersonName', true)).toBe('PersonName');
  });

  it('a database client shared by many servers gets one listener for metrics and one for request counting', async () => {
    const client = t.database.client;
    securedServer(t.collections);
    const listeners = client.listenerCount('commandStarted');
    const servers = Array.from({ length: 20 }, () => securedServer(t.collections));
    for (const yoga of servers.slice(0, 3)) await execute(yoga, '{ person(slug: "sung-kim") { name } }');
    expect(client.listenerCount('commandStarted')).toBe(listeners);
    // Each server's scrape still reports the client's commands.
    const text = await (await servers[19]!.fetch('http://127.0.0.1/metrics')).text();
    expect(text).toMatch(/^newsgraph_db_commands_total\{command="find"\} [1-9]\d*$/m);
  });
});

describe('persisted operations (allow-list mode)', () => {
  const personName = 'query PersonName($slug: String!) { person(slug: $slug) { name } }';
  const hash = createHash('sha256').update(personName).digest('hex');
  const dir = mkdtempSync(join(tmpdir(), 'persisted-'));
  const file = join(dir, 'persisted-documents.json');
  writeFileSync(file, JSON.stringify({ [hash]: personName }));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const send = async (yoga: ReturnType<typeof securedServer>, body: unknown) => {
    const r = await yoga.fetch('http://127.0.0.1/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: (await r.json()) as any };
  };

  it('off by default: any document runs', async () => {
    expect(errorCode(await execute(securedServer(t.collections), '{ __typename }'))).toBeUndefined();
  });

  it('allow-list only: registered operations run by id (documentId or APQ hash); everything else is refused', async () => {
    const yoga = securedServer(t.collections, { persistedOperations: { file, only: true } });
    const byDocumentId = await send(yoga, { documentId: `sha256:${hash}`, variables: { slug: 'sung-kim' } });
    expect(byDocumentId.body).toEqual({ data: { person: { name: 'Sung Kim' } } });
    const byApq = await send(yoga, {
      extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      variables: { slug: 'sung-kim' },
    });
    expect(byApq.body).toEqual({ data: { person: { name: 'Sung Kim' } } });

    const { result: arbitrary, commands } = await countCommands(t.database.client, () =>
      send(yoga, { query: '{ person(slug: "sung-kim") { name } }' }),
    );
    expect(arbitrary.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    expect(commands).toEqual([]);
    expect((await send(yoga, { documentId: 'f'.repeat(64) })).body.errors[0].extensions.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });

  it('a persisted operation is labelled with its own name in /metrics, whatever operationName the client sends', async () => {
    const yoga = securedServer(t.collections, { persistedOperations: { file, only: false } });
    // Use up every slot for client-sent names first: the allow-listed name still gets its label.
    for (let i = 0; i < MAX_OPERATION_LABELS + 5; i++) await execute(yoga, `query Filler${i} { __typename }`);
    expect((await send(yoga, { documentId: hash, variables: { slug: 'sung-kim' } })).body.data.person.name).toBe(
      'Sung Kim',
    );
    const text = await (await yoga.fetch('http://127.0.0.1/metrics')).text();
    expect(text).toMatch(/^newsgraph_db_commands_per_request_count\{operation="PersonName"\} 1$/m);
    expect(text).toMatch(/^newsgraph_db_commands_per_request_count\{operation="other"\} 5$/m);
  });

  it('allow-list optional: registered ids run, and other documents still run', async () => {
    const yoga = securedServer(t.collections, { persistedOperations: { file, only: false } });
    expect((await send(yoga, { documentId: hash, variables: { slug: 'sung-kim' } })).body.data.person.name).toBe(
      'Sung Kim',
    );
    expect((await send(yoga, { query: '{ __typename }' })).body).toEqual({ data: { __typename: 'Query' } });
  });
});
