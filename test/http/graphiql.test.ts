import { existsSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { seedDatabase } from '../../src/seed/load.js';
import { createServer } from '../../src/http/server.js';
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
