import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleId } from '../../src/db/ids.js';
import { extractArticle } from '../../src/ingest/extract.js';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { ingestAndRead, rawArticle } from './helpers.js';

// Published Tuesday 2024-05-21.
const raw = rawArticle(
  'Envoy tours the capital',
  [
    'Special envoy Mira Halden met Foreign Minister Tomas Vrba on Tuesday.',
    'After the meeting with the foreign minister, Halden met President Ines Kowal at the Castle.',
    'After meeting with Kowal, Halden had talks with Defense Minister Otto Brandt.',
  ],
  {
    captions: [
      'President Ines Kowal greets special envoy Mira Halden before their meeting at the Castle, Tuesday. Halden also had talks with Defense Minister Otto Brandt earlier in the day. Reuters',
    ],
  },
);

type Claim = { source: string; index: number; relation?: string; relativeTo?: string };
const claimsOf = (key: string) => {
  const m = extractArticle(raw, 'ordering.txt').seed.meetings!.find((x) => x.key === key)!;
  return {
    claims: (m.claims as Claim[]).map((c) => [c.source, c.index, c.relation ?? null, c.relativeTo ?? null]),
    conflict: m.conflict ?? null,
  };
};

describe('meeting order claims', () => {
  it('orders the opening phrase\'s meeting before the main clause\'s ("After the meeting with X, Y met Z")', () => {
    expect(claimsOf('mira-halden-tomas-vrba').claims).toContainEqual(['BODY', 2, 'BEFORE', 'ines-kowal-mira-halden']);
    expect(claimsOf('ines-kowal-mira-halden').claims).toContainEqual(['BODY', 2, 'AFTER', 'mira-halden-tomas-vrba']);
  });

  it('records a conflict when the body says "after" and a caption "earlier in the day", keeping both claims', () => {
    const brandt = claimsOf('mira-halden-otto-brandt');
    expect(brandt.claims).toEqual([
      ['BODY', 3, 'AFTER', 'ines-kowal-mira-halden'],
      ['CAPTION', 1, 'BEFORE', 'ines-kowal-mira-halden'],
    ]);
    expect(brandt.conflict).toBe(
      'The body (paragraph 3) places this meeting after ines-kowal-mira-halden; caption 1 places it before. Both claims are kept.',
    );
    // Claims that agree are no conflict.
    expect(claimsOf('mira-halden-tomas-vrba').conflict).toBeNull();
  });

  it('matches the orderings curated in the seed article for the Suh Hoon talks', async () => {
    const { readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { DEFAULT_SEEDS_DIR } = await import('../../src/seed/load.js');
    const name = 'korea-times-2024-05-21-north-korea-rejects-talks';
    const seed = extractArticle(await readFile(join(DEFAULT_SEEDS_DIR, `${name}.txt`)), `${name}.txt`).seed;
    const curated = JSON.parse(await readFile(join(DEFAULT_SEEDS_DIR, `${name}.json`), 'utf8')) as {
      meetings: { participants: string[]; claims: Claim[]; conflict?: string }[];
    };
    const byPeople = <T extends { participants: string[] }>(ms: T[], p: string[]) =>
      ms.find((m) => [...m.participants].sort().join() === [...p].sort().join())!;
    const keyPeople = (meetings: { key: string; participants: string[] }[], key: string) =>
      [...meetings.find((m) => m.key === key)!.participants].sort().join('+');
    for (const c of curated.meetings) {
      const ours = byPeople(seed.meetings!, c.participants);
      for (const claim of c.claims.filter((x) => x.relation)) {
        const match = (ours.claims as Claim[]).find((x) => x.source === claim.source && x.index === claim.index);
        expect(match?.relation).toBe(claim.relation);
        expect(keyPeople(seed.meetings as never, match!.relativeTo!)).toBe(
          keyPeople(curated.meetings as never, claim.relativeTo!),
        );
      }
      expect(Boolean(ours.conflict)).toBe(Boolean(c.conflict));
    }
  });
});

// The same facts in other words: "Before her talks with", "sat down with", "Following her meeting
// with", and a caption that opens with "Earlier in the day," after "ahead of their talks".
describe('meeting order claims, worded differently from the seed caption', () => {
  const variant = rawArticle(
    'Commissioner visits Delhi',
    [
      'Trade Commissioner Lena Ostrova held talks with Finance Minister Raj Menon in Delhi on Tuesday.',
      'Before her talks with Menon, Ostrova sat down with Governor Aldo Rossi.',
      'Following her meeting with Rossi, Ostrova had talks with Commerce Secretary Priya Nair.',
    ],
    {
      captions: [
        'Finance Minister Raj Menon, right, shakes hands with Trade Commissioner Lena Ostrova ahead of their talks in New Delhi, Tuesday. Earlier in the day, Ostrova met Governor Aldo Rossi. AP',
      ],
    },
  );
  const meetingsOf = () => extractArticle(variant, 'variant.txt').seed.meetings!;
  const claims = (key: string) =>
    (meetingsOf().find((m) => m.key === key)!.claims as Claim[]).map((c) => [
      c.source,
      c.index,
      c.relation ?? null,
      c.relativeTo ?? null,
    ]);

  it('orders "Before her talks with X, Y sat down with Z" and "Following her meeting with Z, Y had talks with W"', () => {
    expect(claims('lena-ostrova-raj-menon')).toContainEqual(['BODY', 2, 'AFTER', 'aldo-rossi-lena-ostrova']);
    expect(claims('aldo-rossi-lena-ostrova')).toContainEqual(['BODY', 2, 'BEFORE', 'lena-ostrova-raj-menon']);
    expect(claims('lena-ostrova-priya-nair')).toEqual([['BODY', 3, 'AFTER', 'aldo-rossi-lena-ostrova']]);
  });

  it('reads a caption opening with "Earlier in the day," as a claim that agrees with the body (no conflict)', () => {
    expect(claims('aldo-rossi-lena-ostrova')).toContainEqual(['CAPTION', 1, 'BEFORE', 'lena-ostrova-raj-menon']);
    expect(claims('lena-ostrova-raj-menon')).toContainEqual(['CAPTION', 1, null, null]);
    expect(meetingsOf().every((m) => !m.conflict)).toBe(true);
  });
});

describe('meeting order claims through the real pipeline', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase('ingest_ordering');
  });
  afterAll(async () => t?.dispose());

  it('stores relation, relativeToKey and the conflict note', async () => {
    const facts = await ingestAndRead(t.collections, raw, 'ordering.txt');
    expect(facts.outcome.reason).toBeNull();
    const stored = await t.collections.meetings.findOne({
      articleId: articleId(facts.outcome.article!),
      key: 'mira-halden-otto-brandt',
    });
    expect(stored?.claims.map((c) => [c.source, c.relation, c.relativeToKey])).toEqual([
      ['BODY', 'AFTER', 'ines-kowal-mira-halden'],
      ['CAPTION', 'BEFORE', 'ines-kowal-mira-halden'],
    ]);
    expect(stored?.conflict).toMatch(/places this meeting after/);
  });
});
