import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capitalizedRuns, nameKey } from '../../src/ingest/entities.js';
import { extractArticle } from '../../src/ingest/extract.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { ingestAndRead, rawArticle } from './helpers.js';

// Names not in any eval article: these patterns must work on people the rules have never seen.
// Published Tuesday 2024-05-21, so "Monday" is 2024-05-20.
const extract = (paragraphs: string[], options: { captions?: string[] } = {}) =>
  extractArticle(rawArticle('Talks', paragraphs, options), 'names.txt').seed;
const quotes = (seed: ReturnType<typeof extract>) =>
  (seed.quotes ?? []).map((q) => `${q.paragraph} ${q.speaker}: ${q.text}`);
/** Meetings that took place (no calls, no plans), as participant lists. */
const meetings = (seed: ReturnType<typeof extract>) =>
  (seed.meetings ?? [])
    .filter((m) => m.kind !== 'CALL' && m.status !== 'PLANNED')
    .map((m) => [...m.participants].sort().join('+'));
const planned = (seed: ReturnType<typeof extract>) =>
  (seed.meetings ?? []).filter((m) => m.status === 'PLANNED').map((m) => [...m.participants].sort().join('+'));
const person = (seed: ReturnType<typeof extract>, slug: string) => seed.persons.find((p) => p.slug === slug);

describe('name particles', () => {
  it('keeps "van den", "de la", "bin … Al" and "al-" inside one name, and finds the surname at a sentence start', () => {
    const seed = extract([
      'European Council President Anna van den Broek met Peruvian Foreign Minister Luis de la Cruz in Lima on Monday.',
      '“We found common ground,” van den Broek said.',
      'De la Cruz told reporters that the talks had been “useful.”',
      'Omani Foreign Minister Sayyid Badr bin Hamad Al Busaidi held talks with Karim al-Rashid, an adviser to the Iraqi government, on Monday.',
      '"The channel stays open," al-Rashid said. Al-Rashid added that Baghdad would send "a full delegation."',
    ]);
    expect(quotes(seed)).toEqual([
      '2 anna-van-den-broek: We found common ground',
      '3 luis-de-la-cruz: useful',
      '5 karim-al-rashid: The channel stays open',
      '5 karim-al-rashid: a full delegation',
    ]);
    expect(meetings(seed)).toEqual([
      'anna-van-den-broek+luis-de-la-cruz',
      'karim-al-rashid+sayyid-badr-bin-hamad-al-busaidi',
    ]);
    expect(person(seed, 'anna-van-den-broek')?.aliases).toContain('van den Broek');
    expect(person(seed, 'luis-de-la-cruz')?.aliases).toContain('De la Cruz');
    // No half-names: "De la Cruz" and "Al-Rashid" are not people of their own.
    expect(seed.persons.map((p) => p.slug)).not.toContain('de-la-cruz');
    expect(seed.persons.map((p) => p.slug)).not.toContain('al-rashid');
  });

  it('compares names with particles and Arabic articles case-insensitively', () => {
    expect(nameKey(['Von', 'der', 'Leyen'])).toBe(nameKey(['von', 'der', 'Leyen']));
    expect(nameKey(['Al-Rashid'])).toBe(nameKey(['al-Rashid']));
    expect(nameKey(['De', 'Croo'])).toBe('de Croo');
    // "Le" and "Do" are also Vietnamese and Korean family names; only "Le" as a particle is lowercased for comparison.
    expect(nameKey(['Do', 'Hung', 'Viet'])).toBe('Do Hung Viet');
  });

  it('does not glue ordinary lowercase words into names', () => {
    const runs = capitalizedRuns('Kim and Lee met in Seoul, then Park said the plan was de facto dead.').map((r) =>
      r.tokens.map((t) => t.text).join(' '),
    );
    expect(runs).toEqual(['Kim', 'Lee', 'Seoul', 'Park']);
  });
});

