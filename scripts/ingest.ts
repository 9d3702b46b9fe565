/**
 * npm run ingest -- <file | directory | -> [more paths…]
 * Cleans raw scraped articles (title line, timestamp line, body), extracts people, quotes and
 * meetings, and stores them in MONGODB_URI / MONGODB_DB. A directory shows a progress bar; a
 * summary follows. Bad files are reported with their reason and the rest still go in; the exit
 * code is 1 when any file failed.
 */
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../src/config.js';
import { connectDatabase } from '../src/db/client.js';
import { ensureIndexes, getCollections } from '../src/db/collections.js';
import { articleId } from '../src/db/ids.js';
import { createRedisStore, invalidateOnChanges } from '../src/cache/index.js';
import { createChangeEvents } from '../src/events/index.js';
import { createLogger } from '../src/logger.js';
import { formatSummary, ingestInputs, listInputs, summarize, type IngestInput } from '../src/ingest/pipeline.js';
import { parseCommand, reportFailure } from '../src/cli.js';

const { positionals: paths } = parseCommand({
  command: 'npm run ingest --',
  args: '<file | directory | -> [more paths…]',
  summary:
    'Cleans raw scraped articles, extracts people, quotes and meetings, and stores them in MONGODB_URI / MONGODB_DB.\n' +
    'A directory is read for *.txt files; "-" reads one article from stdin. Exits 1 when any file failed.',
  options: {},
  positionals: { min: 1, max: Number.POSITIVE_INFINITY },
});

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function main() {
  const inputs: IngestInput[] = [];
  const unlisted: string[] = [];
  for (const path of paths) {
    if (path === '-') inputs.push({ name: '(stdin)', read: readStdin });
    else {
      try {
        inputs.push(...(await listInputs(path)));
      } catch (error) {
        // A path that cannot be listed (missing, unreadable) is a failed input in the summary.
        inputs.push({ name: path, read: () => Promise.reject(error) });
        unlisted.push(`${path}: ${(error as Error).message}`);
      }
    }
  }
  // No path could be listed: say so without connecting, there is nothing to store.
  if (unlisted.length === inputs.length) {
    for (const line of unlisted) console.error(line);
    process.exitCode = 1;
    return;
  }
  const config = loadConfig();
  const database = await connectDatabase(config);
  const collections = getCollections(database.db);
  // Change events: with REDIS_URL set they reach every running instance (caches, subscriptions).
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
    const bar =
      inputs.length > 1
        ? new SingleBar(
            { format: 'ingest [{bar}] {value}/{total} {file}', stream: process.stderr, hideCursor: true },
            Presets.shades_classic,
          )
        : null;
    bar?.start(inputs.length, 0, { file: '' });
    // Each article's event goes out once its write succeeded, in order, while the next one is ingested.
    let published = Promise.resolve();
    const outcomes = await ingestInputs(collections, inputs, (o) => {
      bar?.increment(1, { file: o.file });
      if (o.status === 'INGESTED' && o.article) {
        const id = articleId(o.article);
        published = published.then(async () => {
          await events.articleStored(id, 'INGESTED');
        });
      }
    });
    await published;
    bar?.stop();
    const summary = summarize(outcomes);
    console.log(`Ingested into ${database.description}\n${formatSummary(summary)}`);
    if (summary.failures.length) process.exitCode = 1;
  } finally {
    await events.bus.close();
    await database.close();
  }
}

await main().catch((error: unknown) => {
  reportFailure(error);
  process.exitCode = 1;
});
