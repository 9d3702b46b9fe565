/**
 * npm run eval:ingest [-- --verbose] [--corpus ../shared/real-news [--split dev|heldout|all]]
 * With --corpus, first scores the real-news corpus by its README's rules (see eval/real-news.ts):
 * pooled quotes and meetings P/R/F1, date accuracy, per-sieve precision, and per-article misses
 * with --verbose. The dev split (15 articles) is the default and is held to CORPUS_FLOORS; the
 * held-out split (eval/heldout.json, chosen before anyone looked) prints pooled figures only, never
 * an article's details; `all` prints pooled figures for the 20.
 * Then runs the ingestion extractor on the annotated articles (the curated seed article,
 * seeds/eval/* and the held-out seeds/eval/heldout/*) and prints precision, recall and F1 for
 * quotes, speakers and meetings, then the extractor's throughput on 1,000 generated articles.
 * Exits 1 when a floor is missed on the whole set or the seed article, when a `.txt` has no
 * `.json` annotation, or when a folder (held-out included) holds no annotated article.
 *
 * The rules were tuned on the seed article and seeds/eval/*, so their scores are optimistic. The
 * held-out articles were annotated and committed before the extractor first ran on them; that
 * first run is the honest measurement of unseen news and is kept in HELDOUT_FIRST_RUN. The rules
 * were then fixed for the gaps it exposed, so the held-out line printed today is tuned as well:
 * it is printed ("tuned on") but is not a floor.
 *
 * seeds/eval/fresh/* (6 articles) were written and committed (0172bb1) before the extractor first
 * ran on them. After the first run the rules were fixed for the error categories of the evaluator's
 * report (with new test sentences, without reading the articles), so the line printed today is
 * "informed by error categories, not by the text"; the first run below stays the honest number.
 * It is informational only (no floor) and stays out of the whole set.
 * First run: quotes P 0.846 R 0.702 F1 0.767 (tp 33, fp 6, fn 14); speakers F1 0.767;
 * meetings P 1.000 R 0.267 F1 0.421 (tp 4, fp 0, fn 11).
 */
import { join } from 'node:path';
import { extractArticle } from '../src/ingest/extract.js';
import {
  compareKeys,
  loadAnnotatedArticles,
  scoreArticle,
  sum,
  toScore,
  type ArticleScore,
  type Counts,
} from './eval/evaluate.js';
import { generateArticles } from '../src/tooling/generate.js';
import { DEFAULT_SEEDS_DIR } from '../src/seed/load.js';
import { loadCorpus, perSieve, pool, scoreCorpusArticle, type CorpusScore, type Split } from './eval/real-news.js';
import { parseCommand, requirePath, usageError } from '../src/cli.js';

const FLOORS = { quotes: 0.9, meetings: 0.8 };

/**
 * First run of the extractor on seeds/eval/heldout (7 articles, 47 quotes, 14 meetings), before
 * any rule was changed for them (commit aaba4e1 added the articles; the extractor was that of
 * 64e81b4). Misses: names with particles (von der Leyen, de Guindos, bin … Al Thani, al-Ansari),
 * "Hong" in Tran Hong Ha read as Hong Kong, middle initials (Jay Y. Lee, Janet L. Yellen), "Lula"
 * as a middle name, "meeting last week in Paris between", a planned "for talks with".
 */
const HELDOUT_FIRST_RUN = {
  quotes: { precision: 0.789, recall: 0.638, f1: 0.706, truePositives: 30, falsePositives: 8, falseNegatives: 17 },
  meetings: { precision: 0.636, recall: 0.5, f1: 0.56, truePositives: 7, falsePositives: 4, falseNegatives: 7 },
} as const;
/**
 * Floors on the real-news dev split, a ratchet: set to what was reached, raised as the numbers
 * rise, never lowered. The targets are quotes F1 0.90, meetings F1 0.80, date accuracy 0.90.
 */
const CORPUS_FLOORS = { quotesF1: 0.98, meetingsF1: 0.97, dateAccuracy: 0.94 };

const SPEC = {
  command: 'npm run eval:ingest --',
  summary:
    'Scores the ingestion extractor on the annotated articles (precision, recall, F1 for quotes, speakers and meetings)\n' +
    'and measures its throughput; with --corpus, first the real-news corpus. Exits 1 when a floor is missed.',
  options: {
    verbose: { type: 'boolean', short: 'v', default: false, description: 'list every miss and false positive' },
    corpus: {
      type: 'string',
      value: '<dir>',
      description: 'the real-news corpus directory (e.g. ../shared/real-news)',
    },
    split: { type: 'string', default: 'dev', value: 'dev|heldout|all', description: 'which corpus split to score' },
  },
} as const;
const { values: args } = parseCommand(SPEC);
if (!['dev', 'heldout', 'all'].includes(args.split)) usageError(SPEC, '--split must be dev, heldout or all');
if (args.corpus) requirePath(args.corpus, 'corpus directory');
const verbose = args.verbose;

