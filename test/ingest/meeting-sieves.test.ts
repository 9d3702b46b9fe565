import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/ingest/extract.js';
import { MEETING_SIEVES } from '../../src/ingest/meetings.js';
import { rawArticle } from './helpers.js';

// Rule tests for the meeting sieves: our own sentences with invented people, no database.
// Published Tuesday 2024-05-21, so "Monday" is 2024-05-20 and "Saturday" 2024-05-18.
const extract = (paragraphs: string[], published = '2024-05-21 03:36:45') =>
  extractArticle(rawArticle('Talks', paragraphs, { published }), 'sieves.txt').seed;
type Seed = ReturnType<typeof extract>;
const all = (seed: Seed) => seed.meetings ?? [];
/** Meetings that took place in person, as "a+b (date) [sieve]". */
const held = (seed: Seed) =>
  all(seed)
    .filter((m) => m.kind !== 'CALL' && m.status !== 'PLANNED')
    .map((m) => `${[...m.participants].sort().join('+')} ${m.date}`);
const calls = (seed: Seed) =>
  all(seed)
    .filter((m) => m.kind === 'CALL')
    .map((m) => m.participants.join('+'));
const planned = (seed: Seed) =>
  all(seed)
    .filter((m) => m.status === 'PLANNED')
    .map((m) => m.participants.join('+'));

