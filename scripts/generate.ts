/**
 * npm run generate -- --scale 1 [--db name] [--seed text] [--force] [--via bulk|store]
 *
 * Generates a deterministic synthetic news graph (scale 1 ≈ 1,000 articles, 5,000 persons,
 * 20,000 quotes, 5,000 meetings; fractional scales allowed) and loads it into MONGODB_URI.
 * The target database (default newsgraph_bench_s<scale>) is dropped first; the service's own
 * database name is refused unless --force is given.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { connectDatabase } from '../src/db/client.js';
import { benchDbName, generateIntoDatabase } from './generate/load.js';

async function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      db: { type: 'string' },
      seed: { type: 'string', default: 'newsgraph' },
      force: { type: 'boolean', default: false },
      via: { type: 'string', default: 'bulk' },
    },
  });
  const scale = Number(values.scale);
  if (!(scale > 0)) throw new Error(`--scale must be a positive number (got ${values.scale})`);
  const dbName = values.db ?? benchDbName(scale);
  const config = loadConfig({ ...process.env, MONGODB_DB: dbName });
  if (!config.mongodbUri) throw new Error('Set MONGODB_URI (e.g. from `bash scripts/ferretdb.sh start`)');
  if (dbName === loadConfig().mongodbDb && !values.force && !values.db?.startsWith('newsgraph_bench'))
    throw new Error(`refusing to drop the service database "${dbName}"; pass --db <name> or --force`);
  const database = await connectDatabase(config);
  try {
    console.log(`target ${database.description}`);
    if (values.via !== 'bulk' && values.via !== 'store') throw new Error('--via must be bulk or store');
    await generateIntoDatabase(database.db, { scale, seed: values.seed!, via: values.via });
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
