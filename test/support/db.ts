import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.js';
import { connectDatabase, type Database } from '../../src/db/client.js';
import { ensureIndexes, getCollections, type Collections } from '../../src/db/collections.js';

export interface TestDatabase {
  database: Database;
  collections: Collections;
  /** Drops the test database and closes the client. */
  dispose(): Promise<void>;
}

/**
 * A fresh, uniquely named database on the real server MONGODB_URI names (FerretDB in CI), or on
 * mongodb-memory-server when it is unset. Test files run in parallel, so each gets its own.
 */
export async function openTestDatabase(label: string): Promise<TestDatabase> {
  const config = loadConfig({ ...process.env, MONGODB_DB: `test_${label}_${randomBytes(4).toString('hex')}` });
  const database = await connectDatabase(config);
  const collections = getCollections(database.db);
  await ensureIndexes(collections);
  return {
    database,
    collections,
    async dispose() {
      await database.db.dropDatabase().catch(() => {});
      await database.close();
    },
  };
}
