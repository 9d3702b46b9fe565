import { MONTHS, WEEKDAYS } from './lexicon.js';

export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';

/** A date expression found in text and resolved against the publication date. */
export interface DateMention {
  start: number;
  end: number;
  /** YYYY-MM-DD; the first day of the month or year when less precise. */
  day: string;
  precision: DatePrecision;
  /** "since June", "until 2025": a bound of a period, not when something happened. */
  bound?: boolean;
}

/** What earlier text established: "earlier in the day" and "that year" refer back to it. */
export interface DateContext {
  published: string;
  lastDay: string | null;
  lastYear: number | null;
}

export function dateContext(publishedAt: string): DateContext {
  return { published: publishedAt.slice(0, 10), lastDay: null, lastYear: null };
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

function shiftDays(day: string, by: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}

/** Wire-style abbreviations ("Sept. 14", "Jan 5"); May, June and July are not shortened. */
const MONTH_ABBREVIATIONS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
// Full names first; an abbreviation takes its dot ("Sept.") but never a day-less "Mar" or "Dec" alone.
const MONTH_RE = [
  ...MONTHS.map((m) => m[0]!.toUpperCase() + m.slice(1)),
  ...Object.keys(MONTH_ABBREVIATIONS).map((m) => `${m[0]!.toUpperCase()}${m.slice(1)}\\.?(?= ?\\d)`),
].join('|');
const WEEKDAY_RE = WEEKDAYS.map((d) => d[0]!.toUpperCase() + d.slice(1)).join('|');

/** One alternation, tried left to right; named groups say which form matched. */
const DATE_PATTERN = new RegExp(
  [
    `(?<mdy>\\b(?<mdyM>${MONTH_RE})\\.? (?<mdyD>\\d{1,2}),? (?<mdyY>\\d{4})\\b)`,
    `(?<dmy>\\b(?<dmyD>\\d{1,2}) (?<dmyM>${MONTH_RE}),? (?<dmyY>\\d{4})\\b)`,
    `(?<my>\\b(?<myM>${MONTH_RE}),? (?<myY>\\d{4})\\b)`,
    `(?<md>\\b(?<mdM>${MONTH_RE})\\.? (?<mdD>\\d{1,2})(?!\\d|,? \\d{4})(?:st|nd|rd|th)?\\b(?<mdRel> last year| this year)?)`,
    `(?<m>\\b(?:in|since|until|by|during|early|late|mid-|last|next|this|of) (?:early |late )?(?<mM>${MONTH_RE})\\b(?!,? \\d{4}|\\.? \\d{1,2}\\b)(?<mRel> last year| this year| next year)?)`,
    `(?<y>\\b(?:in|since|until|by|during|from|of|early|late|mid-|In|Since|By|During|From) (?<yY>(?:19|20)\\d{2})\\b)`,
    `(?<wd>\\b(?<wdRel>last |next |on |On |this |This )?(?<wdD>${WEEKDAY_RE})\\b)`,
    `(?<rel>\\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]his morning|[Tt]his evening|[Tt]onight)\\b)`,
    `(?<sameDay>\\b(?:[Ee]arlier in the day|[Ll]ater in the day|[Ll]ater that day|[Ee]arlier that day|the same day|that day)\\b)`,
    `(?<thatYear>\\b(?:that year|the same year)\\b)`,
    `(?<relYear>\\b(?:[Ll]ast|[Tt]his|[Nn]ext) (?<relYearUnit>year|month|week)\\b)`,
  ].join('|'),
  'g',
);

const FUTURE = /\b(?:will|is (?:set|scheduled|expected|due) to|are (?:set|scheduled|expected|due) to|plans? to|next)\b/;

function monthNumber(name: string): number {
  const word = name.toLowerCase().replace(/\.$/, '');
  return MONTH_ABBREVIATIONS[word] ?? MONTHS.indexOf(word) + 1;
}

/**
 * Finds date expressions in reading order and resolves each against the publication date: a
 * weekday is the latest such day on or before publication (the next one in a future-tense
 * sentence), a month without a year the latest such month, "that year" the last year named.
 * Updates `context` as it goes.
 */
export function findDates(text: string, context: DateContext): DateMention[] {
  const found: DateMention[] = [];
  const [py, pm] = context.published.split('-').map(Number) as [number, number, number];
  for (const m of text.matchAll(DATE_PATTERN)) {
    const g = m.groups!;
    const start = m.index;
    const future = FUTURE.test(text.slice(Math.max(0, start - 60), start));
    let mention: DateMention | null = null;
    const at = (day: string, precision: DatePrecision) => ({ start, end: start + m[0].length, day, precision });
    if (g.mdy) mention = at(iso(+g.mdyY!, monthNumber(g.mdyM!), +g.mdyD!), 'DAY');
    else if (g.dmy) mention = at(iso(+g.dmyY!, monthNumber(g.dmyM!), +g.dmyD!), 'DAY');
    else if (g.my) mention = at(iso(+g.myY!, monthNumber(g.myM!), 1), 'MONTH');
    else if (g.md) {
      const month = monthNumber(g.mdM!);
      const candidate = iso(py, month, +g.mdD!);
      let year = py;
      if (g.mdRel?.includes('last')) year = py - 1;
      else if (!g.mdRel && !future && candidate > context.published) year = py - 1;
      mention = at(iso(year, month, +g.mdD!), 'DAY');
    } else if (g.m) {
      const month = monthNumber(g.mM!);
      let year = py;
      if (g.mRel?.includes('last')) year = py - 1;
      else if (g.mRel?.includes('next')) year = py + 1;
      else if (!g.mRel && !future && month > pm) year = py - 1;
      mention = at(iso(year, month, 1), 'MONTH');
    } else if (g.y) mention = at(iso(+g.yY!, 1, 1), 'YEAR');
    else if (g.wd) {
      const target = WEEKDAYS.indexOf(g.wdD!.toLowerCase());
      const pubDow = new Date(`${context.published}T00:00:00Z`).getUTCDay();
      const rel = g.wdRel?.trim().toLowerCase();
      if (rel === 'next' || (future && rel !== 'last'))
        mention = at(shiftDays(context.published, (target - pubDow + 7) % 7 || 7), 'DAY');
      else mention = at(shiftDays(context.published, -((pubDow - target + 7) % 7)), 'DAY');
    } else if (g.rel) {
      const word = g.rel.toLowerCase();
      mention = at(shiftDays(context.published, word === 'yesterday' ? -1 : word === 'tomorrow' ? 1 : 0), 'DAY');
    } else if (g.sameDay) mention = at(context.lastDay ?? context.published, 'DAY');
    else if (g.thatYear) mention = context.lastYear ? at(iso(context.lastYear, 1, 1), 'YEAR') : null;
    else if (g.relYear) {
      const shift = /^last/i.test(m[0]) ? -1 : /^next/i.test(m[0]) ? 1 : 0;
      if (g.relYearUnit === 'year') mention = at(iso(py + shift, 1, 1), 'YEAR');
      else if (g.relYearUnit === 'week') {
        // There is no week precision: "last week" is the month of that week's Monday (publication
        // date minus 7 days, back to Monday), at MONTH precision, so it never claims a day.
        const pubDow = (new Date(`${context.published}T00:00:00Z`).getUTCDay() + 6) % 7;
        const monday = shiftDays(context.published, 7 * shift - pubDow);
        mention = at(`${monday.slice(0, 7)}-01`, 'MONTH');
      } else {
        const d = new Date(Date.UTC(py, pm - 1 + shift, 1));
        mention = at(d.toISOString().slice(0, 10), 'MONTH');
      }
    }
    if (!mention) continue;
    if (
      /^(?:[Ss]ince|[Uu]ntil|[Bb]y)\b/.test(m[0]) ||
      /\b(?:since|until|till|by|from)\s+$/i.test(text.slice(Math.max(0, start - 7), start))
    )
      mention.bound = true;
    found.push(mention);
    if (mention.precision === 'DAY') context.lastDay = mention.day;
    context.lastYear = Number(mention.day.slice(0, 4));
  }
  return found;
}