const pct = (n: number) => n.toFixed(3);
function line(label: string, c: Counts) {
  const s = toScore(c);
  return `${label.padEnd(10)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}   (tp ${s.truePositives}, fp ${s.falsePositives}, fn ${s.falseNegatives})`;
}

/** Scores the corpus split; returns the floor misses (dev split only). */
async function evaluateCorpus(dir: string, split: Split): Promise<string[]> {
  const articles = await loadCorpus(dir, split);
  const details = split === 'dev';
  const scores: CorpusScore[] = [];
  for (const { name, raw, gold } of articles) {
    let seed = null;
    let error: string | null = null;
    try {
      seed = extractArticle(raw, name).seed;
    } catch (e) {
      error = (e as Error).message;
    }
    const score = scoreCorpusArticle(name, seed, gold, error);
    scores.push(score);
    if (!details) continue;
    const q = pool([score.quotes]);
    const m = pool([score.meetings]);
    console.log(
      `${name.padEnd(44)} quotes ${score.quotes.found}/${score.quotes.gold} found, ${score.quotes.correct}/${score.quotes.extracted} right (F1 ${pct(q.f1)})  meetings ${score.meetings.found}/${score.meetings.gold}, ${score.meetings.correct}/${score.meetings.extracted} (F1 ${pct(m.f1)})`,
    );
    if (verbose) for (const miss of score.misses) console.log(`    ${miss}`);
  }
  const quotes = pool(scores.map((s) => s.quotes));
  const meetings = pool(scores.map((s) => s.meetings));
  const withDate = scores.reduce((n, s) => n + s.dates.withDate, 0);
  const right = scores.reduce((n, s) => n + s.dates.right, 0);
  const dateAccuracy = withDate === 0 ? 1 : right / withDate;
  const failed = scores.filter((s) => s.error).length;
  const fmt = (label: string, p: ReturnType<typeof pool>) =>
    `  ${label.padEnd(9)} P ${pct(p.precision)}  R ${pct(p.recall)}  F1 ${pct(p.f1)}   (gold ${p.gold}, found ${p.found}; extracted ${p.extracted}, right ${p.correct})`;
  console.log(
    `\nReal-news corpus, ${split} split (${scores.length} articles${failed ? `, ${failed} failed to extract` : ''}), pooled:`,
  );
  console.log(fmt('quotes', quotes));
  console.log(fmt('meetings', meetings));
  console.log(`  dates     ${right} of ${withDate} meetings found with a gold date (accuracy ${pct(dateAccuracy)})`);
  const sieves = (facts: CorpusScore['facts']['quotes']) =>
    perSieve(facts).map(
      (s) =>
        `    ${s.sieve.padEnd(28)} ${String(s.correct).padStart(3)}/${String(s.facts).padEnd(3)} precision ${pct(s.precision)}`,
    );
  console.log('  per-rule precision, quotes:');
  console.log(sieves(scores.flatMap((s) => s.facts.quotes)).join('\n') || '    (none extracted)');
  console.log('  per-rule precision, meetings:');
  console.log(sieves(scores.flatMap((s) => s.facts.meetings)).join('\n') || '    (none extracted)');
  if (split !== 'dev') return [];
  const misses: string[] = [];
  if (quotes.f1 < CORPUS_FLOORS.quotesF1)
    misses.push(`real-news dev: quote F1 ${pct(quotes.f1)} < ${CORPUS_FLOORS.quotesF1}`);
  if (meetings.f1 < CORPUS_FLOORS.meetingsF1)
    misses.push(`real-news dev: meeting F1 ${pct(meetings.f1)} < ${CORPUS_FLOORS.meetingsF1}`);
  if (dateAccuracy < CORPUS_FLOORS.dateAccuracy)
    misses.push(`real-news dev: date accuracy ${pct(dateAccuracy)} < ${CORPUS_FLOORS.dateAccuracy}`);
  if (failed) misses.push(`real-news dev: ${failed} article(s) failed to extract`);
  return misses;
}