describe('meeting sieves', () => {
  it('are an ordered list of { id, strength, apply } with distinct ids', () => {
    const ids = MEETING_SIEVES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of MEETING_SIEVES) {
      expect(s.strength).toBeGreaterThan(0);
      expect(s.strength).toBeLessThanOrEqual(1);
      expect(typeof s.apply).toBe('function');
    }
  });

  it('records the sieve and its confidence on every meeting', () => {
    const seed = extract(['Trade Minister Olav Brekke met Finance Minister Ruth Amadi in Lagos on Monday.']);
    expect(all(seed).map((m) => [m.sieve, m.confidence])).toEqual([['met', 0.9]]);
  });

  it('reads "received", "hosted" and the passive "was welcomed … by"', () => {
    const seed = extract([
      'President Tomas Varga received Prime Minister Ilse Korhonen at the palace on Monday.',
      'Governor Ama Boateng was welcomed at Kotoka airport by Mayor Kweku Mensah on Saturday.',
    ]);
    expect(held(seed)).toEqual(['ilse-korhonen+tomas-varga 2024-05-20', 'ama-boateng+kweku-mensah 2024-05-18']);
    expect(all(seed).map((m) => m.sieve)).toEqual(['received', 'welcomed-by']);
  });

  it('reads "accorded X a warm welcome" with X written as a role', () => {
    const seed = extract([
      'Latvian Prime Minister Rasa Ozola flew to Vilnius on Monday.',
      'Lithuanian President Jonas Petraitis accorded the Latvian PM a warm welcome at the airport.',
    ]);
    expect(held(seed)).toEqual(['jonas-petraitis+rasa-ozola 2024-05-21']);
  });

  it('reads "paid a courtesy call on" as a meeting in person, not a call', () => {
    const seed = extract(['Ambassador Lena Holm paid a courtesy call on Governor Musa Danjuma on Monday.']);
    expect(held(seed)).toEqual(['lena-holm+musa-danjuma 2024-05-20']);
    expect(calls(seed)).toEqual([]);
  });

  it('counts "a delegation led by X" as X', () => {
    const seed = extract([
      'Premier Karim Haddad held talks with a Zafrani delegation led by senior negotiator Yusuf Omran on Monday.',
    ]);
    expect(held(seed)).toEqual(['karim-haddad+yusuf-omran 2024-05-20']);
  });

  it('finds an object named after its role and a comma', () => {
    const seed = extract([
      'Minister Arjun Mehra also met UN special envoy on water rights, Ambassador Clara Voss, in Geneva.',
    ]);
    expect(held(seed)).toEqual(['arjun-mehra+clara-voss 2024-05-21']);
    // No title before the name: the role between the meeting verb and the comma is the evidence.
    const bare = extract(['Minister Arjun Mehra also met UN special envoy on water rights, Clara Voss, in Geneva.']);
    expect(held(bare)).toEqual(['arjun-mehra+clara-voss 2024-05-21']);
  });

  it('makes one meeting of more than two: "discussed … with X, Y and Z"', () => {
    const seed = extract([
      'Chancellor Greta Lind discussed trade with President Omar Diallo, Premier Ken Sato and Prime Minister Ana Ruiz over lunch on Monday.',
    ]);
    expect(held(seed)).toEqual(['ana-ruiz+greta-lind+ken-sato+omar-diallo 2024-05-20']);
  });

  it('keeps "held separate talks with X and Y" as two meetings', () => {
    const seed = extract(['Envoy Paul Girard held separate talks with Minister Eva Novak and Minister Ivo Horvat.']);
    expect(held(seed)).toEqual(['eva-novak+paul-girard 2024-05-21', 'ivo-horvat+paul-girard 2024-05-21']);
  });

  it('splits "talks with X and Y" into the pairs the article reports on their own', () => {
    const seed = extract([
      'Envoy Paul Girard had talks with Minister Eva Novak and Minister Ivo Horvat on Monday.',
      'Girard met Novak at the ministry. Later, Girard met Horvat at his office.',
    ]);
    expect(held(seed).sort()).toEqual(['eva-novak+paul-girard 2024-05-20', 'ivo-horvat+paul-girard 2024-05-20']);
  });

  it('resolves "met with his counterparts from A and B" to the article\'s holders of that role', () => {
    const seed = extract([
      'Foreign Minister Leyla Aksoy met with his counterparts from Chile and Peru on Monday.',
      '"We talked about copper with Chilean Foreign Minister Diego Soto," Aksoy said.',
      'Peruvian Foreign Minister Rosa Quispe called the talks useful.',
    ]);
    expect(held(seed)).toEqual(['diego-soto+leyla-aksoy 2024-05-20', 'leyla-aksoy+rosa-quispe 2024-05-20']);
  });

  it('gives a role-only subject to the person holding that title', () => {
    const seed = extract([
      'The Interior Minister Sami Karam flew to Amman.',
      'Interior Minister held long discussions on border security with Jordanian Interior Minister Omar Hadid on Monday.',
    ]);
    expect(held(seed)).toEqual(['omar-hadid+sami-karam 2024-05-20']);
  });

  it('adds the people named as present to a meeting with a group', () => {
    const seed = extract([
      'President Daniel Kibet met county leaders at the palace on Monday.',
      'Governor Mary Wanjiru and Senator Peter Otieno were present.',
    ]);
    expect(held(seed)).toEqual(['daniel-kibet+mary-wanjiru+peter-otieno 2024-05-20']);
  });

  it('stores phone and video calls as kind CALL, never among meetings held', () => {
    const seed = extract([
      'President Ivo Marin spoke by phone with Chancellor Eva Brandt on Friday.',
      'Premier Lin Hao held a video call with Premier Sara Holm.',
    ]);
    expect(held(seed)).toEqual([]);
    expect(calls(seed)).toEqual(['eva-brandt+ivo-marin', 'lin-hao+sara-holm']);
  });

  it('stores planned, proposed and cancelled meetings as PLANNED', () => {
    const seed = extract([
      'President Ivo Marin is expected to meet with Chancellor Eva Brandt next month.',
      'Premier Lin Hao cancelled a meeting with Premier Sara Holm.',
      'Minister Ada Kaya agreed to a future meeting with Minister Ben Oduya.',
    ]);
    expect(held(seed)).toEqual([]);
    expect(planned(seed)).toEqual(['eva-brandt+ivo-marin', 'lin-hao+sara-holm', 'ada-kaya+ben-oduya']);
  });

  it('never merges meetings whose places differ, however the dates line up', () => {
    const seed = extract([
      'Defense Minister Jun Park met Defense Minister Aki Mori in Seoul on Monday.',
      'Park and Mori first met in Manila in May.',
    ]);
    expect(held(seed)).toEqual(['aki-mori+jun-park 2024-05-20', 'aki-mori+jun-park 2024-05-01']);
  });

  it("dates a detail paragraph by its lead when the lead's people stay unresolved", () => {
    const seed = extract([
      'Norway’s premier met a rebel delegation in Oslo on Saturday.',
      'Premier Erik Dahl held talks with a rebel team led by commander Ali Warsame, officials said.',
    ]);
    expect(held(seed)).toEqual(['ali-warsame+erik-dahl 2024-05-18']);
  });

  it('reads an abbreviated month: "on Sept. 14"', () => {
    const seed = extract(['Minister Olu Bello met Minister Kofi Asare in Accra on Sept. 14.'], '2024-09-21 10:00:00');
    expect(held(seed)).toEqual(['kofi-asare+olu-bello 2024-09-14']);
  });
});
