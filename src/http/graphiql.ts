/**
 * GraphiQL at GET /graphql (a browser asking for HTML): yoga's bundled GraphiQL 5 (no CDN), served
 * by this plugin instead of yoga's renderer so that
 *
 * - the page (about 9 MB: React, Monaco and its workers inlined) goes out compressed — brotli or gzip
 *   by Accept-Encoding, about a fifth of the size — with an ETag, so a reload costs a 304. The
 *   page is the same for every request, so it is rendered and compressed once per process, on
 *   the first request (off the event loop, in zlib's thread pool), never per request;
 * - a link opens a query: `/graphql?query=…&variables=…` opens with that query (and variables) in
 *   the editor, and editing or switching tabs keeps the address bar in step, so the address is
 *   always a link to what is on screen. The page reads the parameters in the browser, which is
 *   what lets one precompressed page serve every link;
 * - a first visit has a tab per dashboard query (stats, topSpeakers, meetingGraph, timeline) with
 *   example variables, beside the Sung Kim example. (GraphiQL keeps a returning browser's own tabs
 *   in localStorage; a `?query=` link then opens as one more tab.)
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import {
  css,
  editorWorkerService,
  favicon,
  graphqlWorker,
  js,
  jsonWorker,
} from '@graphql-yoga/render-graphiql/graphiql';
import type { Plugin } from 'graphql-yoga';
import { pickEncoding } from './encoding.js';

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

export interface GraphiQLTab {
  query: string;
  variables?: string;
}

/**
 * The tabs a first visit opens: the example, then the dashboard queries exactly as the analyst
 * page's client sends them (src/client/operations.ts; test/http/graphiql.test.ts checks they match),
 * with the README's example variables.
 */
export const GRAPHIQL_TABS: readonly GraphiQLTab[] = [
  { query: DEFAULT_QUERY },
  {
    query: `# Collection sizes
query DashboardStats {
  stats {
    articleCount
    personCount
    organizationCount
    quoteCount
    meetingCount
  }
}
`,
  },
  {
    query: `# Most-quoted persons in a period (limit 1..100; from/to optional, inclusive days)
query TopSpeakers($limit: Int!, $from: Date, $to: Date) {
  topSpeakers(limit: $limit, from: $from, to: $to) {
    quoteCount
    person {
      slug
      name
    }
  }
}
`,
    variables: '{ "limit": 5, "from": "2024-01-01", "to": "2024-12-31" }',
  },
  {
    query: `# Who met whom (limit = max edges, 1..500)
query MeetingGraph($from: Date, $to: Date, $limit: Int!) {
  meetingGraph(from: $from, to: $to, limit: $limit) {
    totalEdgeCount
    nodes {
      slug
      name
    }
    edges {
      weight
      source {
        slug
      }
      target {
        slug
      }
    }
  }
}
`,
    variables: '{ "from": "2024-05-01", "to": "2024-05-31", "limit": 100 }',
  },
  {
    query: `# Quotes and meetings per DAY | WEEK | MONTH (every bucket, zeros included)
query Timeline($bucket: TimeBucket!, $from: Date, $to: Date) {
  timeline(bucket: $bucket, from: $from, to: $to) {
    start
    end
    quoteCount
    meetingCount
  }
}
`,
    variables: '{ "bucket": "WEEK", "from": "2024-05-01", "to": "2024-05-31" }',
  },
];

/** JSON that is safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The page: yoga's render-graphiql markup (its CSS, script and Monaco workers), with the options
 * worked out in the browser from the address.
 */
export function renderGraphiQLPage(title = 'newsgraph', tabs: readonly GraphiQLTab[] = GRAPHIQL_TABS): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="icon" href="${favicon}" />
    <style>
      ${css}
    </style>
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script>
      function prepareBlob(workerContent) {
        const blob = new Blob([workerContent], { type: 'application/javascript' });
        return URL.createObjectURL(blob);
      }
      const workers = {
        editorWorkerService: prepareBlob(${JSON.stringify(editorWorkerService)}),
        json: prepareBlob(${JSON.stringify(jsonWorker)}),
        graphql: prepareBlob(${JSON.stringify(graphqlWorker)}),
      };
      self['MonacoEnvironment'] = {
        globalAPI: false,
        getWorkerUrl: function (moduleId, label) {
          return workers[label];
        },
      };
      ${js};
      (function () {
        const title = ${scriptJson(title)};
        const tabs = ${scriptJson(tabs)};
        const params = new URLSearchParams(location.search);
        const linked = params.get('query');
        // A link's query is the first (and active) tab, before the dashboard ones.
        const first = linked ? { query: linked, variables: params.get('variables') || undefined } : tabs[0];
        const defaultTabs = [first].concat(linked ? tabs : tabs.slice(1));
        function setParam(name, value) {
          const url = new URL(location.href);
          if (value) url.searchParams.set(name, value);
          else url.searchParams.delete(name);
          history.replaceState(history.state, '', url);
        }
        YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), {
          title: title,
          query: first.query,
          variables: first.variables,
          defaultQuery: tabs[0].query,
          defaultTabs: defaultTabs,
          onEditQuery: function (query) { setParam('query', query); },
          onEditVariables: function (variables) { setParam('variables', variables); },
          onTabChange: function (state) {
            const tab = state.tabs[state.activeTabIndex];
            if (!tab) return;
            setParam('query', tab.query);
            setParam('variables', tab.variables);
          },
        });
      })();
    </script>
  </body>
</html>
`;
}

export interface GraphiQLPage {
  etag: string;
  identity: Uint8Array<ArrayBuffer>;
  br: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
}

/**
 * Brotli quality 5: on this 9 MB page about 1.9 MB in well under a second; quality 11 saves a
 * further ~10 % for over a minute of CPU, which a page that changes only with the
 * @graphql-yoga/render-graphiql version is not worth.
 */
const BROTLI_QUALITY = 5;

async function buildPage(): Promise<GraphiQLPage> {
  const identity = new Uint8Array(Buffer.from(renderGraphiQLPage(), 'utf8'));
  const [br, gz] = await Promise.all([
    promisify(brotliCompress)(identity, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length },
    }),
    promisify(gzip)(identity, { level: 6 }),
  ]);
  return {
    etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`,
    identity,
    br: new Uint8Array(br),
    gzip: new Uint8Array(gz),
  };
}

let page: Promise<GraphiQLPage> | undefined;

/** The rendered, compressed page: built on first use, then shared by every server in the process. */
export function graphiqlPage(): Promise<GraphiQLPage> {
  page ??= buildPage().catch((error: unknown) => {
    page = undefined;
    throw error;
  });
  return page;
}

/** Serves GraphiQL for a browser's GET of the GraphQL endpoint (as yoga's own renderer would). */
export function useGraphiQLPage(endpoint = '/graphql'): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || !request.headers.get('accept')?.includes('text/html')) return;
      if (url.pathname !== endpoint && url.pathname !== `${endpoint}/`) return;
      return graphiqlPage().then((built) => {
        const headers: Record<string, string> = {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-cache',
          etag: built.etag,
          vary: 'accept-encoding',
        };
        const match = request.headers.get('if-none-match');
        if (match?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === built.etag)) {
          endResponse(new fetchAPI.Response(null, { status: 304, headers }));
          return;
        }
        const encoding = pickEncoding(request.headers.get('accept-encoding'));
        const body = encoding ? built[encoding] : built.identity;
        if (encoding) headers['content-encoding'] = encoding;
        headers['content-length'] = String(body.byteLength);
        endResponse(new fetchAPI.Response(body, { status: 200, headers }));
      });
    },
  };
}
