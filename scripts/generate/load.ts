/**
 * Generates a synthetic graph and loads it into a database through `bulkStoreArticleGraphs`
 * (the same documents `storeArticleGraph` writes). The database is dropped first; a
 * `bench_meta` document records what it holds so the benchmark can reuse it.
 */
import type { Db } from 'mongodb';
import { type BulkLoadResult, bulkStoreArticleGraphs } from '../../src/tooling/bulkLoad.js';
import { storeArticleGraph } from '../../src/db/store.js';
import { ensureIndexes, getCollections } from '../../src/db/collections.js';
import { describeGraph, generateNewsGraph } from './synthetic.js';

export interface DatasetMeta {
  _id: 'dataset';
  scale: number;
  seed: string;
  shape: ReturnType<typeof describeGraph>;
  generatedAt: Date;
  loadSeconds: number;
}

/** `newsgraph_bench_s1`, `newsgraph_bench_s0_1`, … */
export const benchDbName = (scale: number) => `newsgraph_bench_s${String(scale).replace(/[^0-9]/g, '_')}`;

export async function readDatasetMeta(db: Db): Promise<DatasetMeta | null> {
  return db.collection<DatasetMeta>('bench_meta').findOne({ _id: 'dataset' });
}

export interface GenerateIntoOptions {
  scale: number;
  seed?: string;
  log?: (line: string) => void;
  /** 'bulk' (default): bulkStoreArticleGraphs; 'store': storeArticleGraph per article, as `npm run seed` does. */
  via?: 'bulk' | 'store';
}

export async function generateIntoDatabase(
  db: Db,
  { scale, seed = 'newsgraph', log = console.log, via = 'bulk' }: GenerateIntoOptions,
) {
  let t = performance.now();
  const { graphs } = generateNewsGraph({ scale, seed });
  const shape = describeGraph(graphs);
  log(
    `generated scale ${scale} (seed "${seed}") in ${((performance.now() - t) / 1000).toFixed(1)} s: ${shape.articles} articles, ${shape.persons} persons, ` +
      `${shape.quotes} quotes, ${shape.meetings} meetings; top quoted person ${shape.quotesPerPerson.max} quotes, median ${shape.quotesPerPerson.median}, ` +
      `top 1% of persons say ${(shape.quotesPerPerson.top1pctShare * 100).toFixed(0)}% of quotes`,
  );
  await db.dropDatabase();
  const collections = getCollections(db);
  await ensureIndexes(collections);
  t = performance.now();
  let last = t;
  const progress = (name: string, written: number, total: number) => {
    const now = performance.now();
    if (now - last > 5_000 || written === total) {
      last = now;
      log(`  ${name}: ${written}/${total} (${((now - t) / 1000).toFixed(1)} s)`);
    }
  };
  let result: BulkLoadResult;
  if (via === 'store') {
    for (const [i, graph] of graphs.entries()) {
      await storeArticleGraph(collections, graph, 'INGESTED');
      progress('articles (storeArticleGraph)', i + 1, graphs.length);
    }
    result = {
      articles: shape.articles,
      persons: shape.persons,
      organizations: new Set(graphs.flatMap((g) => g.organizations.map((o) => o.slug))).size,
      quotes: shape.quotes,
      meetings: shape.meetings,
    };
  } else {
    result = await bulkStoreArticleGraphs(collections, graphs, {
      origin: 'INGESTED',
      fresh: true,
      onProgress: progress,
    });
  }
  const seconds = (performance.now() - t) / 1000;
  const docs = result.articles + result.persons + result.organizations + result.quotes + result.meetings;
  log(
    `loaded (${via === 'store' ? 'storeArticleGraph per article' : 'bulkStoreArticleGraphs'}) ${docs} documents in ${seconds.toFixed(1)} s: ${Math.round(docs / seconds)} documents/s, ${Math.round(result.articles / seconds)} articles/s`,
  );
  const meta: DatasetMeta = { _id: 'dataset', scale, seed, shape, generatedAt: new Date(), loadSeconds: seconds };
  await db.collection<DatasetMeta>('bench_meta').insertOne(meta);
  return meta;
}
