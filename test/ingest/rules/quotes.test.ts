import { describe, expect, it } from 'vitest';
import { QUOTE_SIEVES } from '../../../src/ingest/quotes.js';
import { singleQuotedSpans } from '../../../src/ingest/text.js';
import { extract } from './helpers.js';

// Sentences of our own with invented names; each rule of the quote attribution sieves has one.
describe('quote attribution sieves (in memory, no database)', () => {
  it('are an ordered list of { id, strength, apply } with distinct ids, the sentence sieves first', () => {
    const ids = QUOTE_SIEVES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 3)).toEqual(['after-quote', 'before-quote', 'sentence-end']);
    for (const s of QUOTE_SIEVES) {
      expect(s.strength).toBeGreaterThan(0);
      expect(s.strength).toBeLessThanOrEqual(1);
    }
  });

  it('records the deciding sieve and its confidence: strength × how surely the speaker resolved', () => {
    const { seed, quotes } = extract([
      'Harbour master Ines Valcourt inspected the new pier on Friday.',
      '"The pier will open in spring," Ines Valcourt said.',
      '"We will need more staff before then."',
      'The pier cost less than planned.',
      '“Every berth is booked for the summer.”',
    ]);
    expect(quotes.map(([p, , , sieve]) => [p, sieve])).toEqual([
      [2, 'after-quote'],
      [3, 'continued-paragraph'],
      [5, 'paragraph-context'],
    ]);
    // A unique full name resolves at 0.95: 0.97 × 0.95 = 0.92; the context sieves say less
    // (a closed quote before: 0.92 × 0.75; an earlier paragraph's speaker: 0.6).
    expect(seed.quotes!.map((q) => q.confidence)).toEqual([0.92, 0.69, 0.6]);
  });

  it('header-speaker: an upper-case line names the speaker of the quote paragraphs under it', () => {
    const { quotes, seed } = extract([
      'Ministers gave their first reactions on arrival at the summit.',
      'ADA LINDQVIST, FINANCE MINISTER OF RURITANIA',
      '"We came here to find an agreement and we will stay until we have one."',
      '"Nobody should expect miracles tonight."',
      'TOMAS VAN DER BERG, PRIME MINISTER OF NOVARIA',
      '"I am less hopeful than I was a week ago."',
    ]);
    expect(quotes.map(([p, who, , sieve]) => [p, who, sieve])).toEqual([
      [3, 'Ada Lindqvist', 'header-speaker'],
      [4, 'Ada Lindqvist', 'continued-paragraph'],
      [6, 'Tomas van der Berg', 'header-speaker'],
    ]);
    expect(seed.persons.find((p) => p.name === 'Ada Lindqvist')?.role).toMatch(/finance minister/i);
  });

  it('an upper-case line that is a section heading, or that no quote follows, names nobody', () => {
    const { quotes, persons } = extract([
      'MARKET REPORT',
      '"Prices are falling," one trader said.',
      'OLGA BRANDT, TRADER',
      'The session closed early.',
    ]);
    expect(quotes).toEqual([]);
    expect(persons).not.toContain('Olga Brandt');
  });

  it('single quotation marks are quotes; apostrophes inside words are not', () => {
    const { quotes } = extract([
      'The club lost its fourth game in a row on Saturday.',
      'Coach Rafael Okonjo told supporters he knew ‘we can’t keep losing like this.’',
      "Okonjo's assistant didn't comment, and the players' union said 'nothing at all' about it.",
    ]);
    expect(quotes.map(([p, who, text]) => [p, who, text])).toEqual([
      [2, 'Rafael Okonjo', 'we can’t keep losing like this'],
    ]);
    expect(singleQuotedSpans("It isn't O'Neill's call, the 'final' word is hers.").length).toBe(1);
  });

  it('paragraph-context: a quote-only paragraph after the paragraph that introduced its speaker', () => {
    const { quotes } = extract([
      "The president's spokesperson Lerato Dube held a briefing on Wednesday about the week ahead.",
      '“There are conversations taking place at every level of government.',
      '“Ultimately the two leaders will speak, but I cannot give a date.”',
      'Dube said trade ties between the two countries were long-standing.',
      'Exports rose for a third year running.',
      '“It is a relationship that has always served both sides.”',
    ]);
    expect(quotes.map(([p, who, , sieve]) => [p, who, sieve])).toEqual([
      [2, 'Lerato Dube', 'paragraph-context'],
      [3, 'Lerato Dube', 'continued-paragraph'],
      [6, 'Lerato Dube', 'paragraph-context'],
    ]);
  });

  it('a past-tense verb after a full name makes it a person, and "he began" attributes a quote', () => {
    const { quotes } = extract([
      'Ivo Marchetti apologised to the fans after the defeat.',
      '“I am angry because of what it means for the team,” he began.',
    ]);
    expect(quotes.map(([p, who, , sieve]) => [p, who, sieve])).toEqual([[2, 'Ivo Marchetti', 'after-quote']]);
  });
});