async function main() {
  const split = args.split as Split;
  if (!['dev', 'heldout', 'all'].includes(split)) throw new Error(`--split must be dev, heldout or all, not ${split}`);
  const corpusMisses = args.corpus ? await evaluateCorpus(args.corpus, split) : [];
  if (args.corpus) console.log('');
  const seedArticles = await loadAnnotatedArticles(DEFAULT_SEEDS_DIR, { required: true });
  const evalArticles = await loadAnnotatedArticles(join(DEFAULT_SEEDS_DIR, 'eval'), { required: true });
  const heldoutArticles = await loadAnnotatedArticles(join(DEFAULT_SEEDS_DIR, 'eval', 'heldout'), { required: true });
  const freshArticles = await loadAnnotatedArticles(join(DEFAULT_SEEDS_DIR, 'eval', 'fresh'), { required: true });
  const scores: { name: string; seed: boolean; heldout: boolean; fresh: boolean; score: ArticleScore }[] = [];
  for (const { name, raw, expected, seed, heldout, fresh } of [
    ...seedArticles.map((a) => ({ ...a, seed: true, heldout: false, fresh: false })),
    ...evalArticles.map((a) => ({ ...a, seed: false, heldout: false, fresh: false })),
    ...heldoutArticles.map((a) => ({ ...a, name: `heldout/${a.name}`, seed: false, heldout: true, fresh: false })),
    ...freshArticles.map((a) => ({ ...a, name: `fresh/${a.name}`, seed: false, heldout: false, fresh: true })),
  ]) {
    const predicted = extractArticle(raw, name).graph;
    const score = scoreArticle(predicted, expected);
    scores.push({ name, seed, heldout, fresh, score });
    const q = toScore(score.quotes);
    const m = toScore(score.meetings);
    console.log(
      `${name.padEnd(64)} quotes F1 ${pct(q.f1)}  meetings F1 ${pct(m.f1)}  cleaning ${score.cleaningExact ? 'exact' : 'DIFFERS'}`,
    );
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
  const whole = report(
    'Whole set (seed article + seeds/eval, the articles the rules were tuned on)',
    scores.filter((s) => !s.heldout && !s.fresh),
  );
  const seedOnly = report(
    'Seed article alone',
    scores.filter((s) => s.seed),
  );
  const heldout = scores.filter((s) => s.heldout);
  const heldoutNow = report('Held-out set (tuned on since its first run: informational, not a floor)', heldout);
  const first = HELDOUT_FIRST_RUN;
  console.log(`  first run, before any rule was changed for it (the honest number for unseen news):`);
  console.log(`  ${line('quotes', first.quotes)}`);
  console.log(`  ${line('meetings', first.meetings)}`);
  // Measured again after general fixes for the error categories of the first run's report (the
  // articles' text was never read): informational only, no floor.
  report(
    'fresh (informed by error categories, not by the text)',
    scores.filter((s) => s.fresh),
  );
  console.log(
    `  first run, before the category fixes: quotes P 0.846 R 0.702 F1 0.767; meetings P 1.000 R 0.267 F1 0.421`,
  );

  const generated = generateArticles(1000, 42);
  const started = performance.now();
  const graphs = generated.map((article) => extractArticle(article.raw, article.name).graph);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\nThroughput: ${generated.length} generated articles (clean + extract + validate, in memory) in ${seconds.toFixed(2)} s = ${(generated.length / seconds).toFixed(0)} articles/s`,
  );
  // The templates know their facts, so the synthetic set is a (much easier) sanity check too.
  const synthetic = generated.map((article, i) => {
    const errors: string[] = [];
    const got = graphs[i]!;
    const quotes = compareKeys(
      got.quotes.map((q) => `${q.paragraph}|${q.speaker}|${q.text}`),
      article.expected.quotes.map((q) => `${q.paragraph}|${q.speaker}|${q.text}`),
      errors,
    );
    const meetings = compareKeys(
      got.meetings.map((m) => [...m.participants].sort().join('+')),
      article.expected.meetings.map((m) => m.join('+')),
      errors,
    );
    return { quotes, meetings };
  });
  console.log(`Generated set: ${line('quotes', sum(synthetic.map((s) => s.quotes)))}`);
  console.log(`               ${line('meetings', sum(synthetic.map((s) => s.meetings)))}`);

  const misses: string[] = [...corpusMisses];
  const floored: [string, { quotes: number; meetings: number }][] = [
    ['whole set', whole],
    ['seed article', seedOnly],
  ];
  for (const [label, s] of floored) {
    if (s.quotes < FLOORS.quotes) misses.push(`${label}: quote F1 ${pct(s.quotes)} < ${FLOORS.quotes}`);
    if (s.meetings < FLOORS.meetings) misses.push(`${label}: meeting F1 ${pct(s.meetings)} < ${FLOORS.meetings}`);
  }
  // The held-out set was tuned on after its first run, so it no longer gates: it is reported only.
  const heldoutMet = heldoutNow.quotes >= FLOORS.quotes && heldoutNow.meetings >= FLOORS.meetings;
  console.log(
    `\nHeld-out set: quote F1 ${pct(heldoutNow.quotes)}, meeting F1 ${pct(heldoutNow.meetings)} — ${heldoutMet ? 'at or above' : 'BELOW'} the floors (tuned on; informational, not enforced).`,
  );
  if (misses.length) {
    console.error(`\nFloors missed:\n  ${misses.join('\n  ')}`);
    process.exitCode = 1;
  } else
    console.log(
      `All floors met (quote F1 ≥ ${FLOORS.quotes}, meeting F1 ≥ ${FLOORS.meetings}, whole set and seed article${args.corpus && split === 'dev' ? `; real-news dev quotes F1 ≥ ${CORPUS_FLOORS.quotesF1}, meetings F1 ≥ ${CORPUS_FLOORS.meetingsF1}, dates ≥ ${CORPUS_FLOORS.dateAccuracy}` : ''}).`,
    );
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
