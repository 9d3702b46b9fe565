/** Small text helpers shared by the cleaner and the extractor. */

/** "Sung Kim" → "sung-kim", "Cem Özdemir" → "cem-ozdemir"; the seed files' slug rule. */
export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ldquo: '\u201C',
  rdquo: '\u201D',
  lsquo: '\u2018',
  rsquo: '\u2019',
  mdash: '\u2014',
  ndash: '\u2013',
  hellip: '\u2026',
  copy: '\u00A9',
  reg: '\u00AE',
  middot: '\u00B7',
  bull: '\u2022',
  laquo: '\u00AB',
  raquo: '\u00BB',
  times: '\u00D7',
  eacute: '\u00E9',
  ouml: '\u00F6',
  uuml: '\u00FC',
  auml: '\u00E4',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

/** Removes HTML tags; block-level tags become line breaks so scraped `<p>` paragraphs stay apart. */
export function stripHtml(text: string): string {
  return text
    .replace(/<\s*(?:br|\/p|p|\/div|div|\/li|li|\/h\d|h\d|\/figcaption|figcaption)\b[^>]*>/gi, '\n')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/?[a-z][a-z0-9]*\b[^<>]*>/gi, '');
}

/** Collapses runs of spaces (including no-break spaces) and trims. */
export function squeeze(text: string): string {
  return text.replace(/[\s\u00A0\u2009\u200B]+/g, ' ').trim();
}

export const OPEN_QUOTES = new Set(['"', '\u201C']);
export const CLOSE_QUOTES = new Set(['"', '\u201D']);

export interface Span {
  start: number;
  end: number;
}

/** A double-quoted stretch of a paragraph. `closed` is false when the paragraph ends inside it. */
export interface QuotedSpan {
  open: number;
  /** Index of the closing mark, or the text length when unclosed. */
  close: number;
  closed: boolean;
}

/**
 * Pairs straight and curly double quotes. A straight quote opens when it follows a space or the
 * start and closes otherwise. Single quotes are paired afterwards, outside double-quoted stretches
 * only (inside one they nest): see singleQuotedSpans.
 */
export function findQuotedSpans(text: string): QuotedSpan[] {
  const spans: QuotedSpan[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\u201C') {
      if (open === -1) open = i;
    } else if (ch === '\u201D') {
      if (open !== -1) {
        spans.push({ open, close: i, closed: true });
        open = -1;
      }
    } else if (ch === '"') {
      const before = i === 0 ? ' ' : text[i - 1]!;
      if (open === -1 && /[\s([\u2014\u2013:-]/.test(before)) open = i;
      else if (open !== -1) {
        spans.push({ open, close: i, closed: true });
        open = -1;
      } else if (open === -1) open = i;
    }
  }
  if (open !== -1) spans.push({ open, close: text.length, closed: false });
  const singles = singleQuotedSpans(text).filter(
    (s) => !spans.some((d) => s.open < d.close + 1 && d.open < s.close + 1),
  );
  return [...spans, ...singles].sort((a, b) => a.open - b.open);
}

const LETTER = /[\p{L}\p{N}]/u;

/**
 * Single-quoted stretches: ‘…’ or '…'. An opening mark follows a space, a bracket, a dash or the
 * start and comes before a letter; a closing mark follows a letter or punctuation and is followed
 * by a space, punctuation or the end. A mark between two letters ("didn’t", "O’Brien") is an
 * apostrophe and never opens or closes; a quote that never closes in its paragraph is no quote.
 */
export function singleQuotedSpans(text: string): QuotedSpan[] {
  const spans: QuotedSpan[] = [];
  let open = -1;
  let openMark = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== "'" && ch !== '\u2018' && ch !== '\u2019') continue;
    const before = i === 0 ? ' ' : text[i - 1]!;
    const after = i + 1 < text.length ? text[i + 1]! : ' ';
    if (LETTER.test(before) && LETTER.test(after)) continue; // an apostrophe inside a word
    const opens = /[\s([\u2014\u2013:"\u201C-]/.test(before) && (LETTER.test(after) || after === '.');
    const closes = !/\s/.test(before) && (/[\s.,;:!?)\u2014\u2013"\u201D]/.test(after) || i + 1 === text.length);
    if (open === -1) {
      if (opens && ch !== '\u2019') {
        open = i;
        openMark = ch;
      }
    } else if (closes && (openMark === "'" ? ch === "'" : ch === '\u2019')) {
      spans.push({ open, close: i, closed: true });
      open = -1;
    }
  }
  return spans;
}

/** Copy of `text` with quoted stretches (marks included) blanked out, same length. */
export function maskQuotes(text: string, spans: QuotedSpan[]): string {
  let masked = text;
  for (const s of spans) {
    const end = Math.min(text.length, s.close + 1);
    masked = masked.slice(0, s.open) + '\u2591'.repeat(end - s.open) + masked.slice(end);
  }
  return masked;
}

export function insideAny(pos: number, spans: QuotedSpan[]): boolean {
  return spans.some((s) => pos >= s.open && pos <= s.close);
}

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'rep',
  'sen',
  'gov',
  'gen',
  'lt',
  'col',
  'st',
  'jr',
  'sr',
  'inc',
  'co',
  'corp',
  'ltd',
  'no',
  'vs',
  'prof',
  'sgt',
  'capt',
  'maj',
  'brig',
  'adm',
  'cmdr',
  'cdr',
  'gens',
  'supt',
  'insp',
  'amb',
  'atty',
  'hon',
  'rev',
  'fr',
  'messrs',
]);

/** True when the period at `dot` ends an abbreviation ("U.S.", "Mr.", "S. Korea") rather than a sentence. */
export function isAbbreviationDot(text: string, dot: number): boolean {
  const before = text.slice(Math.max(0, dot - 12), dot);
  const word = /([A-Za-z.]+)$/.exec(before)?.[1] ?? '';
  if (/^(?:[A-Z]\.)*[A-Z]$/.test(word)) return true;
  // "on Sept. 14": a month abbreviation followed by a day number.
  if (/^(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)$/.test(word) && /^\s\d/.test(text.slice(dot + 1, dot + 3)))
    return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

/**
 * Sentence spans of a paragraph. Periods inside quotes do not end sentences, but a quote that ends
 * with sentence punctuation and is followed by a capital does.
 */
export function sentenceSpans(text: string, quotes: QuotedSpan[]): Span[] {
  const masked = maskQuotes(text, quotes);
  const cuts: number[] = [];
  for (let i = 0; i < masked.length; i++) {
    const ch = masked[i]!;
    if ((ch === '.' || ch === '!' || ch === '?') && /^\s+["\u201C\p{Lu}\d]/u.test(text.slice(i + 1, i + 4))) {
      if (ch === '.' && isAbbreviationDot(text, i)) continue;
      cuts.push(i + 1);
    }
  }
  for (const q of quotes) {
    if (
      q.closed &&
      /[.!?]\s*$/.test(text.slice(q.open + 1, q.close)) &&
      /^\s+["\u201C\p{Lu}]/u.test(text.slice(q.close + 1, q.close + 4))
    ) {
      cuts.push(q.close + 1);
    }
  }
  cuts.sort((a, b) => a - b);
  const spans: Span[] = [];
  let start = 0;
  for (const cut of cuts) {
    if (cut > start) spans.push({ start, end: cut });
    start = cut;
  }
  if (start < text.length) spans.push({ start, end: text.length });
  return spans;
}
