/**
 * Abuse limits: for each, a request just under passes and one just over is refused with a code,
 * and a refused request costs zero database commands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { personId } from '../src/db/ids.js';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../src/limits.js';
import { seedDatabase } from '../src/seed/load.js';
import type { NewsgraphServer } from '../src/http/server.js';
import { countCommands } from './support/commands.js';
import { openTestDatabase, type TestDatabase } from './support/db.js';
import { errorCode, execute, type GraphQLResponse } from './support/graphql.js';
import { globalId, securedServer } from './support/server.js';

const ARTICLE = 'north-korea-rejects-us-attempts-to-resume-talks';
let t: TestDatabase;
let yoga: NewsgraphServer;

beforeAll(async () => {
  t = await openTestDatabase('limits');
  await seedDatabase(t.collections);
  yoga = securedServer(t.collections);
});
afterAll(async () => t?.dispose());

const withLimits = (limits: Partial<QueryLimits>) =>
  securedServer(t.collections, { limits: { ...DEFAULT_QUERY_LIMITS, ...limits } });

/** Runs a request and returns its response and the database commands it caused. */
async function run(server: NewsgraphServer, query: string, variables?: Record<string, unknown>) {
  const { result, commands } = await countCommands(t.database.client, () => execute(server, query, variables));
  return { result, commands };
}