describe('family-name-first names', () => {
  it('reads Vietnamese and Chinese names in either short form, and "Hong" as a name word outside "Hong Kong"', () => {
    const seed = extract([
      'Vietnamese Deputy Prime Minister Vu Hong Nam met Chinese Vice Foreign Minister Sun Weidong in Hong Kong on Monday.',
      '"The border is calm," Vu said after the meeting.',
      'Labor Minister Dao Ngoc Dung said separately that wages would rise. "We will not wait for the market," Dung said.',
      'Sun said Beijing wanted "steady and healthy" ties.',
    ]);
    expect(quotes(seed)).toEqual([
      '2 vu-hong-nam: The border is calm',
      '3 dao-ngoc-dung: We will not wait for the market',
      '4 sun-weidong: steady and healthy',
    ]);
    expect(meetings(seed)).toEqual(['sun-weidong+vu-hong-nam']);
    expect(seed.meetings![0]!.location).toBe('Hong Kong');
  });

  it('takes a middle name the article uses on its own ("Lula") as that person, when nobody else has it', () => {
    const seed = extract([
      'President Carlos Alberto Nunes da Rocha, known as Nunes, welcomed the deal on Monday.',
      '"This is a good day for the region," Nunes said.',
    ]);
    expect(quotes(seed)).toEqual(['2 carlos-alberto-nunes-da-rocha: This is a good day for the region']);
  });
});

describe('titles, initials and more attribution patterns', () => {
  it('knows Sheikh, Dr., Secretary-General and middle initials', () => {
    const seed = extract([
      'Bahraini Foreign Minister Sheikh Khalid bin Ahmed Al Khalifa met U.N. Secretary-General Ana Petrovic and Treasury Secretary Mary K. Oduya in Manama on Monday.',
      '"We owe the region an answer," Sheikh Khalid told reporters.',
      'Petrovic called the meeting "a first step." Oduya said she was "cautiously hopeful."',
      'Dr. Lars Eklund of Uppsala University said the talks were "overdue."',
    ]);
    expect(quotes(seed)).toEqual([
      '2 khalid-bin-ahmed-al-khalifa: We owe the region an answer',
      '3 ana-petrovic: a first step',
      '3 mary-k-oduya: cautiously hopeful',
      '4 lars-eklund: overdue',
    ]);
    // "met A and B": one meeting of the three.
    expect(meetings(seed)).toEqual(['ana-petrovic+khalid-bin-ahmed-al-khalifa+mary-k-oduya']);
    expect(person(seed, 'khalid-bin-ahmed-al-khalifa')?.aliases).toContain('Khalid');
  });

  it('attributes "…, X told <someone>." at the sentence end, a pronoun after a quote-only paragraph, and relayed words', () => {
    const seed = extract([
      'Finance Minister Ingrid Solberg met bankers on Monday. Raising taxes was "off the table," Solberg told the state broadcaster NRK.',
      'Economist Tomas Berg disagreed. "The numbers do not add up," he said. "Someone will pay."',
      '"It will be the next government," he added.',
      'Spokesman Erik Dahl said the minister had told the bankers that the budget "will balance."',
    ]);
    expect(quotes(seed)).toEqual([
      '1 ingrid-solberg: off the table',
      '2 tomas-berg: The numbers do not add up',
      '2 tomas-berg: Someone will pay',
      '3 tomas-berg: It will be the next government',
      '4 ingrid-solberg: will balance',
    ]);
    expect(seed.quotes!.find((q) => q.paragraph === 4)?.reportedBy).toEqual({ person: 'erik-dahl' });
  });

  it('finds "a meeting <when/where> between X and Y" and skips a trip planned "for talks with"', () => {
    const seed = extract([
      'The deal followed a meeting last week in Oslo between Envoy Maria Lund and Commander Piet Jansen.',
      'Lund is scheduled to fly to Rome next week for talks with Minister Paolo Greco.',
    ]);
    expect(meetings(seed)).toEqual(['maria-lund+piet-jansen']);
    expect(planned(seed)).toEqual(['maria-lund+paolo-greco']);
    expect(seed.meetings![0]!.location).toBe('Oslo');
  });
});

