/** Search: persons (names and aliases), organizations, article titles and quote text, as you type. */
import { AnalystSearchQuery, AnalystSearchQuotesQuery } from '../../../src/client/analyst.js';
import type {
  AnalystSearchQuery as SearchData,
  AnalystSearchQuotesQuery as QuotesData,
} from '../../../src/client/generated/graphql.js';
import { describeError, query } from '../api.js';
import { h, replace } from '../dom.js';
import {
  articleLink,
  empty,
  errorBox,
  heading,
  link,
  loading,
  personLink,
  shownCount,
  type ViewContext,
} from '../ui.js';

const PAGE = 8;
const DEBOUNCE_MS = 200;

export async function renderSearch(ctx: ViewContext): Promise<void> {
  const input = h('input', {
    type: 'search',
    id: 'search-text',
    name: 'q',
    value: ctx.state.q ?? '',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'search-help',
    'aria-controls': 'search-results',
  });
  const results = h('div', { id: 'search-results', 'aria-live': 'polite' });
  replace(
    ctx.root,
    heading('Search'),
    h(
      'form',
      { class: 'search', role: 'search', onsubmit: (e: Event) => e.preventDefault() },
      h('label', { for: 'search-text' }, 'Persons, organizations, articles or quote text'),
      input,
      h('p', { id: 'search-help', class: 'help' }, 'Results appear as you type; names match aliases too.'),
    ),
    results,
  );

  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  const run = async (text: string) => {
    const mine = ++asked;
    const trimmed = text.trim();
    if (!trimmed) {
      replace(results, h('p', { class: 'help' }, 'Type a name such as “Kim”, an organization, or words from a quote.'));
      return;
    }
    const current = () => mine === asked && ctx.isCurrent();
    const names = h('div', null, loading('persons, organizations and articles'));
    const quotes = h('div', null, loading('quotes'));
    results.setAttribute('aria-busy', 'true');
    replace(results, names, quotes);
    // Two requests: names answer from indexes, quote text is read in full; each shows when it comes.
    const [n, q] = await Promise.allSettled([
      query(AnalystSearchQuery, { text: trimmed, first: PAGE }).then((data) => {
        if (current()) {
          replace(names, ...nameSections(ctx, data));
          ctx.firstContent();
        }
        return data;
      }),
      query(AnalystSearchQuotesQuery, { text: trimmed, first: PAGE }).then((data) => {
        if (current()) replace(quotes, quoteSection(ctx, data));
        return data;
      }),
    ]);
    if (!current()) return;
    results.removeAttribute('aria-busy');
    if (n.status === 'rejected') replace(names, errorBox(n.reason, 'the results'));
    if (q.status === 'rejected') replace(quotes, errorBox(q.reason, 'the quotes'));
    if (n.status === 'rejected' && q.status === 'rejected') {
      const same =
        describeError(n.reason)
          .map((e) => e.code)
          .join() ===
        describeError(q.reason)
          .map((e) => e.code)
          .join();
      if (same) replace(results, errorBox(n.reason, 'the results'));
    }
    if (n.status === 'fulfilled' && q.status === 'fulfilled') {
      const d = n.value;
      const nothing = ![d.persons, d.organizations, d.articles, q.value.quotes].some((c) => c?.edges.length);
      if (nothing) replace(results, empty(`Nothing matches “${trimmed}”.`));
    }
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      // The URL follows the text without a history entry per keystroke.
      ctx.navigate({ view: 'search', q: input.value.trim() || undefined }, { replace: true, render: false });
      void run(input.value);
    }, DEBOUNCE_MS);
  });
  await run(input.value);
  if (!ctx.isCurrent()) return;
  ctx.ready();
  if (!ctx.state.q) input.focus();
}

function section(title: string, hasNextPage: boolean | undefined, items: HTMLElement[]): HTMLElement {
  return h(
    'section',
    { class: 'results', 'aria-label': title },
    h('h2', null, title, ' ', h('span', { class: 'count' }, shownCount(items.length, hasNextPage))),
    items.length ? h('ul', null, items) : empty(`No ${title.toLowerCase()} match.`),
  );
}

function nameSections(ctx: ViewContext, data: SearchData): HTMLElement[] {
  const persons = data.persons?.edges ?? [];
  const orgs = data.organizations?.edges ?? [];
  const articles = data.articles?.edges ?? [];
  return [
    section(
      'Persons',
      data.persons?.pageInfo.hasNextPage,
      persons.map(({ node: p }) =>
        h(
          'li',
          { class: 'result person' },
          personLink(ctx.state, p),
          p.role ? h('span', { class: 'role' }, ` — ${p.role}`) : null,
          p.aliases?.length ? h('span', { class: 'aliases' }, ` (also ${p.aliases.join(', ')})`) : null,
        ),
      ),
    ),
    section(
      'Organizations',
      data.organizations?.pageInfo.hasNextPage,
      orgs.map(({ node: o }) =>
        h(
          'li',
          { class: 'result organization' },
          o.slug ? link({ view: 'organization', slug: o.slug }, o.name ?? o.slug) : (o.name ?? ''),
          o.kind ? h('span', { class: 'role' }, ` — ${o.kind.toLowerCase().replace('_', ' ')}`) : null,
        ),
      ),
    ),
    section(
      'Articles',
      data.articles?.pageInfo.hasNextPage,
      articles.map(({ node: a }) =>
        h(
          'li',
          { class: 'result article' },
          articleLink(a),
          h('span', { class: 'meta' }, ` — ${a.source ?? ''} ${a.publishedAt?.slice(0, 10) ?? ''}`),
        ),
      ),
    ),
  ];
}

function quoteSection(ctx: ViewContext, data: QuotesData): HTMLElement {
  return section(
    'Quotes',
    data.quotes?.pageInfo.hasNextPage,
    (data.quotes?.edges ?? []).map(({ node: q }) =>
      h(
        'li',
        { class: 'result quote' },
        h('q', null, q.text ?? ''),
        ' — ',
        q.speaker ? personLink(ctx.state, q.speaker) : 'unknown speaker',
        ', ',
        q.paragraph?.article ? articleLink(q.paragraph.article, q.paragraph.index) : null,
        h('span', { class: 'meta' }, ` (${q.date ?? 'date unknown'})`),
      ),
    ),
  );
}
