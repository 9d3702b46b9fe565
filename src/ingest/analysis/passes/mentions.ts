import { GENERIC_SUBJECTS, NATIONALITIES, PRONOUNS, TITLE_MODIFIERS, TITLE_WORDS } from '../../lexicon.js';
import { insideAny, slugify } from '../../text.js';
import { appositiveAfter, pluralTitleOfList, titleBefore } from '../phrases.js';
import { nameKey, nameSuffix, nameWords } from '../runs.js';
import type { AnalysisState, Mention } from '../state.js';

/**
 * Pass 5, mentions: everything in each unit that can refer to a person or say something — known
 * persons by full name or surname (with a title before them), organizations, places, role phrases
 * ("the unification minister", "Valdoria's trade minister"), pronouns and generic subjects
 * ("officials") — with whether each is salient: mentions inside quotes or inside another mention's
 * appositive describe, they are not who a sentence is about.
 */
/** "he", "She", "his", "Her", "him": a pronoun, with a capital first letter or not. */
const PRONOUN = new RegExp(
  `\\b(?:${PRONOUNS.map((p) => `[${p[0]!.toUpperCase()}${p[0]}]${p.slice(1)}`).join('|')})\\b`,
  'g',
);

export function mentions(state: AnalysisState): void {
  const { units, runs, orgSpans, byName, bySurname, mentions } = state;
  for (const unit of units) {
    const list: Mention[] = [];
    const orgs = orgSpans.get(unit)!;
    const push = (m: Omit<Mention, 'unit' | 'inQuote' | 'salient' | 'sentence' | 'person' | 'confidence'>) => {
      if (list.some((x) => m.start < x.end && x.start < m.end && x.kind !== 'ORG')) return;
      const inQuote = insideAny(m.nameStart, unit.quotes);
      const sentence = unit.sentences.findIndex((s) => m.nameStart >= s.start && m.nameStart < s.end);
      list.push({ ...m, unit, inQuote, salient: !inQuote, sentence, person: null, confidence: 0 });
    };
    /** A role phrase ("the finance minister") standing for whoever carries that title. */
    const pushRole = (start: number, end: number, words: string[]) =>
      push({
        kind: 'ROLE',
        start,
        end,
        nameStart: start,
        surface: unit.text.slice(start, end),
        title: words.join(' '),
        candidates: [],
        orgSlug: null,
        possessive: /^['’]s/.test(unit.text.slice(end)),
      });
    for (const run of runs.get(unit)!) {
      const suffix = nameSuffix(run);
      if (suffix.length === 0) continue;
      if (orgs.some((o) => suffix[0]!.start >= o.start && suffix[0]!.start < o.end)) continue;
      const name = suffix.map((t) => t.text).join(' ');
      const key = nameKey(suffix.map((t) => t.text));
      const exact = byName.get(key);
      const candidates = exact
        ? [exact.slug]
        : nameWords(suffix).length === 1
          ? (bySurname.get(key) ?? []).map((p) => p.slug)
          : [];
      if (candidates.length === 0) continue;
      const nameStart = suffix[0]!.start;
      const title = titleBefore(unit.text, nameStart);
      push({
        kind: 'PERSON',
        start: title?.start ?? nameStart,
        end: run.end,
        nameStart,
        surface: name,
        // "Governors Ana Kovac (Lindau) and Piet Haller": the later names of the list share its title.
        title: title?.title ?? pluralTitleOfList(unit.text, nameStart),
        candidates,
        orgSlug: null,
        possessive: run.possessive,
      });
    }
    for (const o of orgs)
      push({
        kind: 'ORG',
        start: o.start,
        end: o.end,
        nameStart: o.start,
        surface: o.name,
        title: null,
        candidates: [],
        orgSlug: slugify(o.name),
        possessive: false,
      });
    for (const run of runs.get(unit)!) {
      if (run.tokens.every((t) => t.place || NATIONALITIES.has(t.text)) && run.tokens.some((t) => t.place)) {
        push({
          kind: 'PLACE',
          start: run.start,
          end: run.end,
          nameStart: run.start,
          surface: unit.text.slice(run.start, run.end),
          title: null,
          candidates: [],
          orgSlug: null,
          possessive: run.possessive,
        });
      }
    }
    // "the unification minister", "the lawmaker", "the U.S. special envoy"
    // A lookahead, so "the meeting with the unification minister" still tries "the unification minister".
    for (const m of unit.text.matchAll(/\b[Tt]he (?=((?:[\p{L}.'’-]+ ){0,3}[\p{L}.'’-]+))/gu)) {
      const all = m[1]!.split(' ');
      // The longest prefix that is a title phrase ending in a head word: "the finance minister (was …)".
      let words: string[] | null = null;
      for (let k = all.length; k >= 1 && !words; k--) {
        const candidate = all.slice(0, k).map((w, i) => (i === k - 1 ? w.replace(/['’]s$/, '') : w));
        const head = candidate[k - 1]!.toLowerCase();
        if (
          TITLE_WORDS.has(head) &&
          candidate
            .slice(0, -1)
            .every(
              (w) => /^\p{Lu}/u.test(w) || TITLE_MODIFIERS.has(w.toLowerCase()) || TITLE_WORDS.has(w.toLowerCase()),
            )
        )
          words = candidate;
      }
      if (!words) continue;
      const start = m.index;
      const end = start + 4 + words.join(' ').length;
      const after = unit.text.slice(end);
      if (/^ \p{Lu}\p{Ll}/u.test(after)) continue; // a title before a name, not a reference
      pushRole(start, end, words);
    }
    // "Valdoria's trade minister said": a possessor and a lowercase role stand for whoever later carries that title.
    for (const m of unit.text.matchAll(/(?<=\p{Lu}[\p{L}.-]*['’]s )((?:[\p{Ll}-]+ ){0,3}[\p{Ll}-]+)/gu)) {
      const all = m[1]!.split(' ');
      let words: string[] | null = null;
      for (let k = all.length; k >= 1 && !words; k--) {
        const candidate = all.slice(0, k);
        if (
          TITLE_WORDS.has(candidate[k - 1]!) &&
          candidate.slice(0, -1).every((w) => TITLE_MODIFIERS.has(w) || TITLE_WORDS.has(w))
        )
          words = candidate;
      }
      if (!words) continue;
      const start = m.index;
      const end = start + words.join(' ').length;
      // A role before a name ("Acme's chief executive, Tom Berg," / "… trade minister Ana Diaz") is that name's.
      if (/^,? \p{Lu}\p{Ll}/u.test(unit.text.slice(end))) continue;
      // Only a country's or a place's office ("Valdoria's trade minister") is one person; a company
      // or a ministry has many spokesmen and directors.
      if (!list.some((x) => x.kind === 'PLACE' && x.end + 3 === start)) continue;
      pushRole(start, end, words);
    }
    for (const m of unit.text.matchAll(PRONOUN)) {
      push({
        kind: 'PRONOUN',
        start: m.index,
        end: m.index + m[0].length,
        nameStart: m.index,
        surface: m[0],
        title: null,
        candidates: [],
        orgSlug: null,
        possessive: /^(?:his|her)$/i.test(m[0]),
      });
    }
    for (const m of unit.text.matchAll(/\b(?:[Tt]he |[Ss]ome |[Mm]any |[Oo]ther )?(?:\p{Ll}+ ){0,2}?(\p{Ll}+)\b/gu)) {
      if (!GENERIC_SUBJECTS.has(m[1]!)) continue;
      const start = m.index + m[0].length - m[1]!.length;
      push({
        kind: 'GENERIC',
        start,
        end: start + m[1]!.length,
        nameStart: start,
        surface: m[1]!,
        title: null,
        candidates: [],
        orgSlug: null,
        possessive: false,
      });
    }
    list.sort((a, b) => a.start - b.start);
    // Mentions inside another's appositive describe it; they are not who the sentence is about.
    for (const m of list) {
      if (m.kind !== 'PERSON' && m.kind !== 'ORG') continue;
      const app = appositiveAfter(unit.text, m.end + (m.possessive ? 2 : 0));
      if (!app) continue;
      for (const inner of list) if (inner !== m && inner.start > m.end && inner.start < app.end) inner.salient = false;
    }
    // "Dr. Pieter van der Meer of Wageningen University said": the organization describes the person.
    for (const m of list) {
      if (m.kind !== 'PERSON') continue;
      const of = /^ (?:of|at|from) (?:the )?/.exec(unit.text.slice(m.end));
      const org = of && list.find((o) => o.kind === 'ORG' && o.start === m.end + of[0].length);
      if (org) org.salient = false;
    }
    mentions.set(unit, list);
  }
}
