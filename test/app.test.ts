import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';

describe('the service', () => {
  let app: RunningApp | undefined;
  afterAll(async () => {
    await app?.database.db.dropDatabase().catch(() => {});
    await app?.stop().catch(() => {});
  });

  it('starts on an empty database, seeds it, answers over a socket, and stops', async () => {
    const config = loadConfig({
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      MONGODB_DB: `test_app_${randomBytes(4).toString('hex')}`,
    });
    app = await startApp(config, createLogger('silent'));
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);

    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ person(slug: "sung-kim") { name role } article(slug: "north-korea-rejects-us-attempts-to-resume-talks") { title byline } }',
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(await response.json()).toEqual({
      data: {
        person: { name: 'Sung Kim', role: 'U.S. special envoy for North Korea' },
        article: { title: 'North Korea rejects US attempts to resume talks', byline: 'Nam Hyun-woo' },
      },
    });

    const graphiql = await fetch(app.url, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toMatch(/graphiql/i);

    const ready = await fetch(new URL('/ready', app.url));
    expect(ready.status).toBe(200);

    const { url } = app;
    await app.database.db.dropDatabase();
    await app.stop();
    app = undefined;
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
