import type { SeedFile } from '../model/articleGraph.js';
import type { DateMention, DatePrecision } from './dates.js';
import { clauseStart, type ArticleAnalysis, type Mention, type Unit } from './entities.js';
import { MONTHS, NUMBER_WORDS } from './lexicon.js';

type MeetingKind = 'MEETING' | 'TALKS' | 'SUMMIT';

interface MeetingRecord {
  participants: string[];
  date: string | null;
  precision: DatePrecision;
  location: string | null;
  kind: MeetingKind;
  claims: Claim[];
  /** Set for "three summits": each of the three is its own meeting and never merges. */
  series: number | null;
}

interface Claim {
  source: 'BODY' | 'CAPTION';
  index: number;
  statement: string;
  /** This statement puts the meeting BEFORE or AFTER another one ("After meeting with Moon, Kim had talks with Suh"). */
  relation?: 'BEFORE' | 'AFTER';
  relativeTo?: MeetingRecord;
}

/** Opening phrases that order the main clause's meeting after (or before) the one they name. */
const ORDER_INTRO = /^\s*(After|Following|Upon|Before|Ahead of|Prior to)\b/;
/** Phrases that order a meeting against the one the same paragraph or caption named before it. */
const EARLIER = /\bearlier (?:in the day|that day|the same day|that morning)\b/i;
const LATER = /\b(?:later (?:in the day|that day|the same day)|afterwards|after that)\b/i;

/** Sets the ordering on this record's claim for `unit` (the first statement wins). */
function order(record: MeetingRecord, unit: Unit, relation: 'BEFORE' | 'AFTER', other: MeetingRecord) {
  if (record === other) return;
  const claim = record.claims.find((c) => c.source === unit.source && c.index === unit.index);
  if (claim && !claim.relation) {
    claim.relation = relation;
    claim.relativeTo = other;
  }
}

interface Trigger {
  /** Where the phrase starts and ends ("met with", "had talks with", "summits between"). */
  start: number;
  end: number;
  kind: MeetingKind;
  form: 'VERB' | 'NOUN' | 'BETWEEN' | 'THEIR';
  count: number;
}

const NOUN_KIND = (noun: string): MeetingKind =>
  /^summit/.test(noun) ? 'SUMMIT' : /^talks/.test(noun) ? 'TALKS' : 'MEETING';
const FUTURE_BEFORE =
  /\b(?:will|would|to|plans? to|set to|expected to|scheduled to|due to|may|could)\s+(?:\p{Ll}+\s+)?$/u;
const INTRO = /^\s*(?:After|Before|During|While|When|Following|Upon|Ahead of|Prior to)\b/;
/** A plan further back in the clause: "is due to travel to Washington later this week for talks with". */
const FUTURE_CLAUSE =
  /\b(?:will|shall|(?:is|are|was|were)\s+(?:due|expected|set|scheduled|slated|poised|planning|going)\s+to|plans?\s+to|intends?\s+to)\s[^,;]*$/u;

