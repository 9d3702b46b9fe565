import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { LIMITS } from '../../src/limits.js';
import { decodeCursor, encodeCursor } from '../../src/schema/pagination.js';
import { seedDatabase } from '../../src/seed/load.js';
import { createServer, type NewsgraphServer } from '../../src/http/server.js';
import { countCommands } from '../support/commands.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { errorCode, execute } from '../support/graphql.js';

let t: TestDatabase;
let yoga: NewsgraphServer;
beforeAll(async () => {
  t = await openTestDatabase('inputchecks');
  await seedDatabase(t.collections);
  yoga = createServer({ collections: t.collections, logger: createLogger('silent') });
});
afterAll(() => t.dispose());

describe('slugs', () => {
  it.each([
    'person',
    'article',
    'organization',
  ])('%s(slug:) takes at most %s characters; a longer one is BAD_USER_INPUT before any database command', async (field) => {
    const at = await execute(yoga, `query($s: String!) { ${field}(slug: $s) { slug } }`, {
      s: 'x'.repeat(LIMITS.maxSlugLength),
    });
    expect(at.body).toEqual({ data: { [field]: null } });
    const { result, commands } = await countCommands(t.database.client, () =>
      execute(yoga, `query($s: String!) { ${field}(slug: $s) { slug } }`, { s: 'x'.repeat(LIMITS.maxSlugLength + 1) }),
    );
    expect(errorCode(result)).toBe('BAD_USER_INPUT');
    expect(commands).toEqual([]);
  });
});

describe('cursor values are range-checked', () => {
  const forge = (kind: string, sort: unknown[]) =>
    `c1.${Buffer.from(JSON.stringify([kind, sort, 'a'.repeat(24)]), 'utf8').toString('base64url')}`;

  it('accepts what the server itself produces', () => {
    const key = { sort: [-Date.UTC(2021, 5, 1)], id: 'a'.repeat(24) };
    expect(decodeCursor(encodeCursor(key, 'newest'), 'newest')).toEqual(key);
    expect(decodeCursor(forge('partners', [-3, 'kim']), 'partners')).toEqual({ sort: [-3, 'kim'], id: 'a'.repeat(24) });
  });

  it.each([
    ['a timestamp beyond the Date range', 'newest', [-1e300]],
    ['a fractional timestamp', 'newest', [-1.5]],
    ['a positive meeting count', 'partners', [5, 'kim']],
    ['a fractional meeting count', 'partners', [-0.5, 'kim']],
    ['an enormous name', 'name', ['x'.repeat(1_001)]],
    ['a number where a name goes', 'name', [7]],
  ])('refuses %s', (_label, kind, sort) => {
    expect(() => decodeCursor(forge(kind, sort), kind as 'newest')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });

  it('through the API: an out-of-range cursor is BAD_USER_INPUT', async () => {
    const res = await execute(yoga, `query($c: String) { quotes(first: 2, after: $c) { edges { cursor } } }`, {
      c: forge('newest', [9e15]),
    });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });
});
