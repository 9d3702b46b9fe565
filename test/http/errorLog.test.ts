/**
 * What the log says about errors: a client's mistakes (a wrong key, a bad variable, a malformed id)
 * are info lines with their code, without stack or document excerpt, and rate-limited; an
 * unexpected failure is an error line with its stack.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connectDatabase } from '../../src/db/client.js';
import { getCollections } from '../../src/db/collections.js';
import { createLogRateLimit } from '../../src/http/errorPolicy.js';
import { createServer } from '../../src/http/server.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { execute } from '../support/graphql.js';
import { API_KEYS } from '../support/server.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase('errorlog');
});
afterAll(async () => {
  await t?.dispose();
});

function recording() {
  const lines: { level: number; msg: string; [k: string]: unknown }[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  return { logger, lines, notRequests: () => lines.filter((l) => l.msg !== 'request' && l.level >= 30) };
}

const MUTATION =
  'mutation { updatePerson(input: { personId: "UGVyc29uOjg5NzFkZmE2Zjc2ZDNkZDdlNGUyY2ZiNQ==", role: "x" }) { person { role } } }';
const MISTAKES: [string, string, Record<string, unknown> | undefined, Record<string, string>, string][] = [
  ['a wrong key', MUTATION, undefined, { authorization: 'Bearer not-a-key' }, 'UNAUTHENTICATED'],
  ['a bad variable', 'query($n: Int!) { persons(first: $n) { totalCount } }', { n: 'x' }, {}, 'BAD_USER_INPUT'],
  ['a malformed id', '{ node(id: "zzz") { id } }', undefined, {}, 'BAD_USER_INPUT'],
];

describe('error logging', () => {
  it('client mistakes: info lines with their code, no stack, no document excerpt, nothing at error', async () => {
    const { logger, notRequests } = recording();
    const yoga = createServer({ collections: t.collections, logger, apiKeys: API_KEYS });
    for (const [what, query, variables, headers, code] of MISTAKES) {
      const before = notRequests().length;
      const r = await execute(yoga, query, variables, headers);
      expect(r.body.errors?.[0]?.extensions?.code, what).toBe(code);
      const lines = notRequests().slice(before);
      expect(lines.length, what).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line.level, what).toBe(30);
        expect(line.code, what).toBe(code);
        expect(JSON.stringify(line), what).not.toMatch(/stack|GraphQL request:|\n/);
      }
    }
  });

  it('a flood of mistakes is cut to a few lines a second, and the cut is said', async () => {
    // The server's clock is a fake Date (timers stay real): the flood lands in one second, and the
    // next second comes when the test says so, not after a sleep.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { logger, lines } = recording();
      const yoga = createServer({ collections: t.collections, logger, apiKeys: API_KEYS });
      await Promise.all(
        Array.from({ length: 200 }, () => execute(yoga, MUTATION, undefined, { authorization: 'Bearer not-a-key' })),
      );
      const clientLines = lines.filter((l) => l.msg.startsWith('client error'));
      expect(clientLines).toHaveLength(20);
      expect(lines.some((l) => l.level === 40)).toBe(false);
      // The drop is reported once the second is over, by the next line that comes.
      vi.setSystemTime(Date.now() + 1_001);
      await execute(yoga, MUTATION, undefined, { authorization: 'Bearer not-a-key' });
      const cut = lines.filter((l) => l.level === 40);
      expect(cut).toHaveLength(1);
      expect(cut[0]!.dropped).toBeGreaterThan(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('the rate limit: N lines per second, the rest counted and reported when the second ends', () => {
    let now = 0;
    const { logger, lines } = recording();
    const limited = createLogRateLimit(logger, 3, () => now);
    for (let i = 0; i < 10; i++) limited(() => logger.info(`line ${i}`));
    expect(lines.map((l) => l.msg)).toEqual(['line 0', 'line 1', 'line 2']);
    now = 1_000;
    limited(() => logger.info('next'));
    expect(lines.slice(3)).toMatchObject([{ level: 40, dropped: 7 }, { msg: 'next' }]);
  });

  it('an unexpected failure is an error line with its stack', async () => {
    const { logger, lines } = recording();
    const closed = await connectDatabase(loadConfig({ ...process.env, MONGODB_DB: t.database.db.databaseName }));
    await closed.close();
    const broken = createServer({ collections: getCollections(closed.db), logger });
    await execute(broken, '{ persons { totalCount } }');
    const errors = lines.filter((l) => l.level === 50);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((l) => typeof (l.err as { stack?: unknown })?.stack === 'string')).toBe(true);
  });
});
