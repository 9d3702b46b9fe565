/**
 * npm run generate -- --scale 1 [--db name] [--seed text] [--force] [--via bulk|store]
 *
 * Generates a deterministic synthetic news graph (scale 1 ≈ 1,000 articles, 5,000 persons,
 * 20,000 quotes, 5,000 meetings; fractional scales allowed) and loads it into MONGODB_URI.
 * The target database (default newsgraph_bench_s<scale>) is dropped first; the service's own
 * database name is refused unless --force is given.
 */
import { loadConfig } from '../src/config.js';
import { connectDatabase } from '../src/db/client.js';
import { benchDbName, generateIntoDatabase } from './generate/load.js';
import { numberOption, parseCommand, usageError } from '../src/cli.js';

const spec = {
  command: 'npm run generate --',
  summary:
    'Generates a deterministic synthetic news graph (scale 1 ≈ 1,000 articles, 5,000 persons, 20,000 quotes,\n' +
    '5,000 meetings) and loads it into MONGODB_URI. The target database is dropped first.',
  options: {
    scale: { type: 'string', default: '1', value: '<n>', description: 'size; fractions allowed' },
    db: { type: 'string', value: '<name>', description: 'target database (default newsgraph_bench_s<scale>)' },
    seed: { type: 'string', default: 'newsgraph', value: '<text>', description: 'random seed' },
    force: { type: 'boolean', default: false, description: "allow dropping the service's own database" },
    via: { type: 'string', default: 'bulk', value: 'bulk|store', description: 'bulk loader or storeArticleGraph' },
  },
} as const;
const { values } = parseCommand(spec);
const scale = numberOption(spec, 'scale', values.scale, { positive: true });
const via =
  values.via === 'bulk' || values.via === 'store' ? values.via : usageError(spec, '--via must be bulk or store');

async function main() {
  const dbName = values.db ?? benchDbName(scale);
  const config = loadConfig({ ...process.env, MONGODB_DB: dbName });
  if (!config.mongodbUri) throw new Error('Set MONGODB_URI (e.g. from `bash scripts/ferretdb.sh start`)');
  if (dbName === loadConfig().mongodbDb && !values.force && !values.db?.startsWith('newsgraph_bench'))
    throw new Error(`refusing to drop the service database "${dbName}"; pass --db <name> or --force`);
  const database = await connectDatabase(config);
  try {
    console.log(`target ${database.description}`);
    await generateIntoDatabase(database.db, { scale, seed: values.seed!, via });
  } finally {
    await database.close();
  }
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
