/** Search: persons (names and aliases), organizations, article titles and quote text, as you type. */
import { AnalystSearchQuery } from '../../../src/client/analyst.js';
import type { AnalystSearchQuery as SearchData } from '../../../src/client/generated/graphql.js';
import { query } from '../api.js';
import { h, replace } from '../dom.js';
import { articleLink, empty, errorBox, heading, link, loading, personLink, type ViewContext } from '../ui.js';

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
    results.setAttribute('aria-busy', 'true');
    replace(results, loading('results'));
    try {
      const data = await query(AnalystSearchQuery, { text: trimmed, first: PAGE });
      if (mine !== asked || !ctx.isCurrent()) return;
      replace(results, ...sections(ctx, trimmed, data));
    } catch (error) {
      if (mine !== asked || !ctx.isCurrent()) return;
      replace(results, errorBox(error, 'the results'));
    } finally {
      if (mine === asked) results.removeAttribute('aria-busy');
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

function section(title: string, total: number, shown: number, items: HTMLElement[]): HTMLElement {
  return h(
    'section',
    { class: 'results', 'aria-label': title },
    h('h2', null, title, ' ', h('span', { class: 'count' }, total > shown ? `${shown} of ${total}` : String(total))),
    items.length ? h('ul', null, items) : empty(`No ${title.toLowerCase()} match.`),
  );
}

function sections(ctx: ViewContext, text: string, data: SearchData): HTMLElement[] {
  const persons = data.persons?.edges ?? [];
  const orgs = data.organizations?.edges ?? [];
  const articles = data.articles?.edges ?? [];
  const quotes = data.quotes?.edges ?? [];
  if (!persons.length && !orgs.length && !articles.length && !quotes.length)
    return [empty(`Nothing matches “${text}”.`)];
  return [
    section(
      'Persons',
      data.persons?.totalCount ?? 0,
      persons.length,
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
      data.organizations?.totalCount ?? 0,
      orgs.length,
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
      data.articles?.totalCount ?? 0,
      articles.length,
      articles.map(({ node: a }) =>
        h(
          'li',
          { class: 'result article' },
          articleLink(a),
          h('span', { class: 'meta' }, ` — ${a.source ?? ''} ${a.publishedAt?.slice(0, 10) ?? ''}`),
        ),
      ),
    ),
    section(
      'Quotes',
      data.quotes?.totalCount ?? 0,
      quotes.length,
      quotes.map(({ node: q }) =>
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
    ),
  ];
}
