/**
 * npm run eval:nlp -- --corpus ../shared/real-news [--repeat 5]
 * Issue #10: does a packaged NLP library (compromise 14, wink-nlp with wink-eng-lite-web-model)
 * find people or sentences better than our rule-based analysis? On the real-news DEV split only
 * (the held-out five of eval/heldout.json are never opened), side by side in one run:
 *  (a) gold person names (quote speakers and meeting participants, the corpus name rule) recalled
 *      by our analysis (analyzeArticle's persons), compromise's .people(), and runs of wink's
 *      PROPN tags;
 *  (b) sentence boundaries of each library against ours on the cleaned paragraphs and captions;
 *  (c) milliseconds per article for each (after a warm-up pass; load time apart).
 * Everything runs in-process from npm packages: nothing is downloaded, no sidecar. Prints counts
 * and names only of what was measured; the corpus text itself is never printed (--verbose lists
 * the missed gold names, which gold.json holds anyway).
 */
import { type CleanArticle, cleanArticle } from '../../src/ingest/clean.js';
import { analyzeArticle } from '../../src/ingest/entities.js';
import { insideAny } from '../../src/ingest/text.js';
import { numberOption, parseCommand, reportFailure, requirePath, usageError } from '../../src/cli.js';
import { loadCorpus } from './real-news.js';
import { compareSentences, distinctNames, goldPersonNames, properNounRuns, recallNames } from './nlp-compare.js';

const SPEC = {
  command: 'npm run eval:nlp --',
  summary:
    'Compares compromise and wink-nlp with our analysis on the real-news dev split: gold person names recalled,\n' +
    'sentence boundaries, time per article. Development only; the service does not use either library.',
  options: {
    corpus: {
      type: 'string',
      value: '<dir>',
      description: 'the real-news corpus directory (e.g. ../shared/real-news)',
    },
    repeat: { type: 'string', default: '5', value: '<n>', description: 'timed passes over the split after a warm-up' },
    verbose: { type: 'boolean', short: 'v', default: false, description: 'list the missed gold names per article' },
  },
} as const;
const { values: args } = parseCommand(SPEC);
if (!args.corpus) usageError(SPEC, '--corpus is required');
const corpus = requirePath(args.corpus, 'corpus directory');
const repeat = numberOption(SPEC, 'repeat', args.repeat, { positive: true, integer: true });

interface Segmenter {
  name: string;
  /** How it finds people, for the names line. */
  how: string;
  /** Person names found in the article's units. */
  people(units: string[]): string[];
  /** Sentences of one unit, as strings in reading order. */
  sentences(unit: string): string[];
}

async function loadLibraries(): Promise<{ libs: Segmenter[]; loadMs: Record<string, number> }> {
  const loadMs: Record<string, number> = {};
  let t = performance.now();
  const { default: nlp } = await import('compromise');
  loadMs.compromise = performance.now() - t;
  t = performance.now();
  const { default: winkNLP } = await import('wink-nlp');
  const { default: model } = await import('wink-eng-lite-web-model');
  const wink = winkNLP(model);
  loadMs.wink = performance.now() - t;
  const its = wink.its;
  const compromise: Segmenter = {
    name: 'compromise 14.17.0',
    how: '.people()',
    people: (units) => units.flatMap((u) => nlp(u).people().out('array') as string[]),
    sentences: (unit) => nlp(unit).sentences().out('array') as string[],
  };
  const winkLib: Segmenter = {
    name: 'wink-nlp 2.4.0 + lite model',
    how: 'runs of PROPN tags',
    people: (units) =>
      units.flatMap((u) => {
        const doc = wink.readDoc(u);
        const text = doc.tokens().out();
        const tags = doc.tokens().out(its.pos) as string[];
        const spaces = doc.tokens().out(its.precedingSpaces) as string[];
        return properNounRuns(text.map((t, i) => ({ text: t, tag: tags[i]!, spaceBefore: spaces[i]! })));
      }),
    sentences: (unit) => wink.readDoc(unit).sentences().out(),
  };
  return { libs: [compromise, winkLib], loadMs };
}

/** What each side needs for (a) and (b) on one article: its names and each unit's sentences. */
function runOurs(clean: CleanArticle) {
  const analysis = analyzeArticle(clean);
  const people = [...analysis.persons.values()].filter((p) => !p.staffRole).map((p) => p.name);
  const sentences = analysis.units.map((u) => u.sentences.map((s) => u.text.slice(s.start, s.end)));
  return { units: analysis.units.map((u) => u.text), quotes: analysis.units.map((u) => u.quotes), people, sentences };
}

