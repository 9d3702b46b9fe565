import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createServer, type NewsgraphServer } from '../../src/http/server.js';
import { CONTENT_SECURITY_POLICY, loadWebAssets } from '../../src/http/web.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';

/** A stand-in build: what Vite writes (index.html, hashed assets), with a script big enough to compress. */
const SCRIPT = `console.log(${JSON.stringify('newsgraph '.repeat(200))});\n`;
const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body></body></html>';

let dir: string;
let t: TestDatabase;
let yoga: NewsgraphServer;
let bare: NewsgraphServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'newsgraph-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  t = await openTestDatabase('web');
  const logger = createLogger('silent');
  yoga = createServer({ collections: t.collections, logger, web: loadWebAssets(dir, { csp: true }) });
  bare = createServer({ collections: t.collections, logger, web: null });
});

afterAll(async () => {
  await t?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const get = (server: NewsgraphServer, path: string, headers: Record<string, string> = {}, method = 'GET') =>
  server.fetch(`http://127.0.0.1${path}`, { method, headers });

describe('the analyst page is served at /', () => {
  it('serves index.html, revalidated by ETag, with the strict CSP', async () => {
    const r = await get(yoga, '/');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(r.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(await r.text()).toBe(INDEX);
    const again = await get(yoga, '/', { 'if-none-match': r.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves query-string states of the page as the same document', async () => {
    const r = await get(yoga, '/?view=person&slug=sung-kim');
    expect(r.status).toBe(200);
    expect(await r.text()).toBe(INDEX);
  });

  it('caches hashed assets for a year as immutable and compresses them (brotli, else gzip)', async () => {
    const path = '/assets/index-Ab12Cd34.js';
    const br = await get(yoga, path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('accept-encoding');
    // fetch() here does not decode: the bytes are the compressed ones.
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(brBytes.length).toBeLessThan(SCRIPT.length / 4);
    expect(brotliDecompressSync(brBytes).toString()).toBe(SCRIPT);

    const gz = await get(yoga, path, { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(SCRIPT);

    const refused = await get(yoga, path, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers.get('content-encoding')).toBeNull();
    expect(await refused.text()).toBe(SCRIPT);

    const head = await get(yoga, path, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(brBytes.length);
  });

  it('answers 404 for an asset that is not in the build, and leaves other paths to the API', async () => {
    expect((await get(yoga, '/assets/index-Old00000.js')).status).toBe(404);
    expect((await get(yoga, '/assets/../index.html')).status).not.toBe(500);
    const graphql = await yoga.fetch('http://127.0.0.1/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stats { articleCount } }' }),
    });
    expect(graphql.status).toBe(200);
    expect(await graphql.json()).toEqual({ data: { stats: { articleCount: 0 } } });
    expect((await get(yoga, '/health')).status).toBe(200);
  });

  it('without a build, / says how to build the page and GraphQL still works', async () => {
    const r = await get(bare, '/');
    expect(r.status).toBe(503);
    expect(await r.text()).toContain('npm run build');
    const graphql = await bare.fetch('http://127.0.0.1/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stats { personCount } }' }),
    });
    expect(graphql.status).toBe(200);
  });

  it('loadWebAssets is null for a directory without index.html', () => {
    expect(loadWebAssets(join(dir, 'assets'))).toBeNull();
  });
});
