import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergePersons } from '../../src/db/curation.js';
import { personId } from '../../src/db/ids.js';
import { seedDatabase } from '../../src/seed/load.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase('store');
  await seedDatabase(t.collections);
});
afterAll(() => t.dispose());

describe('storing an article again after a curation merge', () => {
  it('keeps the merged person merged: their facts go to the survivor', async () => {
    // A curator decides the byline "Nam Hyun-woo" and the photographer are one source (a test-only merge).
    const survivor = personId('nam-hyun-woo');
    const merged = personId('wang-tae-seok');
    await mergePersons(t.collections, survivor, merged);
    expect(await t.collections.persons.countDocuments({ _id: merged })).toBe(0);

    // Merge Park Kyung-mee into Moon Jae-in too, so a reported-by reference must be redirected.
    await mergePersons(t.collections, personId('moon-jae-in'), personId('park-kyung-mee'));

    const report = await seedDatabase(t.collections);
    expect(await t.collections.persons.countDocuments({ _id: { $in: [merged, personId('park-kyung-mee')] } })).toBe(0);
    expect(report[0]!.result.persons.inserted).toBe(0);
    const article = await t.collections.articles.findOne({});
    const ids = article!.personIds.map(String);
    expect(ids).not.toContain(String(merged));
    expect(ids).toContain(String(survivor));
    expect(new Set(ids).size).toBe(ids.length);
    const relayed = await t.collections.quotes.find({ reportedByPersonId: personId('park-kyung-mee') }).toArray();
    expect(relayed).toEqual([]);
    const survivorDoc = await t.collections.persons.findOne({ _id: survivor });
    expect(survivorDoc!.aliases).toContain('Wang Tae-seok');
  });
});
