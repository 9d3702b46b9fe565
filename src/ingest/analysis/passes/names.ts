import {
  EAST_ASIAN_SURNAMES,
  NAME_PARTICLES,
  PERSON_EVIDENCE_VERBS,
  WORDS_BEFORE_PERSON,
  alternation,
} from '../../lexicon.js';
import { headerSpeaker } from '../headers.js';
import { isSpellingVariant } from '../names.js';
import { appositiveAfter, pluralTitleOfList, roleBeforeComma, titleBefore } from '../phrases.js';
import { nameKey, nameSuffix, nameWords } from '../runs.js';
import type { AnalysisState, Run, Token } from '../state.js';

/** A verb after the name, maybe after an appositive or an adverb: "Ada Lim, a veteran, said". */
const SPEECH_AFTER = new RegExp(
  `^(?:['’]s\\s)?\\s*(?:,\\s[^,]{0,80},\\s)?(?:also |later |then |\\p{Ll}+ly )?(?:${alternation(PERSON_EVIDENCE_VERBS)})\\b`,
  'u',
);
/** A closing quotation mark and a dash right before the name. */
const DASH_CREDIT_BEFORE = /["\u201D\u2019]\s*(?:[\u2014\u2013]|\s-)\s*$/;
/** A word right before the name: "said Ada Lim", "according to Tom Berg", "Dr. Ruth Amadi". */
const SPEECH_BEFORE = new RegExp(`(?:${alternation(WORDS_BEFORE_PERSON)})\\s$`);

const PAST_TENSE_AFTER = /^ (?:also |later |then |\p{Ll}+ly )?\p{Ll}{3,}(?:ed|ised|ized)\b(?! by\b)/u;

function hasPersonEvidence(text: string, suffix: Token[], run: Run): boolean {
  const first = suffix[0]!;
  const last = suffix[suffix.length - 1]!;
  if (EAST_ASIAN_SURNAMES.has(first.text) && suffix.length <= 3 && suffix[1] && /-\p{Ll}/u.test(suffix[1].text))
    return true;
  if (titleBefore(text, first.start)) return true;
  const apposition = appositiveAfter(text, last.end);
  if (apposition?.role) return true;
  if (SPEECH_AFTER.test(text.slice(last.end, last.end + 120))) return true;
  // "Maria de la Cruz", "Jan van der Berg": a lowercase particle between capitalized name words is a person's name.
  if (
    suffix.length >= 3 &&
    suffix.slice(1, -1).some((t) => NAME_PARTICLES.has(t.text)) &&
    nameWords(suffix).length >= 2
  )
    return true;
  // "Ada Lindqvist apologised to …", "Tomas Okafor defended …": two name words as the subject of a past-tense verb.
  if (suffix.length >= 2 && PAST_TENSE_AFTER.test(text.slice(last.end, last.end + 40))) return true;
  if (SPEECH_BEFORE.test(text.slice(Math.max(0, first.start - 14), first.start))) return true;
  if (roleBeforeComma(text, first.start, last.end)) return true;
  if (pluralTitleOfList(text, first.start)) return true;
  // `"…" — Ines Valcourt, harbour master`: a name credited with a dash after a quote.
  if (DASH_CREDIT_BEFORE.test(text.slice(Math.max(0, first.start - 8), first.start))) return true;
  return run.possessive && /^['’]s (?:earlier |recent )?(?:comment|remark|statement)/.test(text.slice(last.end));
}

/**
 * Pass 3, names: full names (two to four name words, particles not counted) with some evidence that
 * they are persons — a title before, a role after, a speech verb next to them, a Korean-style
 * hyphenated given name, a particle inside — outside organization names; the names of upper-case
 * header lines; and which names are spelling variants of a name written earlier.
 */
export function names(state: AnalysisState): void {
  const { units, runs, orgSpans, fullNames, headerNames, variants } = state;
  for (const unit of units) {
    const orgs = orgSpans.get(unit)!;
    for (const run of runs.get(unit)!) {
      const suffix = nameSuffix(run);
      const words = nameWords(suffix);
      // Two to four name words; particles do not count ("Mohammed bin Abdulrahman Al Thani").
      if (words.length < 2 || words.length > 4) continue;
      if (orgs.some((o) => suffix[0]!.start >= o.start && suffix[0]!.start < o.end)) continue;
      const key = nameKey(suffix.map((t) => t.text));
      if (!fullNames.has(key) && hasPersonEvidence(unit.text, suffix, run)) fullNames.set(key, suffix);
    }
  }
  // Upper-case header lines name a speaker ("ADA LINDQVIST, FINANCE MINISTER"): a person, written as a name.
  const bodyUnits = units.filter((u) => u.source === 'BODY');
  bodyUnits.forEach((unit, i) => {
    const header = headerSpeaker(unit.text, bodyUnits[i + 1]?.text);
    if (!header) return;
    const tokens: Token[] = header.name.split(' ').map((text) => ({ text, start: 0, end: 0 }));
    const key = nameKey(tokens.map((t) => t.text));
    if (!fullNames.has(key)) fullNames.set(key, tokens);
    headerNames.set(unit, { key, role: header.role });
  });
  // Spelling variants of a name already seen ("Sirojiddin"/"Siorjiddin") are that person.
  const seen: [string, string[]][] = [];
  for (const [key, tokens] of fullNames) {
    const words = nameWords(tokens).map((t) => t.text);
    const same = seen.find(([, w]) => isSpellingVariant(w, words));
    if (same) variants.set(key, same[0]);
    else seen.push([key, words]);
  }
  for (const key of variants.keys()) fullNames.delete(key);
}
