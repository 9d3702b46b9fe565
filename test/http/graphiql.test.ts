import { existsSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { parse, print } from 'graphql';
import { createServer as createHttpServer, get as httpGet, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { seedDatabase } from '../../src/seed/load.js';
import { createServer } from '../../src/http/server.js';
import { GRAPHIQL_TABS, graphiqlPage } from '../../src/http/graphiql.js';
import {
  DashboardStatsQuery,
  MeetingGraphQuery,
  TimelineQuery,
  TopSpeakersQuery,
} from '../../src/client/operations.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';

/** Debian's chromium (apt-get install chromium); never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let t: TestDatabase;
let http: Server;
let browser: Browser;
let url: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `No browser at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`,
    );
  t = await openTestDatabase('graphiql');
  await seedDatabase(t.collections);
  http = createHttpServer(createServer({ collections: t.collections, logger: createLogger('silent') }));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => http?.close(resolve));
  await t?.dispose();
});

describe('GraphiQL', () => {
  it('loads without any CDN and runs the default query in a real browser', async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('http://127.0.0.1') && !/^(data|blob):/.test(request.url()))
        external.push(request.url());
    });
    await page.goto(url);
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ timeout: 20_000 });
    // The editor opens on the default query; running it posts that query from the browser.
    const answered = page.waitForResponse(
      (r) => r.request().method() === 'POST' && (r.request().postData() ?? '').includes('SungKim'),
    );
    await run.click();
    const response = await answered;
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    const partners = body.data.person.metWith.edges.map((e: { node: { name: string } }) => e.node.name);
    expect(partners).toEqual(['Lee In-young', 'Moon Jae-in', 'Noh Kyu-duk', 'Suh Hoon']);
    // And the answer is on screen (the result editor shows its first lines).
    const result = page.locator('.result-window');
    // Monaco renders spaces as no-break spaces.
    await expect
      .poll(async () => ((await result.textContent()) ?? '').replace(/\s+/g, ' '), { timeout: 10_000 })
      .toContain('"name": "Sung Kim"');
    if (process.env.GRAPHIQL_SCREENSHOT)
      await page.screenshot({ path: process.env.GRAPHIQL_SCREENSHOT, fullPage: true });
    expect(external).toEqual([]);
  });
});

/** Monaco renders spaces as no-break spaces; lines as separate elements. */
const flat = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('GraphiQL links and tabs', () => {
  it('a ?query=&variables= link opens with that query and those variables, beside the dashboard tabs', async () => {
    const page = await browser.newPage();
    const query = 'query Linked($n: Int!) { topSpeakers(limit: $n) { quoteCount person { name } } }';
    const variables = '{"n": 2}';
    await page.goto(`${url}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(variables)}`);
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ timeout: 20_000 });
    // The tabs: the link's query first (and active), then the example and the dashboard queries.
    const tabs = page.locator('.graphiql-tab .graphiql-tab-button');
    await expect
      .poll(async () => tabs.allTextContents(), { timeout: 10_000 })
      .toEqual(['Linked', 'SungKim', 'DashboardStats', 'TopSpeakers', 'MeetingGraph', 'Timeline']);
    await expect
      .poll(async () => flat(await page.locator('.graphiql-query-editor').textContent()), { timeout: 10_000 })
      .toContain('query Linked($n: Int!)');
    // Running it sends that query with those variables: two speakers come back.
    const answered = page.waitForResponse(
      (r) => r.request().method() === 'POST' && (r.request().postData() ?? '').includes('Linked'),
    );
    await run.click();
    const response = await answered;
    expect(JSON.parse(response.request().postData()!).variables).toEqual({ n: 2 });
    const body = await response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.topSpeakers).toHaveLength(2);
    expect(body.data.topSpeakers[0]).toEqual({ quoteCount: 4, person: { name: 'Kim Yo-jong' } });

    // Switching tabs keeps the address a link to what is on screen.
    // (A DOM click: Playwright's mouse click on this drag-to-reorder tab bar focuses the tab but
    // does not switch to it, in headless chromium; the tab's own click handler is what we test.)
    await tabs.filter({ hasText: 'MeetingGraph' }).dispatchEvent('click');
    await expect
      .poll(() => page.locator('.graphiql-tab-active .graphiql-tab-button').textContent())
      .toBe('MeetingGraph');
    await expect
      .poll(() => new URL(page.url()).searchParams.get('query') ?? '', { timeout: 10_000 })
      .toContain('query MeetingGraph');
    expect(JSON.parse(new URL(page.url()).searchParams.get('variables')!)).toEqual({
      from: '2024-05-01',
      to: '2024-05-31',
      limit: 100,
    });
    await page.close();
  });

  it("the dashboard tabs send the analyst client's own documents", () => {
    const documents = GRAPHIQL_TABS.slice(1).map((tab) => print(parse(tab.query)));
    const client = [DashboardStatsQuery, TopSpeakersQuery, MeetingGraphQuery, TimelineQuery].map((d) =>
      print(parse(d.toString())),
    );
    expect(documents).toEqual(client);
  });
});

describe('GraphiQL over HTTP', () => {
  const get = (headers: Record<string, string>) =>
    fetch(url, { headers: { accept: 'text/html', ...headers } }).then(async (r) => ({
      status: r.status,
      headers: r.headers,
      bytes: new Uint8Array(await r.arrayBuffer()),
    }));

  it('is served brotli- or gzip-compressed by Accept-Encoding, much smaller than the page', async () => {
    // fetch (undici) would decode a compressed body; a raw request shows what went over the wire.
    const raw = (encoding: string) =>
      new Promise<{ status: number; headers: Record<string, unknown>; bytes: Buffer }>((done, fail) => {
        const request = httpGet(url, { headers: { accept: 'text/html', 'accept-encoding': encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
          res.on('error', fail);
        });
        request.on('error', fail);
      });
    const identity = await raw('identity');
    expect(identity.status).toBe(200);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.bytes.length).toBeGreaterThan(5_000_000);
    expect(identity.bytes.toString('utf8')).toContain('renderYogaGraphiQL');

    const br = await raw('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('accept-encoding');
    expect(Number(br.headers['content-length'])).toBe(br.bytes.length);
    expect(br.bytes.length).toBeLessThan(identity.bytes.length / 3);
    expect(brotliDecompressSync(br.bytes).equals(identity.bytes)).toBe(true);

    const gz = await raw('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.bytes.length).toBeLessThan(identity.bytes.length / 3);
    expect(gunzipSync(gz.bytes).equals(identity.bytes)).toBe(true);
  });

  it('is rendered and compressed once, and revalidates with its ETag', async () => {
    expect(graphiqlPage()).toBe(graphiqlPage());
    const first = await get({});
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await get({ 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(again.bytes.length).toBe(0);
  });

  it('is not GraphQL: a JSON GET with ?query= still runs the query', async () => {
    const r = await fetch(`${url}?query=${encodeURIComponent('{ stats { articleCount } }')}`, {
      headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' },
    });
    expect(await r.json()).toEqual({ data: { stats: { articleCount: 1 } } });
  });
});
