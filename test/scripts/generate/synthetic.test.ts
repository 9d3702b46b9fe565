import { describe, expect, it } from 'vitest';
import { countsFor, describeGraph, generateNewsGraph } from '../../../scripts/generate/synthetic.js';
import { SLUG_PATTERN } from '../../../src/model/articleGraph.js';

/** The benchmark's synthetic news graph: deterministic, and the shape the issue promises. */
describe('synthetic news graph generator', () => {
  it('is deterministic: same scale and seed, same graph; another seed, another graph', () => {
    const a = JSON.stringify(generateNewsGraph({ scale: 0.02, seed: 'x' }).graphs);
    const b = JSON.stringify(generateNewsGraph({ scale: 0.02, seed: 'x' }).graphs);
    const c = JSON.stringify(generateNewsGraph({ scale: 0.02, seed: 'y' }).graphs);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('scales the counts (scale 1 = 1,000 articles, 5,000 persons, 20,000 quotes, 5,000 meetings)', () => {
    expect(countsFor(1)).toMatchObject({ articles: 1000, persons: 5000, quotes: 20000, meetings: 5000 });
    expect(countsFor(10)).toMatchObject({ articles: 10000, persons: 50000, quotes: 200000, meetings: 50000 });
    expect(countsFor(0.1)).toMatchObject({ articles: 100, persons: 500, quotes: 2000, meetings: 500 });
    expect(() => countsFor(0)).toThrow();
  });

  it('has the promised shape: 5–40 paragraphs, meetings of 2–6, skewed speakers, every person stored', () => {
    const { graphs, counts } = generateNewsGraph({ scale: 0.1 });
    const shape = describeGraph(graphs);
    expect(shape).toMatchObject({
      articles: counts.articles,
      persons: counts.persons,
      quotes: counts.quotes,
      meetings: counts.meetings,
    });
    expect(shape.paragraphs.min).toBeGreaterThanOrEqual(5);
    expect(shape.paragraphs.max).toBeLessThanOrEqual(40);
    expect(shape.meetingSize).toEqual({ min: 2, max: 6 });
    // Zipf-like: a few people are quoted very often, most rarely.
    expect(shape.quotesPerPerson.max).toBeGreaterThan(50 * Math.max(1, shape.quotesPerPerson.median));
    expect(shape.quotesPerPerson.top1pctShare).toBeGreaterThan(0.2);
  });

  it('produces valid article graphs: quotes at their exact spans, references to named persons, unique keys', () => {
    const { graphs } = generateNewsGraph({ scale: 0.05 });
    const slugs = new Set<string>();
    for (const g of graphs) {
      expect(g.article.slug).toMatch(SLUG_PATTERN);
      expect(slugs.has(g.article.slug)).toBe(false);
      slugs.add(g.article.slug);
      const persons = new Set(g.persons.map((p) => p.slug));
      const orgs = new Set(g.organizations.map((o) => o.slug));
      for (const p of g.persons) for (const o of p.organizations) expect(orgs.has(o)).toBe(true);
      const spans = new Set<string>();
      for (const q of g.quotes) {
        expect(g.article.paragraphs[q.paragraph - 1]!.slice(q.start, q.end)).toBe(q.text);
        expect(persons.has(q.speaker)).toBe(true);
        if (q.addressee) expect(persons.has(q.addressee)).toBe(true);
        if (q.reportedBy?.organization) expect(orgs.has(q.reportedBy.organization)).toBe(true);
        expect(spans.has(`${q.paragraph}:${q.start}`)).toBe(false);
        spans.add(`${q.paragraph}:${q.start}`);
      }
      expect(new Set(g.meetings.map((m) => m.key)).size).toBe(g.meetings.length);
      for (const m of g.meetings) {
        expect(new Set(m.participants).size).toBe(m.participants.length);
        for (const p of m.participants) expect(persons.has(p)).toBe(true);
        expect(m.paragraph).toBeLessThanOrEqual(g.article.paragraphs.length);
      }
    }
  });
});
