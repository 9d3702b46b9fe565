import { ROLE_STOP, addRoleWords, appositiveAfter, lowerWord, roleBeforeComma } from '../phrases.js';
import type { AnalysisState } from '../state.js';

/**
 * Pass 6, roles: the titles written before a person's name, the role set off by a comma before it
 * and the role in the appositive after it become the person's titles, role words and
 * organizations; then each role mention ("the finance minister") gets as candidates the persons
 * whose role words it all fits, and is generic when nobody fits.
 */
export function roles(state: AnalysisState): void {
  const { units, mentions, persons } = state;
  for (const unit of units) {
    const list = mentions.get(unit)!;
    for (const m of list) {
      if (m.kind !== 'PERSON' || m.candidates.length !== 1) continue;
      const person = persons.get(m.candidates[0]!)!;
      if (m.title) {
        if (!person.titles.includes(m.title)) person.titles.push(m.title);
        addRoleWords(person, m.title);
      }
      // "Acme's chief executive, Tom Berg, said": the role before the comma is this person's.
      const before = m.inQuote ? null : roleBeforeComma(unit.text, m.nameStart, m.end);
      if (before) {
        if (!person.appositives.includes(before.role)) person.appositives.push(before.role);
        addRoleWords(person, before.role);
        const owner =
          before.ownerEnd === null
            ? undefined
            : list.find((o) => o.kind === 'ORG' && o.end === before.ownerEnd && o.orgSlug);
        if (owner) person.organizations.add(owner.orgSlug!);
      }
      const app = appositiveAfter(unit.text, m.end + (m.possessive ? 2 : 0));
      if (app?.role && !m.inQuote) {
        if (!person.appositives.includes(app.role)) person.appositives.push(app.role);
        // Words of a nested name's title ("sister of North Korean leader Kim Jong-un") are not this person's.
        let role = unit.text.slice(m.end, app.end);
        for (const x of list) {
          if (x === m || x.kind !== 'PERSON' || x.start < m.end || x.start >= app.end) continue;
          role = role.slice(0, x.start - m.end) + ' '.repeat(x.end - x.start) + role.slice(x.end - m.end);
        }
        // ", who is also the finance minister,": the stated role's words.
        addRoleWords(person, /^,\s+who\s/.test(role) ? app.role : role.split(/\s+who\s+/)[0]!);
        for (const o of list)
          if (o.kind === 'ORG' && o.start > m.end && o.start < app.end && o.orgSlug)
            person.organizations.add(o.orgSlug);
      }
    }
  }
  for (const person of persons.values()) {
    for (const t of person.titles)
      if (t.split(' ').length > 0)
        person.aliases.add(`${t} ${person.surname === person.name ? person.name : person.name}`);
  }
  for (const unit of units) {
    for (const m of mentions.get(unit)!) {
      if (m.kind !== 'ROLE') continue;
      const words = m
        .title!.split(/\s+/)
        .map(lowerWord)
        .filter((w) => !ROLE_STOP.has(w));
      m.candidates = [...persons.values()]
        .filter((p) => !p.staffRole && words.every((w) => p.roleWords.has(w)))
        .map((p) => p.slug);
      if (m.candidates.length === 0) m.kind = 'GENERIC';
    }
  }
}
