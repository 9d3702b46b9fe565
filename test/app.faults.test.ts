/**
 * Faults against a real FerretDB this test owns: killed mid-run, requests fail fast with
 * SERVICE_UNAVAILABLE (no hang, no crash), /health stays live and /ready says not ready; started
 * again on the same port and data directory, the same process recovers without a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { startOwnFerretDb, type OwnFerretDb } from './support/ferretdb.js';
import { API_KEYS_ENV, CURATOR_KEY } from './support/server.js';

let ferret: OwnFerretDb;
let app: RunningApp;

beforeAll(async () => {
  ferret = await startOwnFerretDb();
  // The execution deadline is set far above NO_HANG_MS, so "fails fast" is the driver's doing.
  const config = loadConfig({
    MONGODB_URI: ferret.uri,
    MONGODB_DB: 'faults',
    PORT: '0',
    HOST: '127.0.0.1',
    NEWSGRAPH_API_KEYS: API_KEYS_ENV,
    REQUEST_TIMEOUT_MS: '60000',
    // Twenty requests at once from this one client, each waiting seconds for a dead database, are
    // the test, not a flood: no per-client cap, and slots for all of them (else some get 503 at once).
    CLIENT_MAX_CONCURRENT: '0',
    MAX_CONCURRENT_EXECUTIONS: '64',
  });
  app = await startApp(config, createLogger('silent'));
}, 120_000);

afterAll(async () => {
  await app?.stop().catch(() => {});
  await ferret?.dispose();
});

const QUERY =
  '{ person(slug: "sung-kim") { name quotes(first: 3) { totalCount } metWith { edges { node { name } } } } }';

async function ask(query = QUERY, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, body, ms: performance.now() - started };
}
/**
 * "Fails fast": serverSelectionTimeoutMS is 3 s, so an unavailable database ends a request in about
 * 3 s; a request may wait for it up to about three times (DataLoader batches in a row). 12 s leaves
 * room for a loaded CI machine and is far below a hang (the execution deadline is 60 s here, the
 * driver's socket timeout 30 s).
 */
const NO_HANG_MS = 12_000;
const probe = async (path: string) => (await fetch(new URL(path, app.url))).status;

describe('database outage', () => {
  it('fails fast while the database is down and recovers when it is back, without a restart', async () => {
    const healthy = await ask();
    expect(healthy.body.errors).toBeUndefined();
    expect(await probe('/ready')).toBe(200);

    // Requests in flight while the database dies: each ends (data or a typed error), none hangs.
    // All 20 are sent at once; the kill starts as the first answer arrives, with the rest in flight.
    let firstAnswer!: () => void;
    const answered = new Promise<void>((resolve) => {
      firstAnswer = resolve;
    });
    const inFlight = Array.from({ length: 20 }, () =>
      ask().then((r) => {
        firstAnswer();
        return r;
      }),
    );
    await answered;
    await ferret.kill();
    for (const r of await Promise.all(inFlight)) {
      expect(r.status).toBeLessThan(500);
      if (r.body.errors) expect(r.body.errors[0]!.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(r.ms).toBeLessThan(NO_HANG_MS);
    }

    // Down: reads and writes fail fast with SERVICE_UNAVAILABLE, concurrently.
    const down = await Promise.all([
      ...Array.from({ length: 10 }, () => ask()),
      ask(
        'mutation { updatePerson(input: { personId: "UGVyc29uOjg5NzFkZmE2Zjc2ZDNkZDdlNGUyY2ZiNQ==", role: "x" }) { person { role } } }',
        { authorization: `Bearer ${CURATOR_KEY}` },
      ),
    ]);
    for (const r of down) {
      expect(r.body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(r.ms).toBeLessThan(NO_HANG_MS);
    }
    expect(await probe('/health')).toBe(200);
    expect(await probe('/ready')).toBe(503);

    // Back on the same port and data directory: the same process serves again.
    await ferret.start();
    const deadline = Date.now() + 20_000;
    let recovered = await ask();
    while (recovered.body.errors && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      recovered = await ask();
    }
    expect(recovered.body).toEqual(healthy.body);
    expect(await probe('/ready')).toBe(200);
  }, 90_000);
});
