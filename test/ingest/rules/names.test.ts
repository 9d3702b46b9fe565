import { describe, expect, it } from 'vitest';
import { isSpellingVariant } from '../../../src/ingest/analysis/names.js';
import { extract } from './helpers.js';

const LEAD = 'Delegations met in the capital on Tuesday to discuss the budget.';

// Names from everywhere, in sentences of our own with invented names.
describe('names (in memory, no database)', () => {
  it('keeps particles, patronymics and diacritics as written', () => {
    const { persons, speakers } = extract([
      LEAD,
      'Sheikh Hamad bin Khalid Al-Mansouri, the foreign minister, met Maria de la Cruz on Monday before Trade Minister Çağlar Yılmaz arrived.',
      '"It went well," Al-Mansouri said.',
      '"A fine day," Yılmaz said.',
      '"We agreed on a date," de la Cruz said.',
    ]);
    expect(persons).toEqual(
      expect.arrayContaining(['Hamad bin Khalid Al-Mansouri', 'Maria de la Cruz', 'Çağlar Yılmaz']),
    );
    expect(speakers).toEqual(['Hamad bin Khalid Al-Mansouri', 'Çağlar Yılmaz', 'Maria de la Cruz']);
  });

  it('a paragraph that attributes its quote to a name we do not know is not given to the previous speaker', () => {
    const { speakers } = extract([LEAD, '"It went well," Mayor Ana Ruiz said.', '"A fine day," Okwu said.']);
    expect(speakers).toEqual(['Ana Ruiz']);
  });

  it('reads a one-letter initial without its dot and an honorific without its dot', () => {
    const { persons, speakers } = extract([
      LEAD,
      'The Commerce Minister R Venkataraman held talks with his counterparts.',
      '"A productive morning with old friends," Mr Venkataraman tweeted.',
    ]);
    expect(persons).toContain('R Venkataraman');
    expect(speakers).toEqual(['R Venkataraman']);
  });

  it('reads three-syllable Vietnamese and Chinese names, the family name first', () => {
    const { persons, speakers } = extract([
      LEAD,
      'President Nguyen Van Thanh met Premier Liu Jianguo in the morning.',
      '"We share a long border," Thanh said.',
      '"Indeed," Liu said.',
    ]);
    expect(persons).toEqual(expect.arrayContaining(['Nguyen Van Thanh', 'Liu Jianguo']));
    expect(speakers).toEqual(['Nguyen Van Thanh', 'Liu Jianguo']);
  });

  it('resolves spelling variants of one name in one article to one person, named as first written', () => {
    const { persons, seed } = extract([
      LEAD,
      'Foreign Minister Abdurashid Normatov met his counterpart on Monday.',
      'Later, Abdurashdi Normatov told reporters the talks were "frank."',
    ]);
    expect(persons.filter((p) => p.includes('Normatov'))).toEqual(['Abdurashid Normatov']);
    expect(seed.quotes?.[0]?.speaker).toBe('abdurashid-normatov');
    expect(isSpellingVariant(['Mevlut', 'Cavusoglu'], ['Mevlüt', 'Çavuşoğlu'])).toBe(true);
    // A different given name is a different person, even with the same family name.
    expect(isSpellingVariant(['Anna', 'Berg'], ['Hanna', 'Berg'])).toBe(false);
    expect(isSpellingVariant(['Kim', 'Jong'], ['Kim', 'Jung'])).toBe(false);
  });

  it('a plural title before a list names each listed person with the title in the singular', () => {
    const { seed } = extract([
      'Governor Maren Holt opened the new bridge in Vellmar on Friday.',
      'She spoke at the town hall, when she met leaders from the two districts.',
      'Deputy Governor Tomas Reyes, Mayors Ana Kovac (Lindau) and Piet Haller (Osterby), councillors and traders were present.',
    ]);
    expect(seed.persons.map((p) => [p.name, p.role])).toEqual([
      ['Maren Holt', 'Governor'],
      ['Tomas Reyes', 'Deputy Governor'],
      ['Ana Kovac', 'Mayor'],
      ['Piet Haller', 'Mayor'],
    ]);
    // The people present make the group meeting a meeting of all of them.
    expect(seed.meetings?.map((m) => [...m.participants].sort())).toEqual([
      ['ana-kovac', 'maren-holt', 'piet-haller', 'tomas-reyes'],
    ]);
  });

  it('a plural word that is no title does not give a list its people', () => {
    const { persons } = extract([
      LEAD,
      'Visitors Ana Kovac and Piet Haller were on the guest list.',
      'Residents of Lindau and Osterby were present.',
    ]);
    expect(persons).not.toContain('Piet Haller');
  });
});