/** Meeting phrases in a sentence, in order; one phrase yields one trigger. */
function findTriggers(masked: string, from: number, to: number): Trigger[] {
  const text = masked.slice(from, to);
  const found: Trigger[] = [];
  const add = (t: Trigger) => {
    if (!found.some((f) => t.start < f.end && f.start < t.end)) found.push(t);
  };
  // "three summits", "two video summits": a number word among the three words before a plural noun.
  const countOf = (before: string, noun: string) => {
    if (!/s$/.test(noun) || noun === 'talks') return 1;
    const words = /((?:[\p{L}-]+\s+){0,3})$/u.exec(before)?.[1] ?? '';
    return (
      words
        .split(/\s+/)
        .map((w) => NUMBER_WORDS[w.toLowerCase()])
        .find((n) => n !== undefined) ?? 1
    );
  };
  // "summit between", and with a time or place in between: "a meeting last week in Paris between".
  for (const m of text.matchAll(
    /\b(meetings?|talks|summits?)(?:\s+(?!between\b|meetings?\b|talks\b|summits?\b)(?:[\p{Ll}\d-]+|\p{Lu}[\p{L}-]+)){0,5}?\s+between\b/gu,
  )) {
    add({
      start: from + m.index,
      end: from + m.index + m[0].length,
      kind: NOUN_KIND(m[1]!),
      form: 'BETWEEN',
      count: countOf(text.slice(0, m.index), m[1]!),
    });
  }
  for (const m of text.matchAll(
    /\b(?:before|after|during|ahead of|prior to|at|in|for)\s+their\s+(?:[\p{Ll}-]+\s+){0,3}?(meeting|talks|summit)\b/gu,
  )) {
    add({ start: from + m.index, end: from + m.index + m[0].length, kind: NOUN_KIND(m[1]!), form: 'THEIR', count: 1 });
  }
  for (const m of text.matchAll(
    /\b(?:held|had|hold|holds|holding|having|has|have|hosted|hosts|host|hosting)\s+((?:[\p{Ll}-]+\s+){0,3}?)(talks|meetings?|summits?)(?:\s+(?:at|in|on|late|early|last|this|earlier|later)\s[^,;:.]{0,60}?)?\s+with\b/gu,
  )) {
    const count = countOf(`${m[1]}`, m[2]!);
    add({ start: from + m.index, end: from + m.index + m[0].length, kind: NOUN_KIND(m[2]!), form: 'VERB', count });
  }
  // "Daggett and Su held talks": no "with", so the people are all in the subject.
  for (const m of text.matchAll(
    /\b(?:held|had|hold|holds|holding)\s+(?:a\s+|an\s+)?((?:[\p{Ll}-]+\s+){0,2}?)(talks|meetings?|summits?)\b(?!\s+(?:with|between)\b)/gu,
  )) {
    add({
      start: from + m.index,
      end: from + m.index + m[0].length,
      kind: NOUN_KIND(m[2]!),
      form: 'VERB',
      count: countOf(`${m[1]}`, m[2]!),
    });
  }
  for (const m of text.matchAll(
    /\b(?:met|meets)(?:\s+with)?\b|\b(?:shakes|shook|shaking) hands with\b|\b(?:sat|sits) down with\b/g,
  )) {
    add({ start: from + m.index, end: from + m.index + m[0].length, kind: 'MEETING', form: 'VERB', count: 1 });
  }
  // "After meeting Ruiz at the ministry, Vale said": the gerund with its object, no "with".
  for (const m of text.matchAll(
    /\b(?:[Aa]fter|[Bb]efore|[Ff]ollowing|[Ww]hile|[Ww]hen|[Ss]ince|[Uu]pon)\s+(meeting)\s+(?=\p{Lu})/gu,
  )) {
    add({
      start: from + m.index + m[0].indexOf('meeting'),
      end: from + m.index + m[0].length - 1,
      kind: 'MEETING',
      form: 'NOUN',
      count: 1,
    });
  }
  for (const m of text.matchAll(/\b(meeting|talks|summit)\s+with\b/g)) {
    const before = text.slice(0, m.index);
    // "Kim Yong-hyun, right, talks with …" is the verb; "his talks with", "the meeting with" are nouns.
    const verb =
      m[1] === 'talks' &&
      /(?:\p{Lu}[\p{L}-]*|,)\s+$/u.test(before) &&
      !/\b(?:the|his|her|their|its|[\p{L}]+['’]s)\s+(?:[\p{Ll}-]+\s+)?$/u.test(before);
    add({
      start: from + m.index,
      end: from + m.index + m[0].length,
      kind: NOUN_KIND(m[1]!),
      form: verb ? 'VERB' : 'NOUN',
      count: 1,
    });
  }
  return found
    .filter(
      (t) =>
        !FUTURE_BEFORE.test(masked.slice(Math.max(from, t.start - 30), t.start)) &&
        !FUTURE_CLAUSE.test(masked.slice(from, t.start)),
    )
    .sort((a, b) => a.start - b.start);
}

/** "The two ministers", "both leaders", "the pair": a plural subject standing for people just named. */
const PLURAL_SUBJECT =
  /\b(?:[Tt]he\s+(two|three)\s+(?:[\p{Ll}-]+\s+)?(?:ministers|leaders|men|women|presidents|officials|envoys|diplomats|executives|sides|heads|counterparts|politicians|lawmakers|chiefs|generals|candidates)|[Bb]oth\s+(?:men|women|leaders|ministers|sides|presidents|officials)|[Tt]he\s+pair)\s+(?:[\p{Ll}-]+\s+)?$/u;

const personish = (m: Mention) =>
  (m.kind === 'PERSON' || m.kind === 'ROLE' || m.kind === 'PRONOUN') && !m.inQuote && m.person !== null;

/** "X and Y": the people joined to `first` by "and". */
function coordinated(unit: Unit, mentions: Mention[], first: Mention): Mention[] {
  const group = [first];
  let last = first;
  for (;;) {
    const joint = /^\s*,?\s+and\s+/.exec(unit.masked.slice(last.end + (last.possessive ? 2 : 0)));
    if (!joint) break;
    const next = mentions.find((m) => m.start === last.end + joint[0].length && personish(m));
    if (!next) break;
    group.push(next);
    last = next;
  }
  return group;
}

/** The people named right after a meeting phrase: "met Saito", "talks with Suh Hoon and Lee In-young". */
function objectsAfter(unit: Unit, mentions: Mention[], at: number, limit: number): Mention[] {
  // "with the head of the Port Authority, former minister Rosa Imbert": a role set off by a comma.
  const gapOk = (gap: string) =>
    /^\s*(?:(?:his|her|their|its|the|a|an)\s+)?$/.test(gap) || /^\s*the\s+[^,;:.]{1,80},\s+$/.test(gap);
  // "his" in "meeting with his counterpart Noh" is a determiner, not the person met.
  const first = mentions.find(
    (m) =>
      m.start >= at &&
      m.start < limit &&
      personish(m) &&
      !(m.kind === 'PRONOUN' && m.possessive) &&
      gapOk(unit.masked.slice(at, m.start)),
  );
  return first ? coordinated(unit, mentions, first) : [];
}

/** Where the people named right after a meeting phrase end ("between X and Y|"). */
function objectsEnd(unit: Unit, mentions: Mention[], at: number, limit: number): number {
  const objects = objectsAfter(unit, mentions, at, limit);
  const last = objects[objects.length - 1];
  return last ? last.end : at;
}

/** Who does the meeting: the first person of the clause (after an opening phrase), with any "and" partners. */
function subjectsOf(
  unit: Unit,
  mentions: Mention[],
  trigger: Trigger,
  sentence: { start: number; end: number },
): Mention[] {
  let start = clauseStart(unit, trigger.start);
  // "Okafor said she and Renner had a meeting": the reported clause after a speech verb has its own subject.
  for (const m of unit.masked
    .slice(start, trigger.start)
    .matchAll(/\b(?:said|says|told\s+\S+|added|noted|confirmed|recalled)\s+(?:that\s+)?/g)) {
    const after = start + m.index + m[0].length;
    if (mentions.some((x) => x.start >= after && x.end <= trigger.start && personish(x))) start = after;
  }
  const inClause = mentions.filter(
    (m) => m.start >= start && m.end <= trigger.start && m.salient && !m.inQuote && m.kind !== 'PLACE',
  );
  const first = inClause.find((m) => !m.possessive || m.kind === 'PRONOUN');
  if (first && personish(first)) return coordinated(unit, mentions, first);
  if (first) return []; // an organization or a group is meeting someone
  // "Prabowo also held talks with Premier Li Qiang, who …" has its subject before the clause.
  const before = mentions.filter(
    (m) => m.end <= trigger.start && m.start >= sentence.start && personish(m) && m.salient,
  );
  return before.length ? [before[0]!] : [];
}

/** "at the Hotel Okura in Tokyo", "in Bali, Indonesia": where, when the sentence says so. */
function locationAfter(text: string, from: number, to: number): string | null {
  const m =
    /\b(?:at|in)\s+((?:the\s+)?[\p{L}'’&-]+(?:\s[\p{L}'’&-]+){0,8}?)(?=\s+(?:on|for|to|during|before|after|with|between|that|when|where|and|according|by|last|earlier|later|this|next|which|who|as)\b|[,.;]|\s*$)/u.exec(
      text.slice(from, to),
    );
  if (!m) return null;
  let place = m[1]!.trim();
  const first = place.replace(/^the\s+/, '').split(/\s+/)[0]!;
  if (!/^\p{Lu}/u.test(first) && !/['’]s\b/.test(place)) return null;
  if (
    MONTHS.includes(first.toLowerCase()) ||
    /^\d/.test(first) ||
    /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(first)
  )
    return null;
  const after = from + m.index + m[0].length;
  const region = /^, (\p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+)?)(?=[,.]|$)/u.exec(text.slice(after, to));
  if (
    region &&
    !/^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b/.test(
      region[1]!,
    )
  )
    place += `, ${region[1]}`;
  return place.replace(/^the\s+(?=\p{Lu})/u, '');
}

function nearestDate(
  dates: DateMention[],
  trigger: Trigger,
  sentence: { start: number; end: number },
): DateMention | null {
  let best: DateMention | null = null;
  let bestDistance = Infinity;
  for (const d of dates) {
    if (d.start < sentence.start || d.end > sentence.end || d.bound) continue;
    const distance = d.start >= trigger.end ? d.start - trigger.end : trigger.start - d.end;
    if (distance < bestDistance) {
      best = d;
      bestDistance = Math.abs(distance);
    }
  }
  return best;
}

function sameDate(a: MeetingRecord, date: string | null, precision: DatePrecision): boolean {
  if (!a.date || !date) return true;
  if (a.precision === precision) return a.date === date;
  const len = (p: DatePrecision) => (p === 'DAY' ? 10 : p === 'MONTH' ? 7 : 4);
  const n = Math.min(len(a.precision), len(precision));
  return a.date.slice(0, n) === date.slice(0, n);
}

/**
 * Finds meetings: "X met Y", "meeting with", "talks with", "shakes hands with", "before their
 * meeting at P", "summit(s) between X and Y". Statements about the same people on a compatible
 * date — in the body or a caption — are one meeting with several claims; "three summits" are three.
 */
export function extractMeetings(
  analysis: ArticleAnalysis,
  dates: Map<Unit, DateMention[]>,
): NonNullable<SeedFile['meetings']> {
  const records: MeetingRecord[] = [];
  let seriesId = 0;
  const ordered = [
    ...analysis.units.filter((u) => u.source === 'BODY'),
    ...analysis.units.filter((u) => u.source === 'CAPTION'),
  ];
  let mentionsBefore: Mention[] = [];
  let recent: string[] = [];
  for (const unit of ordered) {
    const mentions = analysis.mentions.get(unit)!;
    let lastInUnit: MeetingRecord | null = null;
    for (const sentence of unit.sentences) {
      // People named before this sentence, most recent last, for a plural subject ("the two ministers").
      if (unit.source === 'BODY') {
        const earlier = [...mentionsBefore, ...mentions.filter((m) => m.end <= sentence.start)].filter(
          (m) => personish(m) && m.salient && m.kind !== 'PRONOUN',
        );
        recent = [];
        for (let i = earlier.length - 1; i >= 0 && recent.length < 3; i--)
          if (!recent.includes(earlier[i]!.person!)) recent.unshift(earlier[i]!.person!);
      } else recent = [];
      const previousInUnit = lastInUnit;
      // "After meeting with Moon, Kim had talks with Suh": the opening phrase's meeting, and which way it orders.
      let intro: { records: MeetingRecord[]; relation: 'BEFORE' | 'AFTER'; comma: number } | null = null;
      for (const trigger of findTriggers(unit.masked, sentence.start, sentence.end)) {
        const touched: MeetingRecord[] = [];
        let isIntro = false;
        let sides: string[][] = [];
        if (trigger.form === 'BETWEEN') {
          const objects = objectsAfter(unit, mentions, trigger.end + 1, sentence.end);
          if (objects.length >= 2) sides = [objects.map((m) => m.person!)];
        } else if (trigger.form === 'THEIR') {
          const before = mentions.filter(
            (m) => m.start >= sentence.start && m.end <= trigger.start && personish(m) && m.salient,
          );
          const people = [...new Set(before.map((m) => m.person!))];
          if (people.length >= 2) sides = [people];
          else if (lastInUnit) {
            lastInUnit.location ??= locationAfter(unit.text, trigger.end, sentence.end);
            continue;
          }
        } else {
          let subjects: Mention[] = [];
          const possessor =
            trigger.form === 'NOUN'
              ? mentions.find(
                  (m) =>
                    m.possessive &&
                    /^(?:['’]s\s+)?(?:[\p{Ll}-]+\s+){0,2}$/u.test(unit.masked.slice(m.end, trigger.start)) &&
                    m.end <= trigger.start &&
                    personish(m),
                )
              : undefined;
          if (possessor) subjects = [possessor];
          else if (
            trigger.form === 'NOUN' &&
            INTRO.test(unit.masked.slice(sentence.start, trigger.start)) &&
            !unit.masked.slice(sentence.start, trigger.start).includes(',')
          ) {
            // "After meeting with Moon, Kim had talks …": the meeting is the main clause subject's.
            const comma = unit.masked.indexOf(',', trigger.end);
            const main = mentions.find(
              (m) => comma !== -1 && m.start > comma && m.start < sentence.end && personish(m) && m.salient,
            );
            if (main) subjects = coordinated(unit, mentions, main);
            const word = ORDER_INTRO.exec(unit.masked.slice(sentence.start, trigger.start))?.[1];
            if (word && comma !== -1) {
              isIntro = true;
              intro = { records: [], relation: word === 'Before' || word === 'Ahead of' ? 'BEFORE' : 'AFTER', comma };
            }
          } else subjects = subjectsOf(unit, mentions, trigger, sentence);
          const objects = objectsAfter(unit, mentions, trigger.end + 1, sentence.end);
          let a = [...new Set(subjects.map((m) => m.person!))];
          // "The two ministers held talks": the two people named just before.
          const plural = PLURAL_SUBJECT.exec(unit.masked.slice(clauseStart(unit, trigger.start), trigger.start));
          if (subjects.length === 0 && plural && trigger.form === 'VERB') {
            const n = plural[1] ? (NUMBER_WORDS[plural[1].toLowerCase()] ?? 2) : 2;
            if (recent.length >= n) a = recent.slice(-n);
          }
          if (a.length && objects.length) sides = objects.map((o) => [...new Set([...a, o.person!])]);
          else if (a.length >= 2 && trigger.form === 'VERB') sides = [a];
        }
        // Dates are measured from the end of the phrase with its people: "summits between X and Y that year".
        const anchor = {
          ...trigger,
          end: Math.max(trigger.end, objectsEnd(unit, mentions, trigger.end + 1, sentence.end)),
        };
        const date = nearestDate(dates.get(unit) ?? [], anchor, sentence);
        // "a meeting last week in Paris between …": the place can sit inside the phrase.
        const location = locationAfter(
          unit.text,
          trigger.form === 'BETWEEN' ? trigger.start : trigger.end,
          sentence.end,
        );
        const statement = unit.text.slice(sentence.start, sentence.end).trim();
        for (const people of sides) {
          const participants = [...new Set(people)].sort();
          if (participants.length < 2) continue;
          const claim = { source: unit.source, index: unit.index, statement };
          if (trigger.count > 1) {
            seriesId++;
            for (let i = 0; i < trigger.count; i++) {
              records.push({
                participants,
                date: date?.day ?? null,
                precision: date?.precision ?? 'DAY',
                location,
                kind: trigger.kind,
                claims: [claim],
                series: seriesId * 100 + i + 1,
              });
            }
            continue;
          }
          const existing = records.find(
            (r) =>
              r.series === null &&
              r.participants.join() === participants.join() &&
              sameDate(r, date?.day ?? null, date?.precision ?? 'DAY'),
          );
          if (existing) {
            if (!existing.claims.some((c) => c.source === claim.source && c.index === claim.index))
              existing.claims.push(claim);
            if (!existing.date && date) {
              existing.date = date.day;
              existing.precision = date.precision;
            }
            existing.location ??= location;
            lastInUnit = existing;
            touched.push(existing);
          } else {
            const record: MeetingRecord = {
              participants,
              date: date?.day ?? null,
              precision: date?.precision ?? 'DAY',
              location,
              kind: trigger.kind,
              claims: [claim],
              series: null,
            };
            records.push(record);
            lastInUnit = record;
            touched.push(record);
          }
        }
        if (isIntro && intro) intro.records.push(...touched);
        else if (intro && trigger.start > intro.comma) {
          for (const r of touched) {
            for (const i of intro.records) {
              order(r, unit, intro.relation, i);
              order(i, unit, intro.relation === 'AFTER' ? 'BEFORE' : 'AFTER', r);
            }
          }
        } else if (previousInUnit) {
          // A caption's "Kim also had talks with Suh earlier in the day" (or "Earlier in the day, Kim had
          // talks with Suh") orders against the meeting it showed first.
          const rest = `${unit.masked.slice(sentence.start, trigger.start)} ${unit.masked.slice(trigger.end, sentence.end)}`;
          const relation = EARLIER.test(rest) ? 'BEFORE' : LATER.test(rest) ? 'AFTER' : null;
          if (relation) for (const r of touched) order(r, unit, relation, previousInUnit);
        }
      }
    }
    if (unit.source === 'BODY') mentionsBefore = mentionsBefore.concat(mentions);
  }
  return toSeedMeetings(analysis, records);
}

/** "The body (paragraph 22) places it after X; caption 1 places it before. Both claims are kept." */
function conflictNote(claims: Claim[], keyOf: Map<MeetingRecord, string>): string | null {
  const where = (c: Claim) => (c.source === 'BODY' ? `the body (paragraph ${c.index})` : `caption ${c.index}`);
  for (const a of claims) {
    const b = claims.find(
      (c) => c.relativeTo && c.relativeTo === a.relativeTo && a.relation && c.relation && c.relation !== a.relation,
    );
    if (a.relation === 'AFTER' && b) {
      return `${where(a)[0]!.toUpperCase()}${where(a).slice(1)} places this meeting after ${keyOf.get(a.relativeTo!)}; ${where(b)} places it before. Both claims are kept.`;
    }
  }
  return null;
}

function toSeedMeetings(analysis: ArticleAnalysis, records: MeetingRecord[]): NonNullable<SeedFile['meetings']> {
  const published = analysis.article.publishedAt.slice(0, 10);
  const keys = new Set<string>();
  const body = analysis.units.filter((u) => u.source === 'BODY');
  const mentionsOf = (unit: Unit) =>
    new Set(
      analysis.mentions
        .get(unit)!
        .map((m) => m.person)
        .filter(Boolean),
    );
  const keyOf = new Map<MeetingRecord, string>();
  for (const r of records) {
    const base = r.participants.join('-');
    let key = base;
    if (r.series !== null)
      key = `${base}-${(r.date ?? published).slice(0, 4)}-${r.kind.toLowerCase()}-${r.series % 100}`;
    else if (keys.has(key)) key = `${base}-${(r.date ?? published).slice(0, r.precision === 'YEAR' ? 4 : 7)}`;
    for (let n = 2; keys.has(key); n++) key = `${base}-${n}`;
    keys.add(key);
    keyOf.set(r, key);
  }
  return records.map((r) => {
    const key = keyOf.get(r)!;
    const bodyClaim = r.claims.find((c) => c.source === 'BODY');
    // A meeting only a caption reports is filed under the first paragraph naming its people.
    const paragraph =
      bodyClaim?.index ??
      body.find((u) => r.participants.every((p) => mentionsOf(u).has(p)))?.index ??
      body.find((u) => r.participants.some((p) => mentionsOf(u).has(p)))?.index ??
      1;
    return {
      key,
      participants: r.participants,
      date: r.date ?? published,
      datePrecision: r.precision,
      location: r.location,
      paragraph,
      kind: r.kind,
      claims: r.claims.map((c) => ({
        source: c.source,
        index: c.index,
        statement: c.statement,
        ...(c.relation && c.relativeTo ? { relation: c.relation, relativeTo: keyOf.get(c.relativeTo)! } : {}),
      })),
      conflict: conflictNote(r.claims, keyOf),
    };
  });
}
