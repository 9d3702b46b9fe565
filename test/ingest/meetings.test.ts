import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../support/db.js';
import { ingestAndRead, rawArticle } from './helpers.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase('ingest_meetings');
});
afterAll(async () => t?.dispose());

// Published Tuesday 2024-05-21, so "Monday" is 2024-05-20.
describe('meeting extraction, stored through the real pipeline', () => {
  it('finds "X met Y", "meeting with", "talks with" and "shakes hands with", with the date and place given', async () => {
    const facts = await ingestAndRead(
      t.collections,
      rawArticle('Envoys meet', [
        'Foreign Minister Aiko Mori met Ambassador Pedro Alves in Lisbon on Monday.',
        'After meeting with Alves, Mori held talks with Defense Minister Jonas Weber.',
        'Weber later shook hands with Alves at the Belem Palace.',
        'Mori will meet Weber again next month.',
      ]),
    );
    expect(facts.meetings.map((m) => [m.participants.join('+'), m.paragraph, m.kind, m.date])).toEqual([
      // "After meeting with Alves" (paragraph 2) is the Monday meeting again, not a second one.
      ['aiko-mori+pedro-alves', 1, 'MEETING', '2024-05-20'],
      ['aiko-mori+jonas-weber', 2, 'TALKS', '2024-05-21'],
      ['jonas-weber+pedro-alves', 3, 'MEETING', '2024-05-21'],
    ]);
    expect(facts.meetings[0]!.location).toBe('Lisbon');
    expect(facts.meetings[0]!.claims).toBe(2);
    expect(facts.meetings[2]!.location).toBe('Belem Palace');
  });

  it('reads "before their meeting at P" and "earlier in the day" in a caption, merging with the body', async () => {
    const facts = await ingestAndRead(
      t.collections,
      rawArticle('Leaders in Seoul', ['Premier Hana Okoro met Chancellor Felix Brandauer to discuss trade.'], {
        captions: [
          'Premier Hana Okoro greets Chancellor Felix Brandauer before their meeting at the Blue House, Tuesday. Okoro also had talks with Mayor Sami Larsen earlier in the day. Yonhap',
        ],
      }),
    );
    expect(facts.meetings.map((m) => [m.participants.join('+'), m.date, m.location, m.claims])).toEqual([
      ['felix-brandauer+hana-okoro', '2024-05-21', 'Blue House', 2],
      ['hana-okoro+sami-larsen', '2024-05-21', null, 1],
    ]);
    // A meeting only the caption reports is filed under the first paragraph naming its people.
    expect(facts.meetings[1]!.paragraph).toBe(1);
  });

  it('reads a caption worded otherwise: "X, left, and Y pose … prior to their talks at P", "had met Z earlier in the day"', async () => {
    const facts = await ingestAndRead(
      t.collections,
      rawArticle('Leaders in Vienna', ['Premier Hana Okoro met Chancellor Felix Brandauer to discuss trade.'], {
        captions: [
          'Chancellor Felix Brandauer, left, and Premier Hana Okoro pose for photos prior to their talks at the Chancellery, Tuesday. Okoro had met Mayor Sami Larsen earlier in the day. Pool photo',
        ],
      }),
      'vienna.txt',
    );
    expect(facts.meetings.map((m) => [m.participants.join('+'), m.date, m.location, m.claims])).toEqual([
      ['felix-brandauer+hana-okoro', '2024-05-21', 'Chancellery', 2],
      ['hana-okoro+sami-larsen', '2024-05-21', null, 1],
    ]);
  });

  it('makes one meeting per summit for "three summits between X and Y that year", and resolves "in May"', async () => {
    const facts = await ingestAndRead(
      t.collections,
      rawArticle('Summit history', [
        'The forum was founded in March 2019, after three summits between President Lara Voss and Premier Ken Adachi that year.',
        'The summit between Voss and Adachi in May produced a trade pact.',
      ]),
    );
    const summits = facts.meetings.filter((m) => m.kind === 'SUMMIT');
    expect(summits.filter((m) => m.date === '2019-01-01' && m.precision === 'YEAR')).toHaveLength(3);
    expect(summits.filter((m) => m.date === '2024-05-01' && m.precision === 'MONTH')).toHaveLength(1);
    expect(new Set(summits.map((m) => m.participants.join('+')))).toEqual(new Set(['ken-adachi+lara-voss']));
    expect(new Set(facts.meetings.map((m) => m.key)).size).toBe(facts.meetings.length);
  });

  it('resolves participants written as titles and pronouns ("his meeting with the unification minister")', async () => {
    const facts = await ingestAndRead(
      t.collections,
      rawArticle('Envoy visits ministry', [
        'U.S. special envoy Mark Rhee arrived in Seoul on Monday and spoke with Unification Minister Yoon Se-ra by phone.',
        'During his meeting with the unification minister, Tuesday, Rhee said talks were "overdue."',
      ]),
    );
    expect(facts.meetings.map((m) => [m.participants.join('+'), m.paragraph, m.date])).toEqual([
      ['mark-rhee+yoon-se-ra', 2, '2024-05-21'],
    ]);
    expect(facts.quotes.map((q) => q.speaker)).toEqual(['mark-rhee']);
  });

  it('does not report planned meetings or meetings without two named people', async () => {
    const facts = await ingestAndRead(
      t.collections,
      rawArticle('No meetings here', [
        'Secretary Dana Cole is set to meet President Ivan Sokol on Friday.',
        'Cole said the Group of 20 summit was "crucial," and the two ministers would meet again in June.',
      ]),
    );
    expect(facts.meetings).toEqual([]);
    // The plan is stored apart, with status PLANNED, so a client asking for plans finds it.
    expect(facts.setAside).toEqual([{ participants: ['dana-cole', 'ivan-sokol'], kind: 'MEETING', status: 'PLANNED' }]);
  });
});
