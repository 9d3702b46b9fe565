import {
  CORPORATE_ROLES,
  LEGISLATURES,
  NATIONALITIES,
  NON_NAME_WORDS,
  ORG_HEADS,
  ORG_ROLES,
  SENTENCE_STARTERS,
  SPEECH_VERBS,
  TITLE_WORDS,
  alternation,
} from '../../lexicon.js';
import { isTitleWord } from '../phrases.js';
import { MONTH_WORDS, WEEKDAY_WORDS, isParticle, nameSuffix } from '../runs.js';
import type { AnalysisState, OrgSpan, OrganizationEntity, Run, Token } from '../state.js';

/**
 * A single capitalized word right after a lowercase "the" and before punctuation or a verb of
 * speech, that is no place, nationality, title, month or common non-name word: "the Greens,",
 * "told the Bundestag.", "the Kremlin said". Persons are not written "the Name", so such a word
 * names a body; a legislature word (LEGISLATURES) is one whatever its context.
 */
function oneWordInstitution(text: string, run: Run): boolean {
  if (run.tokens.length !== 1) return false;
  const token = run.tokens[0]!;
  const word = token.text;
  if (LEGISLATURES.has(word)) return true;
  if (
    !/^\p{Lu}[\p{Ll}\p{M}]+$/u.test(word) ||
    token.place ||
    NON_NAME_WORDS.has(word) ||
    NATIONALITIES.has(word) ||
    TITLE_WORDS.has(word.toLowerCase())
  )
    return false;
  if (MONTH_WORDS.has(word) || WEEKDAY_WORDS.has(word) || isParticle(word)) return false;
  if (!/(?:^|[^\p{L}])the $/u.test(text.slice(Math.max(0, run.start - 5), run.start))) return false;
  const after = /^(?:['’]s\b)?\s*(\S*)/u.exec(text.slice(run.end, run.end + 30))![1]!;
  return after === '' || /^[,.;:)!?\u201D"]/.test(after) || SPEECH_VERBS.has(after.replace(/[,.;:]+$/, ''));
}

const ORG_ROLE_WORD = `(?:${[...ORG_ROLES].join('|')})`;
/** " co-founder and chief executive": a corporate role after the words makes them a company. */
const CORPORATE_ROLE = new RegExp(`^ (?:[\\p{Ll}-]+ ){0,2}?(?:${alternation(CORPORATE_ROLES)})`, 'u');
/** " co-founder and chief executive Mira", " spokeswoman Ada": a role and then a capitalized name. */
const ROLE_THEN_NAME = new RegExp(
  `^ (?:[\\p{Ll}-]+ ){0,2}?${ORG_ROLE_WORD}(?: (?:and|&) (?:[\\p{Ll}-]+ ){0,2}?${ORG_ROLE_WORD})?,? \\p{Lu}[\\p{Ll}\\p{M}]`,
  'u',
);

/**
 * "Kelpway co-founder and chief executive Mira Cruz", "Norvex spokeswoman Ada Lim": capitalized
 * words right before a lowercase organizational role and a name are the organization, not a person.
 */
function organizationBeforeRole(
  text: string,
  run: Run,
): { start: number; end: number; name: string; kind: OrganizationEntity['kind']; byRole: true } | null {
  if (run.possessive || !ROLE_THEN_NAME.test(text.slice(run.end, run.end + 80))) return null;
  const tokens = run.tokens.filter((t) => !SENTENCE_STARTERS.has(t.text));
  if (
    tokens.length === 0 ||
    tokens.every((t) => t.place || NATIONALITIES.has(t.text) || NON_NAME_WORDS.has(t.text) || isTitleWord(t.text))
  )
    return null;
  if (tokens.some((t) => isTitleWord(t.text) || MONTH_WORDS.has(t.text) || WEEKDAY_WORDS.has(t.text))) return null;
  const start = tokens[0]!.start;
  const corporate = CORPORATE_ROLE.test(text.slice(run.end, run.end + 40));
  return { start, end: run.end, name: text.slice(start, run.end), kind: corporate ? 'COMPANY' : 'OTHER', byRole: true };
}

function organizationSpans(text: string, runs: Run[]): OrgSpan[] {
  const spans: OrgSpan[] = [];
  for (let i = 0; i < runs.length; i++) {
    let run = runs[i]!;
    let tokens = [...run.tokens];
    let end = run.end;
    let j = i;
    // "Ministry of Foreign Affairs", "Asan Institute for Policy Studies", "Great Hall of the People"
    while (
      j + 1 < runs.length &&
      /^ (?:of|for|of the|on) $/.test(text.slice(end, runs[j + 1]!.start)) &&
      !run.possessive
    ) {
      j++;
      tokens = tokens.concat(runs[j]!.tokens);
      end = runs[j]!.end;
      run = runs[j]!;
    }
    const isHead = (t: Token) => t.text in ORG_HEADS || t.text.replace(/['’]$/, '') in ORG_HEADS;
    const heads = tokens.filter(isHead);
    if (heads.length === 0) {
      // "a member of the Greens,", "told the Knesset.": one capitalized word after "the" that names a body.
      if (j === i && oneWordInstitution(text, run)) {
        const word = run.tokens[0]!.text;
        spans.push({
          start: run.start,
          end: run.end,
          name: word,
          kind: LEGISLATURES.has(word) ? 'GOVERNMENT' : 'OTHER',
        });
      } else if (j === i) {
        const byRole = organizationBeforeRole(text, run);
        if (byRole) spans.push(byRole);
      }
      continue;
    }
    // A title after the organization starts a person: "European Commission | President Ursula von der Leyen".
    const lastHead = tokens.lastIndexOf(heads[heads.length - 1]!);
    const titleAfter = tokens.findIndex((t, k) => k > lastHead && isTitleWord(t.text));
    if (titleAfter !== -1) end = tokens[titleAfter - 1]!.end;
    // A person before "of": "Pieter van der Meer of Wageningen University" names the university only.
    let from = i;
    while (from < j && !runs[from]!.tokens.some(isHead) && !runs[from]!.tokens.some((t) => isTitleWord(t.text))) from++;
    if (from > i && nameSuffix(runs[i]!).length >= 2) i = from;
    // Drop leading sentence words ("The Ministry") and a trailing place ("Government Complex Seoul" is no org).
    let first = runs[i]!.tokens.findIndex((t) => !SENTENCE_STARTERS.has(t.text));
    if (first === -1) first = 0;
    const start = runs[i]!.tokens[first]!.start;
    const name = text.slice(start, end);
    if (name.split(' ').length < 2 && !(j === i && oneWordInstitution(text, runs[i]!))) {
      i = j;
      continue;
    }
    const kinds = heads.map((h) => ORG_HEADS[h.text.replace(/['’]$/, '')]!);
    const kind = kinds.includes('MEDIA') ? 'MEDIA' : kinds[kinds.length - 1]!;
    spans.push({ start, end, name, kind });
    i = j;
  }
  return spans;
}
/**
 * Pass 2, organizations: where each unit names an organization (capitalized phrases ending in a
 * head word such as Ministry or Institute, one-word institutions, a name before an organizational
 * role). An organization found only before a role ("Kelpway co-founder … Mira Cruz") is one
 * wherever the article names it ("Kelpway said"); the persons pass drops it if a person's name
 * claims the word.
 */
export function organizations(state: AnalysisState): void {
  const { units, runs, orgSpans } = state;
  for (const unit of units) orgSpans.set(unit, organizationSpans(unit.text, runs.get(unit)!));
  const byRole = new Map<string, OrgSpan>();
  for (const orgs of orgSpans.values()) for (const o of orgs) if (o.byRole) byRole.set(o.name, o);
  if (!byRole.size) return;
  for (const unit of units) {
    const orgs = orgSpans.get(unit)!;
    for (const run of runs.get(unit)!) {
      const tokens = run.tokens.filter((t) => !SENTENCE_STARTERS.has(t.text));
      if (!tokens.length) continue;
      const name = unit.text.slice(tokens[0]!.start, run.end);
      const known = byRole.get(name);
      if (!known || orgs.some((o) => o.start < run.end && tokens[0]!.start < o.end)) continue;
      orgs.push({ start: tokens[0]!.start, end: run.end, name, kind: known.kind, byRole: true });
    }
    orgs.sort((a, b) => a.start - b.start);
  }
}
