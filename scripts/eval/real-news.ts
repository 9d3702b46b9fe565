/**
 * Scoring on the real-news corpus (../shared/real-news): its gold.json and the scoring rules of its
 * README, implemented exactly so figures compare across runs and people. The texts stay in
 * ../shared; nothing of them is copied here.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SeedFile } from '../../src/model/articleGraph.js';

export interface GoldQuote {
  speaker: string;
  text: string;
}
export interface GoldMeeting {
  participants: string[];
  date: string | null;
  optional?: boolean;
}
export interface GoldArticle {
  quotes: GoldQuote[];
  ignore: string[];
  meetings: GoldMeeting[];
  not_meetings: { participants: string[] }[];
}

export interface CorpusArticle {
  name: string;
  raw: string;
  gold: GoldArticle;
}

/** The held-out split's file names (decided before anyone looked; see heldout.json). */
export async function heldOutNames(): Promise<Set<string>> {
  const list = JSON.parse(await readFile(new URL('./heldout.json', import.meta.url), 'utf8')) as { files: string[] };
  return new Set(list.files);
}

export type Split = 'dev' | 'heldout' | 'all';

/**
 * The corpus articles of one split. A missing folder, a missing gold.json or a gold entry without
 * its text is an error: the corpus is required wherever this runs.
 */
export async function loadCorpus(dir: string, split: Split): Promise<CorpusArticle[]> {
  const gold = JSON.parse(await readFile(join(dir, 'gold.json'), 'utf8')) as {
    articles: Record<string, Partial<GoldArticle>>;
  };
  const heldOut = await heldOutNames();
  for (const name of heldOut)
    if (!(name in gold.articles)) throw new Error(`held-out file ${name} is not in ${join(dir, 'gold.json')}`);
  const names = Object.keys(gold.articles)
    .filter((n) => split === 'all' || (split === 'heldout') === heldOut.has(n))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const articles: CorpusArticle[] = [];
  for (const name of names) {
    const g = gold.articles[name]!;
    articles.push({
      name,
      raw: await readFile(join(dir, 'articles', name), 'utf8'),
      gold: {
        quotes: g.quotes ?? [],
        ignore: g.ignore ?? [],
        meetings: g.meetings ?? [],
        not_meetings: g.not_meetings ?? [],
      },
    });
  }
  if (articles.length === 0) throw new Error(`no articles of the ${split} split in ${dir}`);
  return articles;
}

/** Lowercased, accents and punctuation removed, spaces squeezed (the corpus README's name rule). */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Equal when normalized, or when one has at least two words that are all among the other's. */
export function namesMatch(a: string, b: string): boolean {
  const x = normalizeName(a);
  const y = normalizeName(b);
  if (x === y) return true;
  const xs = x.split(' ');
  const ys = y.split(' ');
  const subset = (small: string[], big: string[]) => small.length >= 2 && small.every((w) => big.includes(w));
  return subset(xs, ys) || subset(ys, xs);
}

/** Quote text as compared: quotation marks and dashes unified, spaces squeezed, lowercased. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u201C\u201D\u201E\u00AB\u00BB]/g, '"')
    .replace(/[\u2018\u2019\u201A]/g, "'")
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

const contains = (a: string, b: string) => a.includes(b) || b.includes(a);
/** One text contains the other, and the shorter is more than 8 characters. */
function textsMatch(a: string, b: string): boolean {
  const x = normalizeText(a);
  const y = normalizeText(b);
  return Math.min(x.length, y.length) > 8 && contains(x, y);
}

/** An extracted fact as scored, with the sieve that produced it. */
export interface ScoredFact {
  sieve: string;
  confidence: number | null;
  correct: boolean;
  label: string;
}

export interface CorpusScore {
  name: string;
  quotes: { gold: number; found: number; extracted: number; correct: number };
  meetings: { gold: number; found: number; extracted: number; correct: number };
  dates: { withDate: number; right: number };
  facts: { quotes: ScoredFact[]; meetings: ScoredFact[] };
  /** Per-article details, for --verbose on the dev split only. */
  misses: string[];
  error: string | null;
}

/** Fields the extractor may add to a stored fact; read loosely so either side can grow them. */
type WithSieve = { sieve?: string; confidence?: number; status?: string };

const short = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function formatDate(date: string, precision: string | undefined): string {
  if (precision === 'YEAR') return date.slice(0, 4);
  if (precision === 'MONTH') return date.slice(0, 7);
  return date;
}

