import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/http/server.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { execute } from '../support/graphql.js';
import { ingestAndRead, rawArticle } from './helpers.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase('ingest_quotes');
});
afterAll(async () => t?.dispose());

describe('quote attribution, stored through the real pipeline', () => {
  it('reads straight and curly quotes, full and partial, with spans that point into the paragraph', async () => {
    const facts = await ingestAndRead(
      t.collections,
      rawArticle('Quotes in two styles', [
        'Trade Minister Ana Duarte said the tariff was "a mistake" that would hurt farmers.',
        '“We will respond in kind,” Duarte told reporters.',
      ]),
    );
    expect(facts.outcome.status).toBe('INGESTED');
    expect(facts.quotes.map((q) => [q.paragraph, q.text, q.speaker, q.kind])).toEqual([
      [1, 'a mistake', 'ana-duarte', 'PARTIAL'],
      [2, 'We will respond in kind', 'ana-duarte', 'FULL'],
    ]);
    for (const q of facts.quotes) expect(facts.paragraphs[q.paragraph - 1]!.slice(q.start, q.end)).toBe(q.text);
    expect(facts.quotes[1]!.cue).toBe('told');
  });

  it('attributes before and after the quote: `"…," X said`, `said X, a …`, `X said "…"`, `X said: "…"`, `according to X`', async () => {
    const facts = await ingestAndRead(
      t.collections,
      rawArticle('Attribution positions', [
        '"Prices will fall by summer," Governor Lena Brandt said on Monday.',
        '"The data are mixed," said Omar Haddad, an economist at the Cedar Institute.',
        'Haddad said "inflation is sticky" in services.',
        'Brandt said: "We are watching wages closely."',
        'Rates would stay high for "as long as necessary," according to Brandt.',
      ]),
    );
    expect(facts.quotes.map((q) => [q.paragraph, q.speaker, q.cue])).toEqual([
      [1, 'lena-brandt', 'said'],
      [2, 'omar-haddad', 'said'],
      [3, 'omar-haddad', 'said'],
      [4, 'lena-brandt', 'said'],
      [5, 'lena-brandt', 'according to'],
    ]);
    expect(facts.quotes[0]!.date).toBe('2024-05-20'); // "on Monday", published Tuesday 2024-05-21
    expect(facts.quotes[3]!.kind).toBe('FULL');
    expect(facts.quotes[2]!.kind).toBe('PARTIAL');
  });

  it('continues a quote into the next paragraph (CONTINUATION) and inherits the speaker within a paragraph', async () => {
    const facts = await ingestAndRead(
      t.collections,
      rawArticle('A quote over two paragraphs', [
        '"We did not choose this fight," union leader Marta Silva said. "But we will finish it.',
        '"Nobody said this would be quick."',
        'Analysts expect a long strike.',
      ]),
    );
    expect(facts.quotes.map((q) => [q.paragraph, q.text, q.speaker, q.kind])).toEqual([
      [1, 'We did not choose this fight', 'marta-silva', 'FULL'],
      [1, 'But we will finish it', 'marta-silva', 'FULL'],
      [2, 'Nobody said this would be quick', 'marta-silva', 'CONTINUATION'],
    ]);
    // An inherited or continued attribution is less certain than a direct one.
    expect(facts.quotes[2]!.confidence).toBeLessThan(facts.quotes[0]!.confidence);
  });

  it('takes X, not Z, as the speaker of `X was quoted as telling Y by Z`, with Y the addressee and Z the reporter', async () => {
    const facts = await ingestAndRead(
      t.collections,
      rawArticle('Quoted as telling', [
        'Prime Minister Olav Lund met Ambassador Rita Moreau in Oslo.',
        '"The door remains open," Lund was quoted as telling Moreau by government spokesman Nils Berg.',
      ]),
    );
    const q = facts.quotes.find((x) => x.paragraph === 2)!;
    expect(q).toMatchObject({
      speaker: 'olav-lund',
      addressee: 'rita-moreau',
      reportedByPerson: 'nils-berg',
      cue: 'was quoted as telling',
    });
  });

  it('ignores "X said" inside a quote and drops quotes an organization or a group said', async () => {
    const facts = await ingestAndRead(
      t.collections,
      rawArticle('Words inside quotes', [
        'Senator Carla Ruiz, a member of the budget panel, spoke after the vote.',
        '"Webb said the plan was dead. It is not," Ruiz said.',
        'The Finance Ministry said the plan was "under review."',
        'Several analysts said the vote was "a turning point."',
      ]),
    );
    expect(facts.quotes.map((q) => [q.paragraph, q.speaker])).toEqual([[2, 'carla-ruiz']]);
    expect(facts.quotes[0]!.text).toBe('Webb said the plan was dead. It is not');
  });

  it('resolves surnames, titles and pronouns by the nearest unambiguous mention and the role, not the first match', async () => {
    const facts = await ingestAndRead(
      t.collections,
      rawArticle('Two Kims and a minister', [
        'Kim Hae-won, the sister of opposition leader Kim Tae-su, criticized the budget, saying it was "reckless."',
        '"The government is borrowing from our children," Kim said.',
        'Kim Tae-su met Unification Minister Choi Jin-ho on Monday.',
        '"We need a plan," the unification minister said afterwards.',
        'Opposition leader Kim told reporters the meeting was "useful."',
        'He added that the talks would continue "in good faith."',
      ]),
    );
    expect(facts.quotes.map((q) => [q.paragraph, q.speaker])).toEqual([
      [1, 'kim-hae-won'],
      // The nearest salient Kim is the sister; Kim Tae-su appears only inside her description.
      [2, 'kim-hae-won'],
      [4, 'choi-jin-ho'],
      // The title picks the leader among two Kims.
      [5, 'kim-tae-su'],
      // The pronoun follows the previous sentence's subject.
      [6, 'kim-tae-su'],
    ]);
  });

  it("stores an attribution confidence that the API's quotes(filter: {minConfidence}) uses", async () => {
    // Its own database, so no quote from another test is counted.
    const own = await openTestDatabase('ingest_quotes_confidence');
    try {
      const facts = await ingestAndRead(
        own.collections,
        rawArticle('Confidence', [
          '"Direct words," Mayor Ivo Petrov said.',
          'Petrov also said the budget was "tight."',
          'He added: "More to come."',
        ]),
      );
      expect(facts.quotes).toHaveLength(3);
      for (const q of facts.quotes) {
        expect(q.confidence).toBeGreaterThan(0);
        expect(q.confidence).toBeLessThanOrEqual(1);
      }
      const levels = [...new Set(facts.quotes.map((q) => q.confidence))].sort((x, y) => x - y);
      expect(levels.length).toBeGreaterThan(1);

      const yoga = createServer({ collections: own.collections, logger: createLogger('silent') });
      const count = async (minConfidence: number) => {
        const r = await execute(
          yoga,
          'query ($min: Float) { quotes(first: 50, filter: { minConfidence: $min }) { totalCount edges { node { confidence } } } }',
          { min: minConfidence },
        );
        expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
        const nodes = r.body.data.quotes.edges.map((e: { node: { confidence: number } }) => e.node.confidence);
        expect(nodes.every((c: number) => c >= minConfidence)).toBe(true);
        expect(r.body.data.quotes.totalCount).toBe(nodes.length);
        return nodes.length;
      };
      expect(await count(0)).toBe(3);
      // Raising the floor past the least sure attribution drops it, and the count follows each level.
      const counts = await Promise.all(levels.map(count));
      expect(counts).toEqual(levels.map((level) => facts.quotes.filter((q) => q.confidence >= level).length));
      expect(counts[1]!).toBeLessThan(3);
      expect(new Set(counts).size).toBe(levels.length);
      // Each stored quote says which attribution sieve found its speaker.
      const sieves = await execute(yoga, '{ quotes(first: 50) { edges { node { text sieve } } } }');
      expect(sieves.body.errors, JSON.stringify(sieves.body.errors)).toBeUndefined();
      const bySieve = Object.fromEntries(
        sieves.body.data.quotes.edges.map((e: { node: { text: string; sieve: string } }) => [
          e.node.text,
          e.node.sieve,
        ]),
      );
      expect(bySieve).toEqual({ 'Direct words': 'after-quote', tight: 'before-quote', 'More to come': 'before-quote' });
    } finally {
      await own.dispose();
    }
  });
});
