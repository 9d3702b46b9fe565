import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesCollection, latestSeq, oldestSeq, TRIM_EVERY } from '../../src/db/changes.js';
import { personId } from '../../src/db/ids.js';
import { createChangeEvents, type ChangePublisher } from '../../src/events/index.js';
import { createLogger } from '../../src/logger.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';

/** The change log stays bounded: the writer that appends every TRIM_EVERY-th entry trims it. */
let t: TestDatabase;
let events: ChangePublisher;
beforeAll(async () => {
  t = await openTestDatabase('changes');
  events = createChangeEvents({ collections: t.collections, logger: createLogger('silent'), retainChanges: 5 });
});
afterAll(async () => {
  await events?.bus.close();
  await t?.dispose();
});

describe('change log retention', () => {
  it('keeps the newest entries once the TRIM_EVERY-th is appended, and nothing is trimmed before', async () => {
    for (let i = 1; i < TRIM_EVERY; i++) await events.personsChanged('UPDATED', [personId(`p${i}`)]);
    expect(await changesCollection(t.collections).countDocuments({})).toBe(TRIM_EVERY - 1);
    await events.personsChanged('UPDATED', [personId('last')]);
    expect(await latestSeq(t.collections)).toBe(TRIM_EVERY);
    expect(await changesCollection(t.collections).countDocuments({})).toBe(5);
    expect(await oldestSeq(t.collections)).toBe(TRIM_EVERY - 4);
  });
});
