/**
 * The analyst page: a router over the URL's state and one render function per view. Links are
 * ordinary <a href> (open in a new tab, copy, share); same-page clicks become history entries.
 */
import './style.css';
import { h, replace } from './dom.js';
import { parseState, type State, toUrl, type View } from './state.js';
import { watchChanges } from './live.js';
import { errorBox, type ViewContext, type ViewRender } from './ui.js';
import { renderArticle } from './views/article.js';
import { renderOrganization } from './views/organization.js';
import { renderPerson } from './views/person.js';
import { renderSearch } from './views/search.js';

// The chart libraries load only with the views that draw them: the first view stays small.
const VIEWS: Record<View, ViewRender> = {
  search: renderSearch,
  person: renderPerson,
  organization: renderOrganization,
  network: async (ctx) => (await import('./views/network.js')).renderNetwork(ctx),
  timeline: async (ctx) => (await import('./views/timeline.js')).renderTimeline(ctx),
  article: renderArticle,
};

const root = document.getElementById('view') as HTMLElement;
let generation = 0;
let firstRender = true;

/** Renders the URL's view; `live` (a refresh after new data arrived) keeps the focus where it is. */
async function render({ live = false } = {}): Promise<void> {
  const mine = ++generation;
  const state = parseState(location.search);
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a[data-view]')) {
    if (a.dataset.view === state.view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  root.dataset.state = 'loading';
  root.dataset.view = state.view;
  let shown = false;
  const ctx: ViewContext = {
    state,
    root,
    navigate,
    isCurrent: () => mine === generation,
    firstContent() {
      if (mine !== generation || shown) return;
      shown = true;
      performance.mark('newsgraph:first-content', { detail: { view: state.view } });
    },
    ready() {
      if (mine !== generation) return;
      ctx.firstContent();
      root.dataset.state = 'ready';
      performance.mark('newsgraph:ready', { detail: { view: state.view } });
    },
  };
  try {
    await VIEWS[state.view](ctx);
  } catch (error) {
    if (mine !== generation) return;
    replace(root, h('h1', null, 'Something went wrong'), errorBox(error));
    root.dataset.state = 'error';
  }
  // Keyboard and screen-reader users land on the new view's heading, not at the top of the page.
  if (!firstRender && !live && mine === generation)
    root.querySelector<HTMLElement>('h1')?.focus({ preventScroll: false });
  firstRender = false;
}

function navigate(next: State, { replace: replaceEntry = false, render: rerender = true } = {}): void {
  const url = toUrl(next);
  if (url === `${location.pathname}${location.search}` && !rerender) return;
  if (replaceEntry) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  if (rerender) void render();
}

document.addEventListener('click', (event) => {
  const a = (event.target as Element | null)?.closest?.('a');
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname !== '/' || a.target) return;
  event.preventDefault();
  history.pushState(null, '', `${url.pathname}${url.search}${url.hash}`);
  void render().then(() => {
    if (url.hash) document.getElementById(url.hash.slice(1))?.scrollIntoView();
  });
});
window.addEventListener('popstate', () => void render());

// New articles: the note in the header says what came in; the views showing aggregates or lists
// refresh in place (search does not, so typing is never interrupted).
const liveNote = document.getElementById('live') as HTMLElement;
watchChanges(
  (change) => {
    liveNote.textContent = `Updated: “${change.article?.title ?? 'an article'}” ${change.change === 'SEEDED' ? 'seeded' : 'ingested'}`;
    liveNote.dataset.seq = String(change.seq ?? '');
    if (parseState(location.search).view !== 'search') void render({ live: true });
  },
  (live) => {
    liveNote.dataset.live = String(live);
    if (!live) liveNote.textContent = '';
  },
);
void render().then(() => {
  if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
});
