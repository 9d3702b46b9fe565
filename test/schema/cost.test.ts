import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { operationCost } from '../../src/schema/cost.js';
import { schema } from '../../src/schema/index.js';
import { COSTS } from '../../src/limits.js';

const cost = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  operationCost(schema, parse(query), operationName, variables);

describe('database cost estimate', () => {
  it('a lookup by slug costs one read; a page costs its size; fields of the page documents are free', () => {
    expect(cost('{ person(slug: "x") { name role } }')).toBe(1);
    expect(cost('{ persons(first: 50) { edges { cursor node { name } } pageInfo { hasNextPage } } }')).toBe(
      COSTS.connection + 50,
    );
    // A page of 0 still runs its query.
    expect(cost('{ persons(first: 0) { totalCount } }')).toBe(COSTS.connection + 1 + COSTS.count);
  });

  it('a totalCount costs a count once per connection asked, not per item of its own page', () => {
    expect(cost('{ persons(first: 1) { totalCount } }')).toBe(
      cost('{ persons(first: 1) { edges { cursor } } }') + COSTS.count,
    );
    expect(cost('{ persons(first: 100) { totalCount } }')).toBe(COSTS.connection + 100 + COSTS.count);
    // Nested under a page of 100: one count per person.
    const nested = cost('{ persons(first: 100) { edges { node { quotes(first: 1) { totalCount } } } } }');
    expect(nested).toBe(COSTS.connection + 100 + 100 * (COSTS.connection + 1 + COSTS.count));
  });

  it('the heavy query (five aliased persons(first: 100) with nested totals) costs far more than a lookup', () => {
    const one = 'persons(first: 100) { totalCount edges { node { quotes { totalCount } meetings { totalCount } } } }';
    const heavy = `{ ${Array.from({ length: 5 }, (_, i) => `p${i}: ${one}`).join(' ')} }`;
    expect(cost(heavy)).toBe(5 * cost(`{ ${one} }`));
    expect(cost(heavy)).toBeGreaterThan(100_000);
  });

  it('an unselective filter costs a scan; an indexed one does not', () => {
    const page = COSTS.connection + 20;
    expect(cost('{ quotes(filter: { speaker: "x" }) { edges { node { text } } } }')).toBe(page);
    expect(cost('{ quotes(filter: { textContains: "x" }) { edges { node { text } } } }')).toBe(page + COSTS.scan);
    expect(
      cost('query($f: QuoteFilter) { quotes(filter: $f) { edges { cursor } } }', { f: { textContains: 'x' } }),
    ).toBe(page + COSTS.scan);
    expect(cost('{ persons(search: "kim") { edges { cursor } } }')).toBe(page);
    expect(cost('{ articles(search: "talks") { edges { cursor } } }')).toBe(page + COSTS.scan);
  });

  it('lists under lists multiply; fragments and the chosen operation count', () => {
    const q = `
      query A { person(slug: "x") { ...F } }
      query B { person(slug: "x") { name } }
      fragment F on Person { meetings(first: 10) { edges { node { participants { name } } } } }`;
    // 1 (person) + 1 + 10 (page) + 10 × 6 (participants of each meeting).
    expect(cost(q, {}, 'A')).toBe(1 + COSTS.connection + 10 + 10 * 6);
    expect(cost(q, {}, 'B')).toBe(1);
  });
});
