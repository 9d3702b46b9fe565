import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureWriteSerialization, describeServer, serializesWrites } from '../../src/db/atomicity.js';
import { getCollections } from '../../src/db/collections.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase('atomicity');
});
afterAll(async () => t?.dispose());

/** 20 parallel `$inc` of one document through the collections every module uses. */
async function parallelIncrements(client: MongoClient, label: string): Promise<number> {
  const c = getCollections(client.db(t.database.db.databaseName));
  const _id = label as never;
  await c.persons.insertOne({ _id, n: 0 } as never);
  await Promise.all(Array.from({ length: 20 }, () => c.persons.updateOne({ _id }, { $inc: { n: 1 } } as never)));
  const doc = (await c.persons.findOne({ _id })) as unknown as { n: number };
  await c.persons.deleteOne({ _id });
  return doc.n;
}

describe('writes on a server without atomic document updates', () => {
  it('detects FerretDB from buildInfo and serializes its writes; MongoDB writes pass through', async () => {
    const server = await describeServer(t.database.db);
    expect(server.server).toMatch(/^(FerretDB v\d|MongoDB \d)/);
    expect(server.atomicUpdates).toBe(server.server.startsWith('MongoDB'));
    expect(await serializesWrites(t.database.db)).toBe(!server.atomicUpdates);
  });

  it('20 parallel $inc of one document all count (none is lost), in every mode that is on or needed', async () => {
    expect(await parallelIncrements(t.database.client, 'auto')).toBe(20);
    // Forced on (WRITE_SERIALIZATION=on), on a client of its own: also exact.
    const client = new MongoClient(`mongodb://${String(t.database.client.options.hosts[0])}/`);
    try {
      configureWriteSerialization(client, 'on');
      expect(await serializesWrites(client.db(t.database.db.databaseName))).toBe(true);
      expect(await parallelIncrements(client, 'on')).toBe(20);
      configureWriteSerialization(client, 'off');
      expect(await serializesWrites(client.db(t.database.db.databaseName))).toBe(false);
    } finally {
      await client.close();
    }
  });
});
