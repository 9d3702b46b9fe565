/**
 * Chromium for the browser test and the page benchmark: Debian's package through playwright-core
 * (never a downloaded browser), and a fresh build of the analyst page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Fails at once, with the command that fixes it, when there is no browser. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `No chromium at ${CHROMIUM}. Install Debian's package: sudo apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

/** Builds the page from the current sources into a temporary directory (never a stale web/dist). */
export function buildPage(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'newsgraph-page-'));
  execFileSync(
    process.execPath,
    [
      join(REPO, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return outDir;
}

export interface ViewTiming {
  /** ms from navigation start to the view's first data on screen, answering input. */
  first: number;
  /** ms from navigation start to every part of the view having its data. */
  ready: number;
}

/** Opens `url` in a fresh context (cold cache) and waits until `view` is ready. */
export async function coldViewMs(browser: Browser, url: string, view: string): Promise<ViewTiming> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(
      (v) => {
        const main = document.getElementById('view');
        return main?.dataset.view === v && (main.dataset.state === 'ready' || main.dataset.state === 'error');
      },
      view,
      { timeout: 120_000 },
    );
    const state = await page.evaluate(() => document.getElementById('view')!.dataset.state);
    if (state !== 'ready')
      throw new Error(`${url}: the view shows an error: ${await page.locator('[role="alert"]').first().textContent()}`);
    // A string, not a function: tsx's name helpers would be undefined in the page.
    return await page.evaluate<ViewTiming>(
      `({ first: Math.round(performance.getEntriesByName('newsgraph:first-content')[0].startTime),
          ready: Math.round(performance.getEntriesByName('newsgraph:ready')[0].startTime) })`,
    );
  } finally {
    await context.close();
  }
}