describe('attribution phrasings (in memory, no database)', () => {
  const LEAD = 'Officials met in the capital on Tuesday to discuss the budget.';

  it('quoted posts and written statements: tweeted, wrote on, posted, said in a statement', () => {
    const { quotes } = extract([
      LEAD,
      '"Our doors remain open to dialogue," Senator Ilse Norgaard wrote on social media.',
      '"This is a sad day for the city," Norgaard posted on Friday.',
      '"We regret the decision," Norgaard said in a statement.',
      '"Back to work," Norgaard tweeted.',
    ]);
    expect(quotes.map(([p, who]) => [p, who])).toEqual([
      [2, 'Ilse Norgaard'],
      [3, 'Ilse Norgaard'],
      [4, 'Ilse Norgaard'],
      [5, 'Ilse Norgaard'],
    ]);
  });

  it('appositive attribution: `"…," X, the spokeswoman, said`', () => {
    const { quotes } = extract([LEAD, '"We will not cut pensions," Hana Petrov, the spokeswoman, said.']);
    expect(quotes.map(([p, who]) => [p, who])).toEqual([[2, 'Hana Petrov']]);
  });

  it('`the minister also said` is the last person with that role', () => {
    const { quotes } = extract([
      LEAD,
      'Finance Minister Jorge Almeda presented the plan to Senator Ilse Norgaard.',
      '"The numbers add up," the minister also said.',
    ]);
    expect(quotes.map(([p, who]) => [p, who])).toEqual([[3, 'Jorge Almeda']]);
  });

  it('a speaker named only after a long quote', () => {
    const { quotes } = extract([
      LEAD,
      '"We have listened to farmers, to workers and to the business community, and this budget reflects what they told us over many months of consultations in every region," said Finance Minister Jorge Almeda.',
    ]);
    expect(quotes.map(([p, who]) => [p, who])).toEqual([[2, 'Jorge Almeda']]);
  });

  it('reported speech (`said that …`) is not a quote', () => {
    const { quotes } = extract([
      LEAD,
      'Finance Minister Jorge Almeda said that the reform would take years and that nobody would lose.',
    ]);
    expect(quotes).toEqual([]);
  });

  it('a quote whose paragraph names a non-person speaker is not given to the previous speaker', () => {
    const { quotes } = extract([
      LEAD,
      'Finance Minister Jorge Almeda presented the plan on Monday.',
      '"The plan was reviewed and approved by the cabinet after a long discussion," the statement said.',
    ]);
    expect(quotes).toEqual([]);
  });

  it('dash-attribution: `"…" — X` credits the name after the dash; an organization so credited drops the quote', () => {
    const { quotes } = extract([
      'The harbour reopened on Friday after a week of storms.',
      '"We lost two boats and no people." — Ines Valcourt, harbour master',
      '“The fleet will be back at sea by Monday.” – Piet Haller',
      '"Calm seas from tomorrow." — Harbour Weather Office',
    ]);
    expect(quotes.map(([p, who, text, sieve]) => [p, who, text, sieve])).toEqual([
      [2, 'Ines Valcourt', 'We lost two boats and no people', 'dash-attribution'],
      [3, 'Piet Haller', 'The fleet will be back at sea by Monday', 'dash-attribution'],
    ]);
  });

  it('a relative clause that states a role (`X, who is also the finance minister,`) makes the role theirs', () => {
    const { quotes, seed } = extract([
      'Ana Ruiz, who is also the finance minister, opened the new bridge on Friday.',
      '"It is done at last," the finance minister said.',
      'Piet Haller, who was born in Lindau, met Ruiz there.',
    ]);
    expect(quotes.map(([p, who]) => [p, who])).toEqual([[2, 'Ana Ruiz']]);
    expect(seed.persons.map((p) => [p.name, p.role])).toEqual([
      ['Ana Ruiz', 'Finance minister'],
      ['Piet Haller', null],
    ]);
  });
});
