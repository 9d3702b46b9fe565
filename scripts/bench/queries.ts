/**
 * The benchmark's fixed queries, as GraphQL documents for newsgraph (and the naive variant), and
 * as operation names for the hand-written endpoint, which answers with the same `data` shape.
 */
export type QueryName = 'Q1' | 'Q2' | 'Q3';

export interface BenchQuery {
  name: QueryName;
  title: string;
  document: string;
  variables: Record<string, unknown>;
}

export const Q1_DOCUMENT = /* GraphQL */ `
  query Q1($n: Int!) {
    persons(first: $n) {
      edges {
        node {
          slug
          name
          role
          quotes(first: 10) { edges { node { text date article { title } } } }
          meetings(first: 10) { edges { node { date location participants { name } } } }
        }
      }
    }
  }
`;

export const Q2_DOCUMENT = /* GraphQL */ `
  query Q2($slug: String!) {
    article(slug: $slug) {
      slug
      title
      subtitle
      byline
      publishedAt
      paragraphs { index text }
      quotes(first: 50) {
        edges { node { text kind confidence span { start end } paragraph { index } speaker { slug name role } } }
      }
      meetings(first: 20) { edges { node { date location kind participants { slug name } } } }
    }
  }
`;

/** Q3's filter: quotes mentioning "security", fairly sure, said since 2022. */
export const Q3_FILTER = { textContains: 'security', minConfidence: 0.8, from: '2022-01-01' } as const;

export const Q3_DOCUMENT = /* GraphQL */ `
  query Q3($first: Int!, $filter: QuoteFilter!) {
    quotes(first: $first, filter: $filter) {
      edges { node { text date confidence speaker { slug name role } article { title } } }
    }
  }
`;

export function benchQueries({ n = 50, articleSlug }: { n?: number; articleSlug: string }): BenchQuery[] {
  return [
    {
      name: 'Q1',
      title: `${n} persons × (10 quotes + article title, 10 meetings + participant names)`,
      document: Q1_DOCUMENT,
      variables: { n },
    },
    {
      name: 'Q2',
      title: 'article page: paragraphs, 50 quotes with speakers, 20 meetings with participants',
      document: Q2_DOCUMENT,
      variables: { slug: articleSlug },
    },
    {
      name: 'Q3',
      title: `quotes(first: 20, textContains "security", minConfidence 0.8, from 2022) with speaker and article`,
      document: Q3_DOCUMENT,
      variables: { first: 20, filter: Q3_FILTER },
    },
  ];
}

/** The HTTP request body each implementation receives (the same JSON for all three). */
export function requestBody(q: BenchQuery): string {
  return JSON.stringify({ operationName: q.name, query: q.document, variables: q.variables });
}
