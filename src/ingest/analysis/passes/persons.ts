import { EAST_ASIAN_SURNAMES, TITLE_WORDS } from '../../lexicon.js';
import { slugify } from '../../text.js';
import { addRoleWords, titleBefore } from '../phrases.js';
import { isParticle, nameKey, nameSuffix, nameWords } from '../runs.js';
import { addOrganization, emptyPerson, type AnalysisState } from '../state.js';

/**
 * Pass 4, persons: the entities. Organizations are registered (one-word ones that a person's name
 * claims are dropped: "Okafor adviser Jan Berg"), bylines and photo credits become staff, every
 * full name a person with the surname the article uses on its own, header lines give their role,
 * and persons named only by a title and one name ("President Biden") are added when the article
 * never gives more. Fills `byName` and `bySurname`, the indexes mentions are looked up in.
 */
export function persons(state: AnalysisState): void {
  const { article, units, runs, orgSpans, fullNames, headerNames, variants, persons, headers, byName, bySurname } =
    state;
  // "Okafor adviser Jan Berg": a one-word "organization" that is a word of a person's name is that person.
  const nameWordSet = new Set([...fullNames.values()].flatMap((tokens) => tokens.map((t) => t.text)));
  for (const [unit, orgs] of orgSpans)
    orgSpans.set(
      unit,
      orgs.filter((o) => !(o.byRole && nameWordSet.has(o.name))),
    );
  for (const orgs of orgSpans.values()) for (const o of orgs) addOrganization(state, o.name, o.kind);
  // Bylines and photo credits name staff.
  const staff: { name: string; role: string; org: string | null }[] = [];
  if (article.byline) {
    for (const name of article.byline.split(/\s*(?:,|\band\b|&)\s*/))
      if (name.split(' ').length >= 2) staff.push({ name, role: 'Reporter (byline)', org: null });
  }
  for (const c of article.captions) {
    const m = /^(?:(.+?)\s)?[Pp]hotos? by ([\p{Lu}][\p{L}'’.-]*(?:\s[\p{Lu}][\p{L}'’.-]*){1,3})$/u.exec(c.credit ?? '');
    if (m) {
      const org = m[1] ? addOrganization(state, m[1], 'MEDIA') : null;
      staff.push({
        name: m[2]!,
        role: m[1] ? `${m[1]} photographer (caption credit)` : 'Photographer (caption credit)',
        org,
      });
    } else if (c.credit && !/courtesy/i.test(c.credit)) {
      for (const agency of c.credit.split(/[-/]/))
        if (agency.length > 1) addOrganization(state, agency.trim(), 'MEDIA');
    }
  }

  // Surnames: the token the article uses on its own ("Kim" for Sung Kim, "Prabowo" for Prabowo Subianto).
  const standalone = new Map<string, number>();
  for (const unitRuns of runs.values()) {
    for (const run of unitRuns) {
      const suffix = nameSuffix(run);
      if (nameWords(suffix).length === 1) {
        const key = nameKey(suffix.map((t) => t.text));
        standalone.set(key, (standalone.get(key) ?? 0) + 1);
      }
    }
  }
  // Other words of a name the article uses on their own: "Lula" (Luiz Inácio Lula da Silva), or the
  // given name of a family-name-first name ("Chinh" for Pham Minh Chinh) besides its family name.
  const otherNames = new Map<string, string[]>();
  for (const [, tokens] of fullNames) {
    const texts = tokens.map((t) => t.text);
    const name = texts.join(' ');
    const person = emptyPerson(name);
    const first = isParticle(texts[0]!) ? null : nameKey([texts[0]!]);
    // The surname is the last word with its particles: "von der Leyen", "De Croo", "Al Thani".
    let lastStart = texts.length - 1;
    while (lastStart > 0 && isParticle(texts[lastStart - 1]!)) lastStart--;
    const last = nameKey(texts.slice(lastStart));
    const used = (k: string | null) => (k ? (standalone.get(k) ?? 0) : 0);
    const hyphenGiven = first !== null && texts.length >= 2 && /-/.test(texts[1]!) && EAST_ASIAN_SURNAMES.has(first);
    if (hyphenGiven) person.surname = first;
    else if (used(last) > 0 && !used(first)) person.surname = last;
    else if (first && used(first) > 0 && !used(last)) person.surname = first;
    else
      person.surname =
        first && EAST_ASIAN_SURNAMES.has(first) && !EAST_ASIAN_SURNAMES.has(texts[texts.length - 1]!) ? first : last;
    person.aliases.add(person.surname);
    persons.set(person.slug, person);
    for (const t of nameWords(tokens)) {
      const k = nameKey([t.text]);
      if (k !== person.surname && used(k) > 0 && !/^(?:\p{Lu}\.)+$/u.test(k))
        otherNames.set(k, [...(otherNames.get(k) ?? []), person.slug]);
    }
  }
  for (const s of staff) {
    const slug = slugify(s.name);
    // A reporter the story itself names (quoted, meeting someone) is a person in the story.
    if (persons.has(slug)) continue;
    const person = emptyPerson(s.name, s.role);
    if (s.org) person.organizations.add(s.org);
    person.surname =
      person.name.split(' ')[
        EAST_ASIAN_SURNAMES.has(person.name.split(' ')[0]!) ? 0 : person.name.split(' ').length - 1
      ]!;
    persons.set(slug, person);
  }
  for (const [unit, { key, role }] of headerNames) {
    const person = [...persons.values()].find((p) => !p.staffRole && nameKey(p.name.split(' ')) === key);
    if (!person) continue;
    headers.set(unit, person.slug);
    if (role) {
      if (!person.appositives.includes(role)) person.appositives.push(role[0]!.toUpperCase() + role.slice(1));
      addRoleWords(person, role);
    }
  }
  for (const p of persons.values()) {
    if (p.staffRole) continue;
    byName.set(nameKey(p.name.split(' ')), p);
    for (const [variant, canonical] of variants)
      if (canonical === nameKey(p.name.split(' '))) {
        byName.set(variant, p);
        p.aliases.add(variant);
      }
    bySurname.set(p.surname, [...(bySurname.get(p.surname) ?? []), p]);
  }
  // A second short name only when it is nobody else's: "Lula" yes, a "Wang" two people share no.
  for (const [k, slugs] of otherNames) {
    if (slugs.length !== 1 || bySurname.has(k)) continue;
    const p = persons.get(slugs[0]!)!;
    bySurname.set(k, [p]);
    p.aliases.add(k);
  }

  // 2. People named by a title and one name only ("President Biden") when the article never gives more.
  for (const unit of units) {
    for (const run of runs.get(unit)!) {
      const suffix = nameSuffix(run);
      if (nameWords(suffix).length !== 1) continue;
      const word = nameKey(suffix.map((t) => t.text));
      if (bySurname.has(word) || byName.has(word)) continue;
      const title = titleBefore(unit.text, suffix[0]!.start);
      // The title's head must sit right before the name: "Professor Park", "President Biden".
      if (!title || !TITLE_WORDS.has(title.title.split(' ').pop()!.toLowerCase())) continue;
      const person = emptyPerson(suffix.map((t) => t.text).join(' '));
      // One name is not an identity: "Professor Park" and "President Park" must not share a slug.
      person.slug = slugify(`${word} ${title.title.split(' ').pop()}`);
      person.aliases.add(`${title.title} ${word}`);
      persons.set(person.slug, person);
      byName.set(word, person);
      bySurname.set(word, [person]);
    }
  }
}