describe('names with particles through the real pipeline', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('ingest_names');
  });
  afterAll(async () => t?.dispose());

  it('stores one person per particle name, with the surname form as an alias', async () => {
    const facts = await ingestAndRead(
      t.collections,
      rawArticle('Brussels talks', [
        'Commission President Ursel von Rhein held talks with Prime Minister Jan de Smet in Brussels on Monday.',
        '"We are aligned," Von Rhein said. De Smet called it "a good start."',
      ]),
    );
    expect(facts.outcome.reason).toBeNull();
    expect(facts.quotes.map((q) => `${q.speaker}: ${q.text}`)).toEqual([
      'ursel-von-rhein: We are aligned',
      'jan-de-smet: a good start',
    ]);
    expect(facts.meetings.map((m) => [m.participants.join('+'), m.date, m.location])).toEqual([
      ['jan-de-smet+ursel-von-rhein', '2024-05-20', 'Brussels'],
    ]);
    const stored = await t.collections.persons.find({ slug: { $in: ['ursel-von-rhein', 'jan-de-smet'] } }).toArray();
    expect(stored.map((p) => p.slug).sort()).toEqual(['jan-de-smet', 'ursel-von-rhein']);
    expect(stored.find((p) => p.slug === 'ursel-von-rhein')?.aliases).toContain('von Rhein');
  });
});

describe('places and one-word institutions, found by general rules', () => {
  it('reads a capitalized word after "in", "at", "near" or "the town of" as a place, not a person', () => {
    const seed = extract([
      'Kenyan Foreign Minister Musalia Mudavadi met Ugandan envoy Grace Akello in Kisumu on Monday.',
      '"The lake belongs to both of us," Mudavadi said at Busia, near Malaba.',
      'Akello later toured the border town of Lwakhakha, Tororo Province.',
    ]);
    expect(meetings(seed)).toEqual(['grace-akello+musalia-mudavadi']);
    expect(seed.persons.map((p) => p.slug).sort()).toEqual(['grace-akello', 'musalia-mudavadi']);
    expect(seed.meetings?.[0]?.location).toBe('Kisumu');
  });

  it('keeps "Hong Kong" one place and "Hong" a name word elsewhere', () => {
    const runs = capitalizedRuns('Officials in Hong Kong said Le Hong Phong would visit.');
    const hk = runs.find((r) => r.tokens[0]!.text === 'Hong')!;
    expect(hk.tokens.map((t) => [t.text, t.place])).toEqual([
      ['Hong', true],
      ['Kong', true],
    ]);
    const name = runs.find((r) => r.tokens[0]!.text === 'Le')!;
    expect(name.tokens.map((t) => t.place)).toEqual([false, false, false]);
  });

  it('treats a legislature or "the <Word>" before punctuation as a body, not a speaker', () => {
    const seed = extract([
      'Finance Minister Ana Ferreira, a member of the Liberals, defended the budget. "We cannot spend what we do not have," Ferreira told the Assembleia.',
      'Opposition leader Rui Matos, speaking in the Knesset, disagreed. "This budget is a retreat," Matos said.',
    ]);
    expect(quotes(seed)).toEqual([
      '1 ana-ferreira: We cannot spend what we do not have',
      '2 rui-matos: This budget is a retreat',
    ]);
    expect(seed.persons.map((p) => p.slug).sort()).toEqual(['ana-ferreira', 'rui-matos']);
    const orgs = (seed.organizations ?? []).map((o) => `${o.name}:${o.kind}`);
    expect(orgs).toEqual(expect.arrayContaining(['Liberals:OTHER', 'Assembleia:OTHER', 'Knesset:GOVERNMENT']));
  });
});
