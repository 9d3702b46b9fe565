/** GraphiQL: the bundled page (no CDN) and the query it opens with. */
export { renderGraphiQL } from '@graphql-yoga/render-graphiql';

const DEFAULT_QUERY = `# Who did U.S. envoy Sung Kim meet, and what did he say — and where did we read it?
query SungKim {
  person(slug: "sung-kim") {
    name
    role
    metWith(first: 10) {
      totalCount
      edges { meetingCount node { name role } }
    }
    meetings(first: 10) {
      edges { node { date location participants { name } paragraph { index text } } }
    }
    quotes(first: 10) {
      edges { node { text kind span { start end } paragraph { index text article { title } } } }
    }
  }
}
`;

/** yoga's `graphiql` option. GraphiQL 5 opens its first tab with `initialQuery`; `defaultQuery` is for new tabs. */
export const graphiqlOptions = () =>
  ({ title: 'newsgraph', defaultQuery: DEFAULT_QUERY, initialQuery: DEFAULT_QUERY }) as {
    title: string;
    defaultQuery: string;
  };
