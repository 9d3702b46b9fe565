/**
 * Without REDIS_URL: a command-line ingest in its own process reaches a running server through the
 * change log (the server polls it every CHANGES_POLL_MS): the cached dashboard is fresh within a
 * poll, and an open subscription hears of the article. Without the poller the cached result would
 * stay stale until its TTL (5 minutes here).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandStartedEvent } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { DASHBOARD, eventually, ingestByCommand, subscribe } from '../support/live.js';

const DB = `test_poller_${randomBytes(4).toString('hex')}`;

let app: RunningApp;
let scratch: string;

const env = () => {
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    MONGODB_DB: DB,
    RESPONSE_CACHE: 'true',
    RESPONSE_CACHE_TTL_MS: '300000',
    CHANGES_POLL_MS: '500',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
  };
  delete e.REDIS_URL;
  return e;
};

/** A dashboard read, with the database commands it cost (the poller's reads of the change log aside). */
async function dashboard() {
  let commands = 0;
  const listener = (e: CommandStartedEvent) => {
    if (e.command[e.commandName] !== 'changes') commands++;
  };
  app.database.client.on('commandStarted', listener);
  try {
    const r = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: DASHBOARD }),
    });
    const result = (await r.json()) as { data?: any; errors?: unknown[] };
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return { data: result.data, commands };
  } finally {
    app.database.client.off('commandStarted', listener);
  }
}

const cliIngest = (tag: string) => ingestByCommand(scratch, tag, env());

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'newsgraph-poller-'));
  app = await startApp(loadConfig(env()), createLogger('silent'));
  expect(app.events.bus.mode).toBe('memory');
}, 60_000);

afterAll(async () => {
  await app?.database.db.dropDatabase().catch(() => {});
  await app?.stop().catch(() => {});
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('one instance without Redis, a command-line writer in another process', () => {
  it('the cached dashboard is fresh after a CLI ingest, and a subscriber hears of it', async () => {
    const before = await dashboard();
    const cached = await dashboard();
    expect(cached.commands, 'served from the cache').toBe(0);
    const sub = await subscribe(app.url, 'subscription { articleIngested { seq article { slug } } }');
    try {
      const tag = `cli-${randomBytes(3).toString('hex')}`;
      await cliIngest(tag);
      const event = await sub.next(10_000);
      expect(event.errors).toBeUndefined();
      expect(event.data?.articleIngested.article.slug).toContain(tag);
      // Evicted by the time the event is delivered (invalidation runs before subscribers hear).
      const after = await dashboard();
      expect(after.data.stats.articleCount).toBe(before.data.stats.articleCount + 1);
      // And cached again.
      await eventually(async () => (await dashboard()).commands === 0);
    } finally {
      sub.close();
    }
  }, 90_000);
});
