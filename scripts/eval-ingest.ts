/**
 * npm run eval:ingest [-- --verbose]
 * Runs the ingestion extractor on the annotated articles (the curated seed article,
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
} from '../src/ingest/evaluate.js';
import { generateArticles } from '../src/tooling/generate.js';
import { DEFAULT_SEEDS_DIR } from '../src/seed/load.js';
import { parseCommand } from '../src/cli.js';

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
const { values: args } = parseCommand({
  command: 'npm run eval:ingest --',
  summary:
    'Scores the ingestion extractor on the annotated articles (precision, recall, F1 for quotes, speakers and meetings)\n' +
    'and measures its throughput; exits 1 when a floor is missed.',
  options: {
    verbose: { type: 'boolean', short: 'v', default: false, description: 'list every miss and false positive' },
  },
});
const verbose = args.verbose;

const pct = (n: number) => n.toFixed(3);
function line(label: string, c: Counts) {
  const s = toScore(c);
  return `${label.padEnd(10)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}   (tp ${s.truePositives}, fp ${s.falsePositives}, fn ${s.falseNegatives})`;
}

async function main() {
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

  const misses: string[] = [];
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
      `All floors met (quote F1 ≥ ${FLOORS.quotes}, meeting F1 ≥ ${FLOORS.meetings}, whole set and seed article).`,
    );
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