async function expectPasses(
  server: NewsgraphServer,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse> {
  const { result } = await run(server, query, variables);
  expect(result.body.errors).toBeUndefined();
  expect(result.status).toBe(200);
  return result;
}

async function expectRefused(
  server: NewsgraphServer,
  query: string,
  code: string,
  limit?: string,
  variables?: Record<string, unknown>,
) {
  // Twice: a document's second run is the compiled one (src/http/engine.ts); both are refused.
  let result: GraphQLResponse | undefined;
  for (let run_ = 0; run_ < 2; run_++) {
    const { result: r, commands } = await run(server, query, variables);
    expect(errorCode(r), JSON.stringify(r.body)).toBe(code);
    if (limit) expect(r.body.errors?.[0]?.extensions?.limit).toBe(limit);
    expect(commands).toEqual([]);
    // Refused before any resolver ran: no data, or only nulls where the refused root fields were.
    expect(Object.values(r.body.data ?? {}).every((v) => v === null)).toBe(true);
    result = r;
  }
  return result!;
}

/** article → paragraph → article … : depth 2 + 2n (the innermost `title` included). */
function chain(n: number, leaf = 'title') {
  let q = leaf;
  for (let i = 0; i < n; i++) q = `paragraph(index: 1) { article { ${q} } }`;
  return `{ article(slug: "${ARTICLE}") { ${q} } }`;
}

describe('operation limits (defaults)', () => {
  it(`depth ${DEFAULT_QUERY_LIMITS.maxDepth}`, async () => {
    await expectPasses(yoga, chain(5)); // depth 12
    await expectRefused(yoga, chain(5, 'paragraph(index: 1) { index }'), 'QUERY_TOO_COMPLEX', 'depth'); // 13
  });

  it(`breadth ${DEFAULT_QUERY_LIMITS.maxBreadth}`, async () => {
    const wide = (n: number) => `{ person(slug: "sung-kim") { ${Array(n).fill('name').join(' ')} } }`;
    await expectPasses(yoga, wide(299)); // 300 fields
    await expectRefused(yoga, wide(300), 'QUERY_TOO_COMPLEX', 'breadth');
  });

  it(`complexity ${DEFAULT_QUERY_LIMITS.maxComplexity}`, async () => {
    // 2 + 304 × first: 82 → 24 930, 83 → 25 234.
    const costly = (first: number) =>
      `{ persons(first: ${first}) { edges { node { quotes(first: 100) { edges { node { text } } } } } } }`;
    await expectPasses(yoga, costly(82));
    const over = await expectRefused(yoga, costly(83), 'QUERY_TOO_COMPLEX', 'complexity');
    expect(over.body.errors?.[0]?.extensions).toMatchObject({ value: 25_234, max: 25_000 });
  });

  it(`aliases ${DEFAULT_QUERY_LIMITS.maxAliases}`, async () => {
    const aliased = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: person(slug: "sung-kim") { name }`).join(' ')} }`;
    await expectPasses(yoga, aliased(15));
    await expectRefused(yoga, aliased(16), 'QUERY_TOO_COMPLEX', 'aliases');
  });

  it(`directives ${DEFAULT_QUERY_LIMITS.maxDirectives}`, async () => {
    const directed = (n: number) =>
      `{ person(slug: "sung-kim") { ${Array(n).fill('name @include(if: true)').join(' ')} } }`;
    await expectPasses(yoga, directed(10));
    await expectRefused(yoga, directed(11), 'QUERY_TOO_COMPLEX', 'directives');
  });

  it(`characters ${DEFAULT_QUERY_LIMITS.maxQueryChars}`, async () => {
    const padded = (n: number) => '{ __typename }'.padEnd(n, ' ');
    await expectPasses(yoga, padded(10_000));
    await expectRefused(yoga, padded(10_001), 'QUERY_TOO_COMPLEX', 'characters');
  });

  it(`tokens ${DEFAULT_QUERY_LIMITS.maxTokens}`, async () => {
    // 2 000 tokens cannot be spent under the breadth limit with useful fields, so the default is
    // checked over the limit, and the boundary on a server configured with 40.
    await expectRefused(yoga, `{ ${Array(2_001).fill('a').join(' ')} }`, 'QUERY_TOO_COMPLEX', 'tokens');
    const small = withLimits({ maxTokens: 40 });
    const tokens = (names: number) => `{ person(slug: "sung-kim") { ${Array(names).fill('name').join(' ')} } }`; // 10 + names tokens
    await expectPasses(small, tokens(30));
    await expectRefused(small, tokens(31), 'QUERY_TOO_COMPLEX', 'tokens');
  });

  it(`page size ${100}`, async () => {
    await expectPasses(yoga, '{ persons(first: 100) { totalCount } }');
    await expectRefused(yoga, '{ persons(first: 101) { edges { cursor } } }', 'BAD_USER_INPUT');
    // A nested connection's parent is loaded first; its page request is still refused.
    expect(errorCode(await execute(yoga, '{ person(slug: "sung-kim") { quotes(last: 101) { totalCount } } }'))).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('HTTP limits', () => {
  const post = async (
    server: NewsgraphServer,
    body: BodyInit,
    headers: Record<string, string> = {},
    init: RequestInit = {},
  ): Promise<Response> =>
    server.fetch('http://127.0.0.1/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      ...init,
    });

  /** A JSON body of exactly `bytes` bytes: a tiny query padded with an unused variable. */
  const bodyOf = (bytes: number) => {
    const base = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
    return JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(bytes - base.length) } });
  };

  it('a body of 1 MiB passes; one byte more is 413 before parsing, with zero database commands', async () => {
    const under = await post(yoga, bodyOf(1_048_576));
    expect(under.status).toBe(200);
    const { result: over, commands } = await countCommands(t.database.client, () => post(yoga, bodyOf(1_048_577)));
    expect(over.status).toBe(413);
    expect((await over.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect(commands).toEqual([]);
  });

  it('a chunked body without Content-Length is cut off at the limit too', async () => {
    const streamed = (bytes: number) =>
      new ReadableStream({
        start(controller) {
          const body = Buffer.from(bodyOf(bytes));
          for (let i = 0; i < body.length; i += 65_536) controller.enqueue(body.subarray(i, i + 65_536));
          controller.close();
        },
      });
    const under = await post(yoga, streamed(1_048_576), {}, { duplex: 'half' } as RequestInit);
    expect(under.status).toBe(200);
    const over = await post(yoga, streamed(1_048_577), {}, { duplex: 'half' } as RequestInit);
    expect(over.status).toBe(413);
  });

  it('batching is off by default; when configured, at most that many operations', async () => {
    const batch = (n: number) => JSON.stringify(Array.from({ length: n }, () => ({ query: '{ __typename }' })));
    const off = await post(yoga, batch(2));
    expect(off.status).toBe(400);
    expect((await off.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
    const ten = withLimits({ maxBatchedOperations: 10 });
    const under = await post(ten, batch(10));
    expect(under.status).toBe(200);
    expect(await under.json()).toHaveLength(10);
    const over = await post(ten, batch(11));
    expect(over.status).toBe(413);
    expect((await over.json()).errors[0].message).toMatch(/batch/i);
    expect(() => loadConfig({ MAX_BATCHED_OPERATIONS: '11' })).toThrow(/MAX_BATCHED_OPERATIONS/);
  });

  it('CSRF: a GET or a form/text POST needs a preflight header; JSON POSTs pass', async () => {
    const url = 'http://127.0.0.1/graphql?query=%7B__typename%7D';
    const { result: plainGet, commands } = await countCommands(t.database.client, async () => yoga.fetch(url));
    expect(plainGet.status).toBe(403);
    expect((await plainGet.json()).errors[0].extensions.code).toBe('CSRF_REJECTED');
    expect(commands).toEqual([]);
    expect((await yoga.fetch(url, { headers: { 'x-graphql-yoga-csrf': '1' } })).status).toBe(200);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])
      expect((await post(yoga, JSON.stringify({ query: '{ __typename }' }), { 'content-type': type })).status).toBe(
        403,
      );
  });

  it('field suggestions are hidden (every other kind: test/http/suggestions.test.ts)', async () => {
    const res = await execute(yoga, '{ persn(slug: "sung-kim") { name } }');
    expect(res.body.errors?.[0]?.message).toMatch(/Cannot query field "persn"/);
    // Not even a mask: "[Suggestion hidden]" would still say a close name exists.
    expect(res.body.errors?.[0]?.message).not.toMatch(/Did you mean|Suggestion|"person"/);
  });

  it('introspection is on in development, off in production unless INTROSPECTION=true', async () => {
    const introspect = '{ __schema { queryType { name } } }';
    await expectPasses(yoga, introspect);
    await expectRefused(
      securedServer(t.collections, { introspection: false }),
      introspect,
      'GRAPHQL_VALIDATION_FAILED',
    );
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ introspection: false, graphiql: false });
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'true' }).introspection).toBe(true);
    expect(loadConfig({})).toMatchObject({ introspection: true, graphiql: true });
  });

  it('request timeout: execution past the deadline is stopped with REQUEST_TIMEOUT', async () => {
    const query =
      '{ persons(first: 100) { edges { node { quotes { totalCount } meetings { totalCount } articles { totalCount } } } } }';
    await expectPasses(yoga, query);
    const hurried = withLimits({ requestTimeoutMs: 1 });
    const res = await execute(hurried, query);
    expect(errorCode(res)).toBe('REQUEST_TIMEOUT');
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '50' })).toThrow(/REQUEST_TIMEOUT_MS/);
  });

  it('DataLoader batches hold at most LOADER_MAX_BATCH_SIZE keys', async () => {
    const ids = ['sung-kim', 'moon-jae-in', 'suh-hoon', 'joe-biden', 'kim-jong-un'].map((s) =>
      globalId('Person', personId(s)),
    );
    const query = 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }';
    const finds = async (server: NewsgraphServer) =>
      (await countCommands(t.database.client, () => execute(server, query, { ids }))).commands.filter(
        (c) => c === 'find',
      ).length;
    expect(await finds(withLimits({ loaderMaxBatchSize: 5 }))).toBe(1);
    expect(await finds(withLimits({ loaderMaxBatchSize: 4 }))).toBe(2);
  });

  it('every limit is configurable and validated', () => {
    const config = loadConfig({
      MAX_DEPTH: '8',
      MAX_ALIASES: '3',
      MAX_DIRECTIVES: '2',
      MAX_TOKENS: '500',
      MAX_QUERY_CHARS: '2000',
      MAX_COMPLEXITY: '1000',
      MAX_BREADTH: '50',
      MAX_BODY_BYTES: '65536',
      MAX_BATCHED_OPERATIONS: '5',
      REQUEST_TIMEOUT_MS: '2000',
      LOADER_MAX_BATCH_SIZE: '100',
    });
    expect(config.limits).toEqual({
      maxDepth: 8,
      maxAliases: 3,
      maxDirectives: 2,
      maxTokens: 500,
      maxQueryChars: 2000,
      maxComplexity: 1000,
      maxBreadth: 50,
      maxBodyBytes: 65536,
      maxBatchedOperations: 5,
      requestTimeoutMs: 2000,
      loaderMaxBatchSize: 100,
    });
    expect(loadConfig({}).limits).toEqual(DEFAULT_QUERY_LIMITS);
    for (const bad of [
      ['MAX_DEPTH', '0'],
      ['MAX_BODY_BYTES', 'lots'],
      ['MAX_TOKENS', '-1'],
    ])
      expect(() => loadConfig({ [bad[0]!]: bad[1] })).toThrow(bad[0]);
  });
});
