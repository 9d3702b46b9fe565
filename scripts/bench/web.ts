/**
 * npm run bench:web [-- --scale 1] [--runs 3]
 *
 * How soon each view of the analyst page is interactive, opened cold from its URL in chromium, on
 * a generated graph (scale 1 ≈ 5,000 persons; generated into newsgraph_bench_s<scale> when
 * missing, like `npm run bench`). MONGODB_URI must be set. Prints each run and the median per view.
 */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { rmSync } from 'node:fs';
import { loadConfig } from '../../src/config.js';
import { connectDatabase } from '../../src/db/client.js';
import { getCollections } from '../../src/db/collections.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/http/server.js';
import { loadWebAssets } from '../../src/http/web.js';
import { buildPage, coldViewMs, launchChromium, requireChromium } from '../browser.js';
import { benchDbName, generateIntoDatabase, readDatasetMeta } from '../generate/load.js';
import { numberOption, parseCommand } from '../../src/cli.js';

const SPEC = {
  command: 'npm run bench:web --',
  summary:
    'How soon each view of the analyst page is interactive, opened cold in chromium, on a generated graph\n' +
    '(generated into newsgraph_bench_s<scale> when missing). MONGODB_URI must be set.',
  options: {
    scale: { type: 'string', default: '1', value: '<s>', description: 'data scale' },
    runs: { type: 'string', default: '3', value: '<n>', description: 'cold runs per view' },
    seed: { type: 'string', default: 'newsgraph', value: '<text>', description: 'dataset seed' },
  },
} as const;
const { values } = parseCommand(SPEC);
const scale = numberOption(SPEC, 'scale', values.scale, { positive: true });
const runs = numberOption(SPEC, 'runs', values.runs, { positive: true, integer: true });

async function main() {
  requireChromium();
  if (!loadConfig().mongodbUri) throw new Error('Set MONGODB_URI (e.g. from `bash scripts/ferretdb.sh start`)');
  const database = await connectDatabase(loadConfig({ ...process.env, MONGODB_DB: benchDbName(scale) }));
  const built = buildPage();
  const browser = await launchChromium();
  const http = createHttpServer();
  try {
    const meta = await readDatasetMeta(database.db);
    if (!meta || meta.scale !== scale || meta.seed !== values.seed) {
      console.error(`generating scale ${scale} into ${benchDbName(scale)}`);
      await generateIntoDatabase(database.db, { scale, seed: values.seed!, log: (l) => console.error(`  ${l}`) });
    }
    const collections = getCollections(database.db);
    const yoga = createServer({
      collections,
      logger: createLogger('silent'),
      web: loadWebAssets(built, { csp: true }),
    });
    http.on('request', yoga);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

    // What an analyst would open: the most-quoted person, a name fragment, the newest article.
    const speaker = await collections.quotes
      .aggregate<{ _id: unknown; n: number }>([
        { $group: { _id: '$speakerId', n: { $sum: 1 } } },
        { $sort: { n: -1 } },
        { $limit: 1 },
      ])
      .toArray();
    const person = await collections.persons.findOne({ _id: speaker[0]!._id as never });
    const article = await collections.articles.find({}, { sort: { publishedAt: -1 }, limit: 1 }).next();
    const text = person!.name.split(' ')[0]!;
    const views: [string, string][] = [
      ['search', `/?view=search&q=${encodeURIComponent(text)}`],
      ['person', `/?view=person&slug=${person!.slug}`],
      ['network', '/?view=network'],
      ['timeline', '/?view=timeline'],
      ['article', `/?view=article&slug=${article!.slug}`],
    ];
    console.log(
      `scale ${scale}: ${await collections.persons.estimatedDocumentCount()} persons, ` +
        `${await collections.quotes.estimatedDocumentCount()} quotes, ${await collections.meetings.estimatedDocumentCount()} meetings; ` +
        `${database.description}`,
    );
    for (const [view, url] of views) {
      const times = [];
      const failures: string[] = [];
      for (let i = 0; i < runs; i++) {
        try {
          times.push(await coldViewMs(browser, `${base}${url}`, view));
        } catch (error) {
          // A view that shows an API error (e.g. REQUEST_TIMEOUT) is reported, not a crash of the run.
          failures.push((error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/^.*?: /, ''));
        }
      }
      if (!times.length) {
        console.log(`${view.padEnd(9)} every run failed: ${failures[0]}   ${url}`);
        continue;
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      console.log(
        `${view.padEnd(9)} first content median ${String(median(times.map((t) => t.first))).padStart(6)} ms, ` +
          `complete ${String(median(times.map((t) => t.ready))).padStart(6)} ms   runs ${times.map((t) => `${t.first}/${t.ready}`).join(', ')}` +
          `${failures.length ? `; ${failures.length} failed: ${failures[0]}` : ''}   ${url}`,
      );
    }
  } finally {
    await browser.close();
    await new Promise((resolve) => http.close(resolve));
    await database.close();
    rmSync(built, { recursive: true, force: true });
  }
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
