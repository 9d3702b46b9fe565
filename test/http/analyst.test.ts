/**
 * The analyst page in a real browser (Debian chromium), served by the real service over a socket
 * with the production CSP, on the seed in a real database. One walk through every view, each
 * checked against what the API answers, with axe-core on each view and a screenshot of each
 * (ANALYST_SCREENSHOTS=dir; test-results/analyst by default).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleId } from '../../src/db/ids.js';
import { createChangeEvents, type ChangePublisher } from '../../src/events/index.js';
import { createLogger } from '../../src/logger.js';
import { seedDatabase } from '../../src/seed/load.js';
import { createServer, type NewsgraphServer } from '../../src/http/server.js';
import { loadWebAssets } from '../../src/http/web.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { expectData } from '../support/graphql.js';
import { axeViolations, buildPage, coldViewMs, launchChromium, requireChromium } from '../support/browser.js';

const SHOTS = process.env.ANALYST_SCREENSHOTS ?? join('test-results', 'analyst');

let t: TestDatabase;
let events: ChangePublisher;
let yoga: NewsgraphServer;
let http: Server;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let base: string;
let built: string;
const external: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  requireChromium();
  built = buildPage();
  t = await openTestDatabase('analyst');
  await seedDatabase(t.collections);
  events = createChangeEvents({ collections: t.collections, logger: createLogger('silent') });
  yoga = createServer({
    collections: t.collections,
    logger: createLogger('silent'),
    events,
    web: loadWebAssets(built, { csp: true }),
  });
  http = createHttpServer(yoga);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // CSP violations are reported to the page; collect them (the init script runs outside the CSP).
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
      (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page = await context.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !/^(data|blob):/.test(r.url())) external.push(r.url());
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await events?.bus.close();
  await new Promise((resolve) => http?.close(resolve));
  await t?.dispose();
  if (built) rmSync(built, { recursive: true, force: true });
});

/** Waits until `view` has rendered its data (the page sets data-state="ready" on <main>). */
async function ready(view: string): Promise<void> {
  await page.waitForFunction(
    (v) => {
      const main = document.getElementById('view');
      return main?.dataset.view === v && main.dataset.state === 'ready';
    },
    view,
    { timeout: 15_000 },
  );
}

/** Milliseconds from navigation start to the view's "ready" mark: data shown, handlers attached. */
const readyAt = () =>
  page.evaluate(() => {
    const marks = performance.getEntriesByName('newsgraph:ready');
    return marks.length ? Math.round(marks[marks.length - 1]!.startTime) : Number.NaN;
  });