function runLibrary(lib: Segmenter, units: string[]) {
  return { people: lib.people(units), sentences: units.map((u) => lib.sentences(u)) };
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
const ms = (n: number) => n.toFixed(1);

async function main() {
  const articles = await loadCorpus(corpus, 'dev');
  const { libs, loadMs } = await loadLibraries();
  const sides = ['ours', ...libs.map((l) => l.name)];
  const methods = ['analyzeArticle persons', ...libs.map((l) => l.how)];

  // (a) and (b): one pass, scored.
  const recall = sides.map(() => ({ recalled: 0, found: 0 }));
  let goldTotal = 0;
  const agreement = libs.map(() => ({
    units: 0,
    same: 0,
    onlyOurs: 0,
    onlyLib: 0,
    onlyLibInQuote: 0,
    unlocated: 0,
    unitsDiffering: 0,
  }));
  let ourBoundaries = 0;
  console.log(`gold names recalled per article: ${sides.join(' | ')}`);
  for (const { name, raw, gold } of articles) {
    const gp = goldPersonNames(gold);
    goldTotal += gp.length;
    const ours = runOurs(cleanArticle(raw));
    const results = [ours, ...libs.map((l) => runLibrary(l, ours.units))];
    const cells: string[] = [];
    results.forEach((r, i) => {
      const found = distinctNames(r.people);
      const { recalled, missed } = recallNames(gp, found);
      recall[i]!.recalled += recalled.length;
      recall[i]!.found += found.length;
      cells.push(`${recalled.length}/${gp.length}`);
      if (args.verbose && missed.length) cells.push(`(missed: ${missed.join(', ')})`);
    });
    ours.units.forEach((text, u) => {
      ourBoundaries += Math.max(0, ours.sentences[u]!.length - 1);
      libs.forEach((_, l) => {
        const a = agreement[l]!;
        a.units++;
        const c = compareSentences(text, ours.sentences[u]!, results[l + 1]!.sentences[u]!);
        if (!c) {
          a.unlocated++;
          return;
        }
        if (c.same) a.same++;
        else a.unitsDiffering++;
        a.onlyOurs += c.onlyFirst.length;
        a.onlyLib += c.onlySecond.length;
        // Ours never cuts inside a quotation (a quote is attributed whole); count those apart.
        a.onlyLibInQuote += c.onlySecond.filter((end) => insideAny(end - 1, ours.quotes[u]!)).length;
      });
    });
    console.log(`  ${pad(name, 42)} ${cells.join('  ')}`);
  }

  // (c): time per article, after a warm-up pass, over `repeat` passes.
  // Cleaning is shared input, so it is left out of every side's time.
  const texts = articles.map((a) => {
    const clean = cleanArticle(a.raw);
    return { clean, units: runOurs(clean).units };
  });
  const timeSide = (run: (t: (typeof texts)[number]) => unknown) => {
    for (const t of texts) run(t); // warm-up
    const started = performance.now();
    for (let r = 0; r < repeat; r++) for (const t of texts) run(t);
    return (performance.now() - started) / (repeat * texts.length);
  };
  const perArticle = [timeSide((t) => runOurs(t.clean)), ...libs.map((l) => timeSide((t) => runLibrary(l, t.units)))];

  console.log(`\nReal-news dev split, ${articles.length} articles (held-out five not opened):`);
  console.log(`(a) gold person names (quote speakers + meeting participants), ${goldTotal} in all:`);
  for (const [i, s] of sides.entries())
    console.log(
      `    ${pad(s, 28)} ${pad(methods[i]!, 24)} recalled ${pad(`${recall[i]!.recalled}/${goldTotal}`, 6)} (${recall[i]!.found} distinct names output)`,
    );
  const units = agreement[0]?.units ?? 0;
  console.log('    (gold lists only speakers and participants, so names output are not scored for precision)');
  console.log(
    `(b) sentence boundaries on ${units} cleaned paragraphs and captions (ours: ${ourBoundaries} boundaries):`,
  );
  libs.forEach((l, i) => {
    const a = agreement[i]!;
    console.log(
      `    ${pad(l.name, 28)} same as ours in ${a.same}/${a.units}; differ in ${a.unitsDiffering} (boundaries only ours ${a.onlyOurs}; only the library's ${a.onlyLib}, ${a.onlyLibInQuote} of them inside a quotation, where ours never cuts)${a.unlocated ? `; ${a.unlocated} not comparable (text rewritten)` : ''}`,
    );
  });
  console.log(`(c) time per article (names + sentences), mean of ${repeat} passes after a warm-up:`);
  for (const [i, s] of sides.entries()) console.log(`    ${pad(s, 28)} ${ms(perArticle[i]!)} ms`);
  console.log(
    `    load: compromise import ${ms(loadMs.compromise ?? 0)} ms, wink-nlp + model ${ms(loadMs.wink ?? 0)} ms (once per process)`,
  );
}

await main().catch((error: unknown) => {
  reportFailure(error);
  process.exitCode = 1;
});
