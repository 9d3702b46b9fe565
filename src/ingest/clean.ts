import { MEDIA_NAMES } from './lexicon.js';
import { decodeEntities, squeeze, stripHtml } from './text.js';

/** Why a raw file cannot be ingested; reported per file, never half-written. */
export class IngestInputError extends Error {
  override name = 'IngestInputError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface CleanArticle {
  title: string;
  /** ISO timestamp; a timestamp without a zone is read as UTC, like the curated seed. */
  publishedAt: string;
  subtitle: string | null;
  byline: string | null;
  paragraphs: string[];
  captions: { text: string; credit: string | null }[];
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const LATIN = /[A-Za-z]/;

/** Rejects empty and binary input before anything is parsed. */
export function decodeRaw(raw: string | Uint8Array): string {
  let text: string;
  if (typeof raw === 'string') text = raw;
  else {
    if (raw.includes(0)) throw new IngestInputError('binary data (NUL bytes)');
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch {
      throw new IngestInputError('binary data (not valid UTF-8 text)');
    }
  }
  text = text.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new IngestInputError('empty file');
  const controls = (text.match(/[\u0000-\u0008\u000E-\u001F\uFFFD]/g) ?? []).length;
  if (controls > 0 && controls / text.length > 0.01) throw new IngestInputError('binary data (control characters)');
  return text;
}

/**
 * Reads a publication timestamp: "2024-05-21 03:36:45", ISO 8601 with or without a zone,
 * "2024.05.21 03:36", "May 21, 2024", optionally after a label such as "Updated :".
 */
export function parseTimestamp(line: string): string | null {
  const text = line.replace(/^(?:posted|updated|published|date|입력|수정)\s*:?\s*/i, '').trim();
  let m =
    /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|UTC|GMT|KST|[+-]\d{2}:?\d{2})?$/i.exec(
      text,
    );
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
    const offset =
      !zone || /^(z|utc|gmt)$/i.test(zone)
        ? '+00:00'
        : /^kst$/i.test(zone)
          ? '+09:00'
          : zone.includes(':')
            ? zone
            : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    return toIso(+y!, +mo!, +d!, +h, +mi, +s, offset);
  }
  m = /^(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2})\s*(am|pm)?)?$/i.exec(
    text,
  );
  if (m) {
    const month = monthIndex(m[1]!);
    if (month === null) return null;
    let hour = m[4] ? +m[4] : 0;
    if (m[6]?.toLowerCase() === 'pm' && hour < 12) hour += 12;
    return toIso(+m[3]!, month + 1, +m[2]!, hour, m[5] ? +m[5] : 0, 0, '+00:00');
  }
  return null;
}

function monthIndex(name: string): number | null {
  const i = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(
    name.slice(0, 3).toLowerCase(),
  );
  return i === -1 ? null : i;
}

