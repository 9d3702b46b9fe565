/**
 * npm run seed [-- <seeds directory>]
 * Validates every seeds/*.json file, then upserts them into MONGODB_URI / MONGODB_DB.
 */
import { loadConfig } from '../src/config.js';
import { getCollections, ensureIndexes } from '../src/db/collections.js';
import { connectDatabase } from '../src/db/client.js';
import { createRedisStore, invalidateOnChanges } from '../src/cache/index.js';
import { createChangeEvents, publishSeeded } from '../src/events/index.js';
import { createLogger } from '../src/logger.js';
import { SeedValidationError } from '../src/model/articleGraph.js';
import { DEFAULT_SEEDS_DIR, formatSeedReport, seedDatabase } from '../src/seed/load.js';
import { parseCommand, reportFailure, requirePath } from '../src/cli.js';

const { positionals } = parseCommand({
  command: 'npm run seed --',
  args: '[seeds-directory]',
  summary:
    'Validates every *.json seed file in the directory (default seeds/), then upserts them into MONGODB_URI / MONGODB_DB.',
  options: {},
  positionals: { max: 1 },
});
const dir = requirePath(positionals[0] ?? DEFAULT_SEEDS_DIR, 'seeds directory');

async function main() {
  const config = loadConfig();
  const database = await connectDatabase(config);
  const collections = getCollections(database.db);
  // With REDIS_URL set, running instances hear of the seeded articles (caches, subscriptions).
  const logger = createLogger('warn');
  const events = createChangeEvents({
    collections,
    logger,
    redisUrl: config.redisUrl,
    retainChanges: config.changes.retain,
  });
  // The shared response cache is evicted before each event goes out, as a service instance does.
  if (events.bus.redis) invalidateOnChanges(events, createRedisStore(events.bus.redis, { logger }));
  try {
    await ensureIndexes(collections);
    if (config.redisUrl) await events.bus.whenAvailable(5_000).catch(() => {});
    const reports = await seedDatabase(collections, dir);
    await publishSeeded(events, reports);
    console.log(`Seeded ${database.description}\n${formatSeedReport(reports)}`);
  } finally {
    await events.bus.close();
    await database.close();
  }
}

await main().catch((error: unknown) => {
  if (error instanceof SeedValidationError) console.error(`Seed rejected, nothing written.\n${error.message}`);
  else reportFailure(error);
  process.exitCode = 1;
});
