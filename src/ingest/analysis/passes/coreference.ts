import { NATIONALITIES } from '../../lexicon.js';
import { INTRO, ROLE_STOP, lowerWord } from '../phrases.js';
import type { AnalysisState, ArticleAnalysis, Mention, PersonEntity, Unit } from '../state.js';

/**
 * Pass 7, coreference: every mention is resolved to a person in reading order (each caption on its
 * own). A unique name directly; a shared surname first by the title (`North Korean leader Kim` →
 * the Kim whose title has "leader"), then by the nearest salient earlier mention; pronouns take
 * the previous sentence's subject, or point forward from an opening clause (`During his meeting
 * with …, U.S. envoy Kim said`). The names and role phrases that resolved become aliases.
 */
export function coreference(state: AnalysisState): void {
  const { units, mentions, persons } = state;
  const body = units.filter((u) => u.source === 'BODY');
  resolveSequence(state, body);
  for (const caption of units.filter((u) => u.source === 'CAPTION')) resolveSequence(state, [caption]);

  for (const unit of units) {
    for (const m of mentions.get(unit)!) {
      if (!m.person || m.inQuote) continue;
      const person = persons.get(m.person)!;
      if (m.kind === 'PERSON' && m.surface !== person.name)
        person.aliases.add(m.title ? `${m.title} ${m.surface}` : m.surface);
      if (m.kind === 'ROLE' && m.salient) person.aliases.add(m.surface.replace(/^The /, 'the ').replace(/['’]s$/, ''));
    }
  }
}

interface HistoryEntry {
  person: string;
  salient: boolean;
  order: number;
}

/** True when the mention's title fits what we know of the person ("U.S. envoy" fits Sung Kim's titles). */
function titleFits(person: PersonEntity, title: string): boolean {
  const words = title
    .split(/\s+/)
    .map(lowerWord)
    .filter((w) => !ROLE_STOP.has(w));
  const content = words.filter((w) => !NATIONALITIES.has(w[0]!.toUpperCase() + w.slice(1)) && w !== 'u.s');
  return content.length > 0 && content.every((w) => person.roleWords.has(w));
}

function resolveSequence(analysis: ArticleAnalysis, units: Unit[]) {
  const history: HistoryEntry[] = [];
  let order = 0;
  let previousSentence: Mention[] = [];
  for (const unit of units) {
    const list = analysis.mentions.get(unit)!;
    for (let s = 0; s < unit.sentences.length; s++) {
      const inSentence = list.filter((m) => m.sentence === s);
      // Names first, so a pronoun can point forward ("During his meeting with …, U.S. envoy Kim said").
      const seen: HistoryEntry[] = [];
      for (const m of inSentence) {
        if (m.kind !== 'PERSON' && m.kind !== 'ROLE') continue;
        resolveNamed(analysis, m, [...history, ...seen]);
        if (m.person) seen.push({ person: m.person, salient: m.salient, order: order + m.start / 1e6 });
      }
      for (const m of inSentence)
        if (m.kind === 'PRONOUN' && !m.inQuote) resolvePronoun(m, inSentence, previousSentence, unit, history, order);
      for (const m of inSentence)
        if (m.person) history.push({ person: m.person, salient: m.salient, order: order + m.start / 1e6 });
      order++;
      previousSentence = inSentence;
    }
  }
}

function resolveNamed(analysis: ArticleAnalysis, m: Mention, history: HistoryEntry[]) {
  if (m.candidates.length === 1) {
    m.person = m.candidates[0]!;
    m.confidence = m.kind === 'ROLE' ? 0.85 : 0.95;
    return;
  }
  let candidates = m.candidates;
  if (m.title) {
    const fitting = candidates.filter((c) => titleFits(analysis.persons.get(c)!, m.title!));
    if (fitting.length === 1) {
      m.person = fitting[0]!;
      m.confidence = 0.9;
      return;
    }
    if (fitting.length > 1) candidates = fitting;
  }
  // The nearest salient mention decides; mentions inside quotes or appositives only when nothing else does.
  const recent = (salientOnly: boolean) => {
    for (let i = history.length - 1; i >= 0; i--) {
      const h = history[i]!;
      if ((!salientOnly || h.salient) && candidates.includes(h.person)) return h.person;
    }
    return null;
  };
  const chosen = recent(true) ?? recent(false);
  m.person = chosen ?? candidates[0]!;
  m.confidence = chosen ? 0.75 : 0.5;
}

function resolvePronoun(
  m: Mention,
  sentence: Mention[],
  previous: Mention[],
  unit: Unit,
  history: HistoryEntry[] = [],
  order = 0,
) {
  const isPersonish = (x: Mention) =>
    (x.kind === 'PERSON' || x.kind === 'ROLE' || x.kind === 'PRONOUN') &&
    x.salient &&
    !x.inQuote &&
    x.person &&
    x !== m;
  const sentenceStart = unit.sentences[m.sentence]?.start ?? 0;
  const intro = unit.text.slice(sentenceStart, m.start);
  // A pronoun in an opening clause refers forward to the main clause's subject.
  if (INTRO.test(intro) && !intro.includes(',')) {
    const comma = unit.masked.indexOf(',', m.end);
    const subject = sentence.find((x) => x.start > comma && comma !== -1 && isPersonish(x));
    if (subject) {
      m.person = subject.person;
      m.confidence = 0.8;
      return;
    }
  }
  const before = sentence.find((x) => x.start < m.start && isPersonish(x) && !x.possessive);
  const antecedent =
    before ?? previous.find((x) => isPersonish(x) && !x.possessive) ?? previous.find((x) => isPersonish(x));
  if (antecedent) {
    m.person = antecedent.person;
    m.confidence = 0.7;
    return;
  }
  // The previous sentence names no one (it is all quote: `"…," he said. "…"` / `"…," he added.`):
  // the last person named in the two sentences before it.
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]!;
    if (h.order < order - 3) break;
    if (h.salient) {
      m.person = h.person;
      m.confidence = 0.6;
      return;
    }
  }
}
