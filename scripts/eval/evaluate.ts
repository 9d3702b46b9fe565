import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSeedFile, type ArticleGraph } from '../../src/model/articleGraph.js';

/** One annotated article: the raw text and the curated facts (validated) for it. */
export interface AnnotatedArticle {
  name: string;
  raw: string;
  expected: ArticleGraph;
}

/**
 * The annotated articles of a folder: every `*.txt` with its `*.json` annotation (sorted by name).
 * A `.txt` without its `.json` is an error, as is a folder with none, when `required` is set.
 */
export async function loadAnnotatedArticles(
  dir: string,
  options: { required?: boolean } = {},
): Promise<AnnotatedArticle[]> {
  const names = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
  if (options.required && names.length === 0) throw new Error(`no annotated articles (*.txt with *.json) in ${dir}`);
  const articles: AnnotatedArticle[] = [];
  for (const name of names) {
    const json = join(dir, name.replace(/\.txt$/, '.json'));
    let gold: string;
    try {
      gold = await readFile(json, 'utf8');
    } catch (error) {
      throw new Error(
        `${join(dir, name)} has no annotation: cannot read ${json} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
    }
    articles.push({
      name,
      raw: await readFile(join(dir, name), 'utf8'),
      expected: parseSeedFile(name, JSON.parse(gold)),
    });
  }
  return articles;
}

export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface Score extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface ArticleScore {
  quotes: Counts;
  speakers: Counts;
  meetings: Counts;
  /** Cleaned paragraphs and captions identical to the annotation. */
  cleaningExact: boolean;
  /** Human-readable misses and extras, for `--verbose`. */
  errors: string[];
}

const normalize = (s: string) =>
  s
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** Multiset comparison: each expected item can be matched once. */
export function compareKeys(predicted: string[], expected: string[], errors: string[] = []): Counts {
  return compare(predicted, expected, 'item', errors);
}

function compare(predicted: string[], expected: string[], label: string, errors: string[]): Counts {
  const pool = new Map<string, number>();
  for (const e of expected) pool.set(e, (pool.get(e) ?? 0) + 1);
  let truePositives = 0;
  for (const p of predicted) {
    const left = pool.get(p) ?? 0;
    if (left > 0) {
      truePositives++;
      pool.set(p, left - 1);
    } else errors.push(`${label} extra:   ${p}`);
  }
  for (const [e, n] of pool) for (let i = 0; i < n; i++) errors.push(`${label} missed:  ${e}`);
  return {
    truePositives,
    falsePositives: predicted.length - truePositives,
    falseNegatives: expected.length - truePositives,
  };
}

/**
 * Scores extracted facts against annotated ones. A quote counts when paragraph, quoted text and
 * speaker all match; "speakers" compares who speaks in which paragraph, whatever the span; a
 * meeting counts when its set of participants matches (each annotated meeting once).
 */
export function scoreArticle(predicted: ArticleGraph, expected: ArticleGraph): ArticleScore {
  const errors: string[] = [];
  const quoteKey = (q: ArticleGraph['quotes'][number]) => `¶${q.paragraph} ${q.speaker}: "${normalize(q.text)}"`;
  const quotes = compare(predicted.quotes.map(quoteKey), expected.quotes.map(quoteKey), 'quote', errors);
  const speakerKey = (q: ArticleGraph['quotes'][number]) => `¶${q.paragraph} ${q.speaker}`;
  const speakers = compare(predicted.quotes.map(speakerKey), expected.quotes.map(speakerKey), 'speaker', []);
  const meetingKey = (m: ArticleGraph['meetings'][number]) => [...m.participants].sort().join(' + ');
  // Calls and planned meetings are not meetings that took place (the API lists them only on request).
  const held = (ms: ArticleGraph['meetings']) => ms.filter((m) => m.kind !== 'CALL' && m.status !== 'PLANNED');
  const meetings = compare(
    held(predicted.meetings).map(meetingKey),
    held(expected.meetings).map(meetingKey),
    'meeting',
    errors,
  );
  const cleaningExact =
    JSON.stringify(predicted.article.paragraphs) === JSON.stringify(expected.article.paragraphs) &&
    JSON.stringify(predicted.article.captions) === JSON.stringify(expected.article.captions);
  if (!cleaningExact) errors.push('cleaning: paragraphs or captions differ from the annotation');
  return { quotes, speakers, meetings, cleaningExact, errors };
}

export function sum(counts: Counts[]): Counts {
  return counts.reduce(
    (a, c) => ({
      truePositives: a.truePositives + c.truePositives,
      falsePositives: a.falsePositives + c.falsePositives,
      falseNegatives: a.falseNegatives + c.falseNegatives,
    }),
    { truePositives: 0, falsePositives: 0, falseNegatives: 0 },
  );
}

export function toScore(c: Counts): Score {
  const precision =
    c.truePositives + c.falsePositives === 0 ? 1 : c.truePositives / (c.truePositives + c.falsePositives);
  const recall = c.truePositives + c.falseNegatives === 0 ? 1 : c.truePositives / (c.truePositives + c.falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}