async function checkView(name: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

interface CytoscapeLike {
  getElementById(id: string): { renderedMidpoint(): { x: number; y: number } };
  container(): HTMLElement | null;
}

/** An element's text, whitespace collapsed, for polling until the page shows what is expected. */
const text = async (locator: ReturnType<Page['locator']>) =>
  ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

const names = (edges: { node: { name: string } }[]) => edges.map((e) => e.node.name);

describe('the analyst page on the seed', () => {
  it('walks search → person → network → timeline → article, matching the API', async () => {
    // First view, cold: the page and its data.
    await page.goto(`${base}/`);
    await ready('search');
    const firstView = await readyAt();
    console.log(`[analyst] first view (search) interactive after ${firstView} ms on the seed`);
    expect(firstView).toBeGreaterThan(0);

    // Search "Kim", typed as a user would: results come as you type, debounced.
    const input = page.getByLabel('Persons, organizations, articles or quote text');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search-text');
    await input.pressSequentially('Kim', { delay: 30 });
    const api = await expectData(
      yoga,
      `query ($t: String!) { persons(search: $t, first: 8) { totalCount edges { node { name slug } } }
        quotes(filter: { textContains: $t }, first: 8) { totalCount } }`,
      { t: 'Kim' },
    );
    const personsSection = page.getByRole('region', { name: 'Persons' });
    await expect
      .poll(async () => personsSection.getByRole('listitem').locator('a').allTextContents(), { timeout: 10_000 })
      .toEqual(names(api.persons.edges));
    expect(page.url()).toContain('q=Kim');
    await checkView('search');

    // Sung Kim: his four meeting partners, and a quote highlighted inside its paragraph.
    await personsSection.getByRole('link', { name: 'Sung Kim', exact: true }).click();
    await ready('person');
    const person = await expectData(
      yoga,
      `{ person(slug: "sung-kim") { name metWith(first: 10) { edges { meetingCount node { name } } } }
         quotes(filter: { speaker: "sung-kim" }, first: 20) { edges { node { text } } } }`,
    );
    await expect.poll(() => text(page.getByRole('heading', { level: 1 }))).toBe('Sung Kim');
    const partners = await page.locator('ol.partners > li > a').allTextContents();
    expect(partners).toEqual(names(person.person.metWith.edges));
    expect(partners).toEqual(['Lee In-young', 'Moon Jae-in', 'Noh Kyu-duk', 'Suh Hoon']);
    const highlighted = (await page.locator('.quotes mark.quote-span').allTextContents()).map((s) =>
      s.replace(/^quote: /, ''),
    );
    expect(highlighted.length).toBe(person.quotes.edges.length);
    expect(highlighted).toEqual(person.quotes.edges.map((e: { node: { text: string } }) => e.node.text));
    await checkView('person');

    // The network: click the Sung Kim – Moon Jae-in edge on the canvas.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Who met whom' }).click();
    await ready('network');
    const graph = await expectData(
      yoga,
      `{ meetingGraph(limit: 50) { totalEdgeCount edges { id weight source { name } target { name } } } }`,
    );
    const pairButtons = await page.locator('button.edge-button').count();
    expect(pairButtons).toBe(graph.meetingGraph.edges.length);
    const edge = 'moon-jae-in~sung-kim';
    const point = await page.evaluate((id) => {
      // The page exposes its cytoscape instance for automation (web/src/views/network.ts).
      const cy = (window as unknown as { newsgraphNetwork: CytoscapeLike }).newsgraphNetwork;
      const e = cy.getElementById(id);
      const box = cy.container()!.getBoundingClientRect();
      const mid = e.renderedMidpoint();
      return { x: box.left + mid.x, y: box.top + mid.y };
    }, edge);
    await page.mouse.click(point.x, point.y);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.edge-panel')?.dataset.state === 'ready');
    expect(new URL(page.url()).searchParams.get('edge')).toBe(edge);
    const pair = await expectData(
      yoga,
      `{ meetings(filter: { participants: ["sung-kim", "moon-jae-in"] }, first: 20) {
          totalCount edges { node { location claims { statement } participants { name } } } } }`,
    );
    expect(pair.meetings.totalCount).toBeGreaterThan(0);
    const panel = page.locator('.edge-panel');
    await expect.poll(() => text(panel.getByRole('heading', { level: 2 }))).toBe('Moon Jae-in and Sung Kim');
    expect(await panel.locator('li.meeting').count()).toBe(pair.meetings.edges.length);
    const evidence = (await panel.locator('mark.meeting-mention').allTextContents()).map((s) =>
      s.replace(/^meeting: /, ''),
    );
    const statements = pair.meetings.edges.flatMap((e: { node: { claims: { statement: string }[] } }) =>
      e.node.claims.map((c) => c.statement),
    );
    expect(evidence).toEqual(statements);
    expect(await page.locator('button.edge-button[aria-pressed="true"]').textContent()).toContain(
      'Moon Jae-in – Sung Kim',
    );
    await checkView('network');

    // The timeline: brush from the bar of June 2023 to the last one; the range goes to the URL and the lists.
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Timeline' }).click();
    await ready('timeline');
    const months = (await expectData(yoga, '{ timeline(bucket: MONTH) { start end } }')).timeline as {
      start: string;
      end: string;
    }[];
    const over = await page.locator('.u-over').boundingBox();
    expect(over).not.toBeNull();
    // The chart's x axis runs from half a bucket before the first bar to half a bucket after the last.
    const x = (i: number) => over!.x + ((i + 0.5) / months.length) * over!.width;
    const first = months.findIndex((m) => m.start === '2023-06-01');
    expect(first).toBeGreaterThanOrEqual(0);
    const last = months.length - 1;
    await page.mouse.move(x(first) - 2, over!.y + over!.height / 2);
    await page.mouse.down();
    await page.mouse.move(x(last), over!.y + over!.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction(() => new URLSearchParams(location.search).has('from'));
    await ready('timeline');
    const params = new URL(page.url()).searchParams;
    expect([params.get('from'), params.get('to')]).toEqual([months[first]!.start, months[last]!.end]);
    const inRange = await expectData(
      yoga,
      `query ($from: Date, $to: Date) { quotes(filter: { from: $from, to: $to }, first: 20) { totalCount edges { node { text } } }
         meetings(filter: { from: $from, to: $to }, first: 20) { totalCount } }`,
      { from: params.get('from'), to: params.get('to') },
    );
    expect(await page.locator('.quotes.compact > li q').allTextContents()).toEqual(
      inRange.quotes.edges.map((e: { node: { text: string } }) => e.node.text),
    );
    expect(await page.locator('.meetings.compact > li').count()).toBe(Math.min(inRange.meetings.totalCount, 20));
    await checkView('timeline');

    // The network follows the brushed range.
    await page.getByRole('link', { name: 'Who met whom in this range' }).click();
    await ready('network');
    const ranged = await expectData(
      yoga,
      `query ($from: Date, $to: Date) { meetingGraph(from: $from, to: $to, limit: 50) { edges { id } } }`,
      { from: params.get('from'), to: params.get('to') },
    );
    expect(await page.locator('button.edge-button').count()).toBe(ranged.meetingGraph.edges.length);
    expect(await page.locator('#range-from').inputValue()).toBe(params.get('from'));
    await page.goBack();
    await ready('timeline');

    // The article: from a quote in the timeline's list.
    await page.locator('.quotes.compact > li a[href*="view=article"]').first().click();
    await ready('article');
    const slug = new URL(page.url()).searchParams.get('slug');
    const article = await expectData(
      yoga,
      `query ($slug: String!) { article(slug: $slug) { title quotes(first: 100) { totalCount edges { node { text span { start } } } }
         meetings(first: 100) { totalCount } } }`,
      { slug },
    );
    await expect.poll(() => text(page.getByRole('heading', { level: 1 }))).toBe(article.article.title);
    expect(await page.locator('.fact.quote').count()).toBe(article.article.quotes.totalCount);
    const quoteMarks = (await page.locator('.paragraph mark.quote-span').allTextContents()).join(' ');
    for (const { node } of article.article.quotes.edges) expect(quoteMarks).toContain(node.text.slice(0, 20));
    expect(await page.locator('.paragraph mark.meeting-mention').count()).toBeGreaterThan(0);
    expect(await page.locator('section[aria-labelledby="article-meetings"] li.meeting').count()).toBe(
      article.article.meetings.totalCount,
    );
    await checkView('article');

    const csp = await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
    expect(csp).toEqual([]);
    expect(problems).toEqual([]);
    expect(external).toEqual([]);
  });

  it('prints how soon each view is interactive when opened cold from its URL', async () => {
    const urls: [string, string][] = [
      ['search', '/?view=search&q=Kim'],
      ['person', '/?view=person&slug=sung-kim'],
      ['network', '/?view=network&edge=moon-jae-in~sung-kim'],
      ['timeline', '/?view=timeline'],
      ['article', '/?view=article&slug=north-korea-rejects-us-attempts-to-resume-talks'],
    ];
    const times: string[] = [];
    for (const [view, url] of urls) {
      const { first, ready: all } = await coldViewMs(browser, `${base}${url}`, view);
      expect(first).toBeGreaterThan(0);
      expect(all).toBeGreaterThanOrEqual(first);
      times.push(`${view} ${first}/${all} ms`);
    }
    console.log(`[analyst] cold from each URL on the seed, first content/complete: ${times.join(', ')}`);
  });

  it('updates live: a stored article refreshes the open view over the subscription', async () => {
    const ARTICLE = 'north-korea-rejects-us-attempts-to-resume-talks';
    await page.goto(`${base}/?view=network`);
    await ready('network');
    await page.waitForFunction(() => document.getElementById('live')?.dataset.live === 'true');
    const refetched = page.waitForRequest(
      (r) => r.url() === `${base}/graphql` && (r.postData() ?? '').includes('query AnalystNetwork'),
    );
    await events.articleStored(articleId(ARTICLE), 'INGESTED');
    await refetched;
    const title = (await expectData(yoga, `{ article(slug: "${ARTICLE}") { title } }`)).article.title;
    await expect.poll(() => text(page.locator('#live'))).toBe(`Updated: “${title}” ingested`);
    await ready('network');
    expect(await page.locator('button.edge-button').count()).toBeGreaterThan(0);
  });

  it('shows empty results and API errors with their message and code', async () => {
    await page.goto(`${base}/?view=search&q=${'zq'.repeat(3)}`);
    await ready('search');
    await expect.poll(() => text(page.locator('#search-results .state.empty'))).toBe('Nothing matches “zqzqzq”.');

    // A real API error: the search text is over the API's limit, which the page lets through.
    const long = 'k'.repeat(201);
    const answer = await yoga.fetch('http://127.0.0.1/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'query ($t: String!) { persons(search: $t, first: 1) { totalCount } }',
        variables: { t: long },
      }),
    });
    const body = (await answer.json()) as { errors: { message: string; extensions: { code: string } }[] };
    await page.getByLabel('Persons, organizations, articles or quote text').fill(long);
    const alert = page.locator('#search-results [role="alert"]');
    await alert.waitFor({ timeout: 10_000 });
    await expect.poll(() => text(alert)).toContain(body.errors[0]!.message);
    await expect.poll(() => text(alert.locator('code').first())).toBe(body.errors[0]!.extensions.code);
  });

  it('reaches every control by keyboard, with a visible focus ring', async () => {
    await page.goto(`${base}/?view=network&edge=moon-jae-in~sung-kim`);
    await ready('network');
    const reached: { tag: string; label: string; outline: string }[] = [];
    // Tab through the whole page once (focus leaves the document after the last control).
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const now = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return {
          tag: el.tagName.toLowerCase(),
          label: (el.getAttribute('aria-label') || el.id || el.textContent || '').trim().slice(0, 40),
          outline: `${style.outlineStyle} ${style.outlineWidth}`,
        };
      });
      if (now.tag === 'body') break;
      reached.push(now);
    }
    for (const r of reached) expect(r.outline, JSON.stringify(r)).not.toMatch(/^none|0px$/);
    const labels = reached.map((r) => `${r.tag}:${r.label}`);
    expect(labels, labels.join('\n')).toContain('input:range-from');
    expect(labels).toContain('select:network-top');
    expect(labels.some((l) => l.startsWith('button:Moon Jae-in – Sung Kim'))).toBe(true);
  });
});