function toIso(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: string): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59 || y < 1900 || y > 2200) return null;
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCDate() !== d) return null;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const iso = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset === '+00:00' ? 'Z' : offset}`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

const CREDIT_PATTERNS: RegExp[] = [
  // "Korea Times photo by Wang Tae-seok", "Photo by Jane Doe"
  // A word ending in a full stop ("Wednesday.") ends the caption sentence; only initials ("U.S.") may.
  /\s((?:(?:(?:\p{Lu}\.)+|[\p{Lu}][\p{L}&-]*(?:\.[\p{L}]+)*)\s){0,4}(?:[Pp]hotos?|[Ff]ile photo)\s(?:by|courtesy of)\s[\p{Lu}][\p{L}'’.-]*(?:\s[\p{Lu}][\p{L}'’.-]*){0,3})$/u,
  // "Courtesy of Hanseong Semiconductor", "[Photo courtesy of X]"
  /\s(\[?(?:[Pp]hoto\s)?[Cc]ourtesy of\s[^.]{2,60}?\]?)$/u,
];

/** A credit word: a news agency or photo service ("Yonhap", "AP-Yonhap", "EPA/Pool"), or "photo" after one. */
const isAgency = (w: string) => w.split('-').every((part) => MEDIA_NAMES.has(part));

/** Splits a caption's trailing credit ("… Tuesday. Yonhap") off; null when the line has no credit. */
export function splitCredit(line: string): { text: string; credit: string } | null {
  if (/[.!?"”]$/.test(line)) return null;
  for (const pattern of CREDIT_PATTERNS) {
    const m = pattern.exec(line);
    if (m && m.index > 10) {
      const text = line.slice(0, m.index);
      return { text: text.trim(), credit: m[1]!.replace(/^\[|\]$/g, '').trim() };
    }
  }
  const last = /\.\s+(\S+(?:\s\S+)?)$/.exec(line);
  const lastWords = last ? last[1]!.split(/[\s/]+/) : [];
  if (last && isAgency(lastWords[0]!) && lastWords.every((w) => isAgency(w) || /^photos?$/i.test(w))) {
    return { text: line.slice(0, last.index + 1).trim(), credit: last[1]! };
  }
  // A sentence followed by a few capitalized words and no full stop: "… Monday. Joint Press Corps".
  const tail = /\.\s+((?:[\p{Lu}][\p{L}&'’-]*\s?){1,4})$/u.exec(line);
  if (tail && line.slice(0, tail.index).split(' ').length >= 6)
    return { text: line.slice(0, tail.index + 1).trim(), credit: tail[1]!.trim() };
  return null;
}

const FOOTER_PATTERNS: RegExp[] = [
  /^(?:copyright|©|ⓒ|\(c\))/i,
  /all rights reserved|unauthori[sz]ed reproduction|reproduction prohibited/i,
  /^(?:related(?: articles| stories| news)?|read more|more from|see also|recommended|most read|top stories)\b/i,
  /^(?:e-?mail|contact|send feedback|follow us|subscribe)\b/i,
  /^\(?(?:reporting|editing|writing|additional reporting|compiled) by\b/i,
  /^\S+@\S+\.\w+$/,
];

function isFooter(line: string): boolean {
  if (CJK.test(line) && !LATIN.test(line.replace(/[\p{P}\s]/gu, '').replace(CJK, ''))) {
    if (!LATIN.test(line)) return true;
  }
  if (/^\(.*\)$/.test(line) && (CJK.test(line) || /\bby\b/i.test(line))) return true;
  return FOOTER_PATTERNS.some((p) => p.test(line));
}

const BYLINE = /^By\s+([\p{Lu}][\p{L}'’.-]*(?:\s+(?:[\p{Lu}][\p{L}'’.-]*|and|&))*)(?:\s*[,|/–-]\s*.*)?$/u;

export function parseByline(line: string): string | null {
  const m = BYLINE.exec(line);
  if (!m || line.split(/\s+/).length > 12) return null;
  return m[1]!.trim();
}

/**
 * Turns a scraped article into its clean parts: title (first line), publication time (second
 * line), captions with their credits (each once, wherever they were repeated), the subtitle and
 * byline before the body, and the body paragraphs without trailing footers.
 */
export function cleanArticle(raw: string | Uint8Array): CleanArticle {
  const text = decodeRaw(raw);
  const lines = decodeEntities(stripHtml(text.replace(/\r\n?/g, '\n')))
    .split('\n')
    .map(squeeze)
    .filter((l) => l !== '');
  if (lines.length === 0) throw new IngestInputError('empty file (no text after removing markup)');
  const title = lines[0]!;
  if (parseTimestamp(title)) throw new IngestInputError('no title (the first line is a date)');
  if (!/\p{L}{2,}/u.test(title))
    throw new IngestInputError(`no title (first line "${title.slice(0, 40)}" has no words)`);
  if (title.length > 300) throw new IngestInputError('no title (the first line is a whole paragraph)');
  const dateLine = lines[1];
  if (dateLine === undefined) throw new IngestInputError('no publication date (the file has a single line)');
  const publishedAt = parseTimestamp(dateLine);
  if (!publishedAt) throw new IngestInputError(`unparseable date "${dateLine.slice(0, 60)}"`);

  let rest = lines.slice(2);
  while (rest.length && isFooter(rest[rest.length - 1]!)) rest = rest.slice(0, -1);

  const counts = new Map<string, number>();
  for (const l of rest) counts.set(l, (counts.get(l) ?? 0) + 1);
  const captions: CleanArticle['captions'] = [];
  const captionTexts = new Set<string>();
  const remaining: string[] = [];
  for (const line of rest) {
    const credit = splitCredit(line);
    // A repeated line with no sentence ending is a caption whose credit was lost.
    const repeatedCaption =
      !credit && (counts.get(line) ?? 0) > 1 && !/[.!?"”]$/.test(line) && line.split(' ').length > 4;
    if (credit || repeatedCaption) {
      const caption = credit ?? { text: line, credit: null };
      if (!captionTexts.has(caption.text)) {
        captionTexts.add(caption.text);
        captions.push({ text: caption.text, credit: caption.credit });
      }
    } else remaining.push(line);
  }

  let byline: string | null = null;
  let subtitle: string | null = null;
  const bylineAt = remaining.findIndex((l, i) => i < 4 && parseByline(l) !== null);
  let body = remaining;
  if (bylineAt !== -1) {
    byline = parseByline(remaining[bylineAt]!);
    const before = remaining.slice(0, bylineAt);
    if (before.length === 1 && !/[.!?]["”]?$/.test(before[0]!)) subtitle = before[0]!;
    body = [...(subtitle ? [] : before), ...remaining.slice(bylineAt + 1)];
  } else if (remaining.length > 1 && !/[.!?"”]$/.test(remaining[0]!) && remaining[0]!.split(' ').length <= 20) {
    subtitle = remaining[0]!;
    body = remaining.slice(1);
  }
  // Captions repeated inside the body were removed above; drop exact repeats of body lines too.
  const paragraphs = body.filter((l, i) => body.indexOf(l) === i && !captionTexts.has(l));
  if (paragraphs.length === 0) throw new IngestInputError('no body paragraphs');
  if (!paragraphs.some((p) => /\p{L}{2,}/u.test(p))) throw new IngestInputError('no body text (the body has no words)');
  return { title, publishedAt, subtitle, byline, paragraphs, captions };
}
