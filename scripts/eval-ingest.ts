/**
 * npm run eval:ingest [-- --verbose]
 * Runs the ingestion extractor on the annotated articles (the curated seed article and
 * seeds/eval/*) and prints precision, recall and F1 for quotes, speakers and meetings, then the
 * extractor's throughput on 1,000 generated articles. Exits 1 when a floor is missed.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractArticle } from '../src/ingest/extract.js';
import { compareKeys, scoreArticle, sum, toScore, type ArticleScore, type Counts } from '../src/ingest/evaluate.js';
import { generateArticles } from '../src/ingest/generate.js';
import { DEFAULT_SEEDS_DIR } from '../src/seed/load.js';
import { parseSeedFile } from '../src/seed/format.js';

const FLOORS = { quotes: 0.9, meetings: 0.8 };
const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');

async function annotatedPairs(dir: string): Promise<{ name: string; raw: string; gold: unknown }[]> {
  const names = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
  const pairs = [];
  for (const name of names) {
    const json = join(dir, name.replace(/\.txt$/, '.json'));
    const gold = JSON.parse(await readFile(json, 'utf8').catch(() => 'null'));
    if (gold) pairs.push({ name, raw: await readFile(join(dir, name), 'utf8'), gold });
  }
  return pairs;
}

const pct = (n: number) => n.toFixed(3);
function line(label: string, c: Counts) {
  const s = toScore(c);
  return `${label.padEnd(10)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}   (tp ${s.truePositives}, fp ${s.falsePositives}, fn ${s.falseNegatives})`;
}

async function main() {
  const seedArticles = await annotatedPairs(DEFAULT_SEEDS_DIR);
  const evalArticles = await annotatedPairs(join(DEFAULT_SEEDS_DIR, 'eval'));
  const scores: { name: string; seed: boolean; score: ArticleScore }[] = [];
  for (const { name, raw, gold, seed } of [...seedArticles.map((a) => ({ ...a, seed: true })), ...evalArticles.map((a) => ({ ...a, seed: false }))]) {
    const expected = parseSeedFile(name, gold);
    const predicted = extractArticle(raw, name).graph;
    const score = scoreArticle(predicted, expected);
    scores.push({ name, seed, score });
    const q = toScore(score.quotes);
    const m = toScore(score.meetings);
    console.log(`${name.padEnd(64)} quotes F1 ${pct(q.f1)}  meetings F1 ${pct(m.f1)}  cleaning ${score.cleaningExact ? 'exact' : 'DIFFERS'}`);
    if (verbose) for (const e of score.errors) console.log(`    ${e}`);
  }
  const report = (label: string, subset: typeof scores) => {
    console.log(`\n${label} (${subset.length} article${subset.length === 1 ? '' : 's'})`);
    const quotes = sum(subset.map((s) => s.score.quotes));
    const meetings = sum(subset.map((s) => s.score.meetings));
    console.log(`  ${line('quotes', quotes)}`);
    console.log(`  ${line('speakers', sum(subset.map((s) => s.score.speakers)))}`);
    console.log(`  ${line('meetings', meetings)}`);
    return { quotes: toScore(quotes).f1, meetings: toScore(meetings).f1 };
  };
  const whole = report('Whole set', scores);
  const seedOnly = report('Seed article alone', scores.filter((s) => s.seed));

  const generated = generateArticles(1000, 42);
  const started = performance.now();
  const graphs = generated.map((article) => extractArticle(article.raw, article.name).graph);
  const seconds = (performance.now() - started) / 1000;
  console.log(`\nThroughput: ${generated.length} generated articles (clean + extract + validate, in memory) in ${seconds.toFixed(2)} s = ${(generated.length / seconds).toFixed(0)} articles/s`);
  // The templates know their facts, so the synthetic set is a (much easier) sanity check too.
  const synthetic = generated.map((article, i) => {
    const errors: string[] = [];
    const got = graphs[i]!;
    const quotes = compareKeys(got.quotes.map((q) => `${q.paragraph}|${q.speaker}|${q.text}`), article.expected.quotes.map((q) => `${q.paragraph}|${q.speaker}|${q.text}`), errors);
    const meetings = compareKeys(got.meetings.map((m) => [...m.participants].sort().join('+')), article.expected.meetings.map((m) => m.join('+')), errors);
    return { quotes, meetings };
  });
  console.log(`Generated set: ${line('quotes', sum(synthetic.map((s) => s.quotes)))}`);
  console.log(`               ${line('meetings', sum(synthetic.map((s) => s.meetings)))}`);

  const misses: string[] = [];
  for (const [label, s] of [['whole set', whole], ['seed article', seedOnly]] as const) {
    if (s.quotes < FLOORS.quotes) misses.push(`${label}: quote F1 ${pct(s.quotes)} < ${FLOORS.quotes}`);
    if (s.meetings < FLOORS.meetings) misses.push(`${label}: meeting F1 ${pct(s.meetings)} < ${FLOORS.meetings}`);
  }
  if (misses.length) {
    console.error(`\nFloors missed:\n  ${misses.join('\n  ')}`);
    process.exitCode = 1;
  } else console.log(`\nAll floors met (quote F1 ≥ ${FLOORS.quotes}, meeting F1 ≥ ${FLOORS.meetings}, whole set and seed article).`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