/** Scores one article's extracted seed file against its gold entry (corpus README rules). */
export function scoreCorpusArticle(
  name: string,
  seed: SeedFile | null,
  gold: GoldArticle,
  error: string | null = null,
): CorpusScore {
  const misses: string[] = [];
  const personName = new Map((seed?.persons ?? []).map((p) => [p.slug, p.name]));
  const speakerOf = (slug: string) => personName.get(slug) ?? slug;

  // Quotes: ignored snippets out first, then containment with a matching speaker.
  const extracted = (seed?.quotes ?? []).filter(
    (q) => !gold.ignore.some((s) => contains(normalizeText(q.text), normalizeText(s))),
  );
  const quoteFacts: ScoredFact[] = extracted.map((q) => {
    const speaker = speakerOf(q.speaker);
    const correct = gold.quotes.some((g) => namesMatch(g.speaker, speaker) && textsMatch(g.text, q.text));
    const w = q as WithSieve;
    return {
      sieve: w.sieve ?? 'unattributed',
      confidence: w.confidence ?? null,
      correct,
      label: `${speaker}: "${short(q.text)}"`,
    };
  });
  let quotesFound = 0;
  for (const g of gold.quotes) {
    const hit = extracted.some((q) => namesMatch(g.speaker, speakerOf(q.speaker)) && textsMatch(g.text, q.text));
    if (hit) quotesFound++;
    else misses.push(`quote missed:   ${g.speaker}: "${short(g.text)}"`);
  }
  for (const f of quoteFacts) if (!f.correct) misses.push(`quote extra:    [${f.sieve}] ${f.label}`);

  // Meetings: only what the extractor says happened; a planned meeting is not a meeting.
  const happened = (seed?.meetings ?? []).filter((m) => (m as WithSieve).status !== 'PLANNED');
  const names = (m: (typeof happened)[number]) => m.participants.map(speakerOf);
  const covers = (m: (typeof happened)[number], g: GoldMeeting) =>
    g.participants.every((p) => names(m).some((n) => namesMatch(p, n)));
  const required = gold.meetings.filter((g) => !g.optional);
  const meetingFacts: ScoredFact[] = happened.map((m) => {
    const w = m as WithSieve;
    return {
      sieve: w.sieve ?? 'unattributed',
      confidence: w.confidence ?? null,
      correct: gold.meetings.some((g) => covers(m, g)),
      label: `${names(m).join(' + ')} (${m.date})`,
    };
  });
  let meetingsFound = 0;
  const dates = { withDate: 0, right: 0 };
  for (const g of required) {
    const matches = happened.filter((m) => covers(m, g));
    if (matches.length === 0) {
      misses.push(`meeting missed: ${g.participants.join(' + ')} (${g.date ?? 'no date'})`);
      continue;
    }
    meetingsFound++;
    if (g.date) {
      dates.withDate++;
      const got = matches.map((m) => formatDate(m.date, m.datePrecision));
      if (got.some((d) => d.startsWith(g.date!))) dates.right++;
      else misses.push(`date wrong:     ${g.participants.join(' + ')}: gold ${g.date}, extracted ${got.join(', ')}`);
    }
  }
  for (const f of meetingFacts) if (!f.correct) misses.push(`meeting extra:  [${f.sieve}] ${f.label}`);
  if (error) misses.unshift(`extraction failed: ${error}`);

  return {
    name,
    quotes: {
      gold: gold.quotes.length,
      found: quotesFound,
      extracted: quoteFacts.length,
      correct: quoteFacts.filter((f) => f.correct).length,
    },
    meetings: {
      gold: required.length,
      found: meetingsFound,
      extracted: meetingFacts.length,
      correct: meetingFacts.filter((f) => f.correct).length,
    },
    dates,
    facts: { quotes: quoteFacts, meetings: meetingFacts },
    misses,
    error,
  };
}

export interface PooledScore {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  found: number;
  extracted: number;
  correct: number;
}

/** Micro precision/recall/F1 over articles. An empty side scores 1 (nothing to miss or get wrong). */
export function pool(parts: { gold: number; found: number; extracted: number; correct: number }[]): PooledScore {
  const t = parts.reduce(
    (a, p) => ({
      gold: a.gold + p.gold,
      found: a.found + p.found,
      extracted: a.extracted + p.extracted,
      correct: a.correct + p.correct,
    }),
    { gold: 0, found: 0, extracted: 0, correct: 0 },
  );
  const precision = t.extracted === 0 ? 1 : t.correct / t.extracted;
  const recall = t.gold === 0 ? 1 : t.found / t.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...t, precision, recall, f1 };
}

/** How many of each sieve's facts were right, pooled. */
export function perSieve(facts: ScoredFact[]): { sieve: string; facts: number; correct: number; precision: number }[] {
  const by = new Map<string, { facts: number; correct: number }>();
  for (const f of facts) {
    const s = by.get(f.sieve) ?? { facts: 0, correct: 0 };
    s.facts++;
    if (f.correct) s.correct++;
    by.set(f.sieve, s);
  }
  return [...by]
    .map(([sieve, s]) => ({ sieve, ...s, precision: s.correct / s.facts }))
    .sort((a, b) => b.facts - a.facts || a.sieve.localeCompare(b.sieve));
}
