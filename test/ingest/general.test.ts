import { describe, expect, it } from 'vitest';
import { splitCredit } from '../../src/ingest/clean.js';
import { dateContext, findDates } from '../../src/ingest/dates.js';
import { extractArticle } from '../../src/ingest/extract.js';
import { rawArticle } from './helpers.js';

// Invented names and organizations; published Wednesday 2024-05-22. Covers the error categories of
// the fresh-set report with new sentences (the fresh articles themselves are never read here).
const extract = (paragraphs: string[], captions: string[] = []) =>
  extractArticle(
    rawArticle('Trade row deepens', paragraphs, { published: '2024-05-22 09:00:00', captions }),
    'general.txt',
  ).seed;
const quotes = (seed: ReturnType<typeof extract>) => (seed.quotes ?? []).map((q) => [q.paragraph, q.speaker, q.text]);
/** Meetings that took place (calls and plans are stored apart), with their dates. */
const meetings = (seed: ReturnType<typeof extract>) =>
  (seed.meetings ?? [])
    .filter((m) => m.kind !== 'CALL' && m.status !== 'PLANNED')
    .map((m) => [m.participants.join('+'), m.date, m.datePrecision]);

describe('general extraction rules', () => {
  it('finds a person named after a possessive role and a comma, and gives them the quote', () => {
    const seed = extract([
      'The World Bank\'s country director for Moravia, Helmut Brandstetter, said the program was "on track."',
      'Her press secretary, Oskar Vilde, told reporters the visit was "productive."',
      'Norvex\'s head of corporate development, Anil Kapoor, said the deal "creates value."',
    ]);
    expect(quotes(seed)).toEqual([
      [1, 'helmut-brandstetter', 'on track'],
      [2, 'oskar-vilde', 'productive'],
      [3, 'anil-kapoor', 'creates value'],
    ]);
    expect(seed.persons.find((p) => p.slug === 'anil-kapoor')?.role).toBe('Head of corporate development');
  });

  it('reads abbreviated ranks, long titles and lowercase descriptors as titles', () => {
    const seed = extract([
      'Lt. Gen. Samir Haddad said the troops would "hold." Maj. Gen. Tomas Reiner added that "nobody is retreating."',
      'United Nations Resident Coordinator Beatriz Montalvo called the vote "a test of trust."',
      'Incumbent Rufus Okonjo conceded nothing. "We will win this count," he said.',
      'Veteran lawmaker Edith Carraway said it was "too close to call," while opposition leader Victor Mbeki said he was "confident."',
    ]);
    expect(seed.persons.map((p) => p.slug)).not.toContain('gen-lt');
    expect(seed.persons.find((p) => p.slug === 'samir-haddad')?.role).toBe('Lt. Gen.');
    expect(quotes(seed)).toEqual([
      [1, 'samir-haddad', 'hold'],
      [1, 'tomas-reiner', 'nobody is retreating'],
      [2, 'beatriz-montalvo', 'a test of trust'],
      [3, 'rufus-okonjo', 'We will win this count'],
      [4, 'edith-carraway', 'too close to call'],
      [4, 'victor-mbeki', 'confident'],
    ]);
  });

  it('reads a capitalized word before a role as the organization, and a quote split around "role Name said"', () => {
    const seed = extract([
      'Tidewell Data co-founder and chief executive Dana Orr said the round was "oversubscribed." Tidewell Data said it would hire.',
      '"We expect more orders," company spokeswoman Ingrid Paulsen said. "The pipeline is strong."',
    ]);
    expect(seed.persons.map((p) => p.slug)).toEqual(['dana-orr', 'ingrid-paulsen']);
    expect((seed.organizations ?? []).map((o) => [o.slug, o.kind])).toContainEqual(['tidewell-data', 'COMPANY']);
    expect(quotes(seed)).toEqual([
      [1, 'dana-orr', 'oversubscribed'],
      [2, 'ingrid-paulsen', 'We expect more orders'],
      [2, 'ingrid-paulsen', 'The pipeline is strong'],
    ]);
  });

  it("resolves a country's role to the person who later carries the title; a second partial quote after 'but noted'", () => {
    const seed = extract([
      'Finland\'s trade minister called the tariff "a clear breach of the treaty."',
      'Trade Minister Sigrun Aaland said on Tuesday that talks would continue.',
      'Aaland described the session as "constructive" but noted "serious differences on steel."',
    ]);
    expect(quotes(seed)).toEqual([
      [1, 'sigrun-aaland', 'a clear breach of the treaty'],
      [3, 'sigrun-aaland', 'constructive'],
      [3, 'sigrun-aaland', 'serious differences on steel'],
    ]);
  });

  it('finds plural, gerund, separate, reported and long-distance meeting wordings; planned meetings stay out', () => {
    const seed = extract([
      'Trade Minister Sigrun Aaland spoke after Finance Minister Paulo Renner.',
      'The two ministers first held talks in Geneva last month.',
      'After meeting Renner at the ministry on Monday, Aaland said the gap was narrowing.',
      'Renner held separate talks with Deputy Minister Leah Okafor and Ambassador Chen Wei-lin.',
      'President Daniel Mwangi held talks at State House on Monday with the head of the Coastal Port Authority, former minister Rosa Imbert.',
      'Aaland has criticized Mwangi since June. Aaland will meet Okafor on Friday.',
    ]);
    expect(meetings(seed)).toEqual([
      ['paulo-renner+sigrun-aaland', '2024-04-01', 'MONTH'],
      ['paulo-renner+sigrun-aaland', '2024-05-20', 'DAY'],
      ['leah-okafor+paulo-renner', '2024-05-22', 'DAY'],
      ['chen-wei-lin+paulo-renner', '2024-05-22', 'DAY'],
      ['daniel-mwangi+rosa-imbert', '2024-05-20', 'DAY'],
    ]);
    expect((seed.meetings ?? []).filter((m) => m.status === 'PLANNED').map((m) => m.participants.join('+'))).toEqual([
      'leah-okafor+sigrun-aaland',
    ]);
    expect(seed.persons.map((p) => p.slug)).not.toContain('coastal-port-authority');
  });

  it('reads "she and X had a meeting" after a speech verb', () => {
    const seed = extract([
      'Deputy Minister Leah Okafor met reporters.',
      'Okafor said she and Finance Minister Paulo Renner had a meeting in Oslo on Sunday.',
    ]);
    expect(meetings(seed)).toEqual([['leah-okafor+paulo-renner', '2024-05-19', 'DAY']]);
  });

  it('dates "last week" at month precision, "last month" to the previous month, and "since June" as a bound', () => {
    const ctx = dateContext('2024-06-04T09:00:00Z'); // a Tuesday; last week's Monday is May 27
    const found = findDates('They met last week. They met last month. Prices rose since June.', ctx);
    expect(found.map((d) => [d.day, d.precision, d.bound ?? false])).toEqual([
      ['2024-05-01', 'MONTH', false],
      ['2024-05-01', 'MONTH', false],
      ['2024-06-01', 'MONTH', true],
    ]);
  });

  it('keeps the weekday in the caption and cuts the credit after it', () => {
    expect(splitCredit('Delegates shake hands in Lisbon, Wednesday. Coastal Ledger photo by Marta Quintero')).toEqual({
      text: 'Delegates shake hands in Lisbon, Wednesday.',
      credit: 'Coastal Ledger photo by Marta Quintero',
    });
    expect(splitCredit('Soldiers march at the base on Monday. U.S. Army photo by John Roe')?.credit).toBe(
      'U.S. Army photo by John Roe',
    );
  });
});
