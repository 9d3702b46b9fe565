/**
 * CORS: off by default (no CORS header whatever the Origin); with CORS_ORIGINS only those exact
 * origins, and never `Access-Control-Allow-Credentials`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { NewsgraphServer } from '../../src/http/server.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { securedServer } from '../support/server.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase('cors');
});
afterAll(async () => {
  await t?.dispose();
});

const QUERY = JSON.stringify({ query: '{ stats { personCount } }' });

async function fromOrigin(yoga: NewsgraphServer, origin: string) {
  const post = await yoga.fetch('http://127.0.0.1/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, cookie: 'session=1' },
    body: QUERY,
  });
  const preflight = await yoga.fetch('http://127.0.0.1/graphql', {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  return { post, preflight };
}

const corsHeaders = (r: Response) =>
  Object.fromEntries([...r.headers].filter(([name]) => name.startsWith('access-control-')));

describe('CORS', () => {
  it('off by default: an arbitrary origin is neither reflected nor given credentials', async () => {
    const yoga = securedServer(t.collections);
    const { post, preflight } = await fromOrigin(yoga, 'https://attacker.example');
    expect(post.status).toBe(200); // served (a same-origin-less client such as curl may read it) …
    expect(corsHeaders(post)).toEqual({}); // … but no browser page of another origin can
    expect(corsHeaders(preflight)).toEqual({});
  });

  it('an allow-list: a listed origin is allowed without credentials, any other gets nothing', async () => {
    const yoga = securedServer(t.collections, { corsOrigins: ['https://app.example', 'http://localhost:5173'] });
    const listed = await fromOrigin(yoga, 'http://localhost:5173');
    expect(listed.post.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(listed.post.headers.get('vary') ?? '').toMatch(/origin/i);
    expect(listed.post.headers.get('access-control-expose-headers')).toContain('retry-after');
    expect(listed.preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(listed.preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    for (const r of [listed.post, listed.preflight])
      expect(r.headers.get('access-control-allow-credentials')).toBeNull();
    for (const origin of ['https://attacker.example', 'https://app.example.attacker.example', 'null']) {
      const other = await fromOrigin(yoga, origin);
      expect(corsHeaders(other.post), origin).toEqual({});
      expect(corsHeaders(other.preflight), origin).toEqual({});
    }
  });

  it('CORS_ORIGINS: exact origins, comma separated; no wildcard, no path', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: 'https://app.example, http://localhost:5173' }).corsOrigins).toEqual([
      'https://app.example',
      'http://localhost:5173',
    ]);
    for (const bad of ['*', 'https://app.example/path', 'app.example', 'https://*.example'])
      expect(() => loadConfig({ CORS_ORIGINS: bad }), bad).toThrow(/CORS_ORIGINS/);
  });
});
