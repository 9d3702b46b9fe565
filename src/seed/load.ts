import { readdir, readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Collections } from '../db/collections.js';
import { storeArticleGraph, type StoreResult } from '../db/store.js';
import { parseSeedFile, SeedValidationError, type ArticleGraph } from '../model/articleGraph.js';

/** The repository's `seeds/` directory. */
export const DEFAULT_SEEDS_DIR = resolve(fileURLToPath(new URL('../../seeds', import.meta.url)));

/** Reads and validates every `*.json` seed in a directory; throws on the first bad file, before any write. */
export async function loadSeedDirectory(
  dir: string = DEFAULT_SEEDS_DIR,
): Promise<{ file: string; graph: ArticleGraph }[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const loaded: { file: string; graph: ArticleGraph }[] = [];
  for (const name of files) {
    loaded.push({ file: name, graph: await loadSeedFile(join(dir, name)) });
  }
  return loaded;
}

export async function loadSeedFile(path: string): Promise<ArticleGraph> {
  const file = basename(path);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new SeedValidationError(file, [{ path: '(file)', message: `not valid JSON: ${(error as Error).message}` }]);
  }
  return parseSeedFile(file, json);
}

export interface SeedReport {
  file: string;
  article: string;
  result: StoreResult;
}

/** Validates all seed files first, then stores them; a bad file means nothing is written. */
export async function seedDatabase(c: Collections, dir: string = DEFAULT_SEEDS_DIR): Promise<SeedReport[]> {
  const loaded = await loadSeedDirectory(dir);
  const reports: SeedReport[] = [];
  for (const { file, graph } of loaded) {
    reports.push({ file, article: graph.article.slug, result: await storeArticleGraph(c, graph, 'CURATED') });
  }
  return reports;
}

export function formatSeedReport(reports: SeedReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.file} → article ${r.article}`);
    for (const [collection, n] of Object.entries(r.result)) {
      lines.push(
        `  ${collection.padEnd(14)} ${n.inserted} inserted, ${n.updated} updated, ${n.unchanged} unchanged${n.deleted ? `, ${n.deleted} removed` : ''}`,
      );
    }
  }
  return lines.join('\n');
}
