/** Pieces every view uses: links that keep state in the URL, the range form, loading/empty/error states. */
import { describeError } from './api.js';
import { type Child, h } from './dom.js';
import { type State, toUrl } from './state.js';

export interface ViewContext {
  state: State;
  root: HTMLElement;
  /** Goes to another state (a new history entry unless `replace`); `render: false` only updates the URL. */
  navigate(next: State, options?: { replace?: boolean; render?: boolean }): void;
  /** False once the user has moved on: a late answer must not overwrite the newer view. */
  isCurrent(): boolean;
  /** The view's first data is on screen and it answers input (performance mark "newsgraph:first-content"). */
  firstContent(): void;
  /** Every part of the view has its data (performance mark "newsgraph:ready"; implies firstContent). */
  ready(): void;
}

export type ViewRender = (ctx: ViewContext) => Promise<void>;

/** A link to a state; the page's click handler turns it into a history entry without a reload. */
export const link = (state: State, ...children: Child[]) => h('a', { href: toUrl(state) }, ...children);

export const personLink = (current: State, p: { slug: string | null; name: string | null }) =>
  p.slug
    ? link({ view: 'person', slug: p.slug, from: current.from, to: current.to }, p.name ?? p.slug)
    : h('span', null, p.name ?? 'unknown');

export const articleLink = (a: { slug: string | null; title: string | null }, paragraph?: number | null) =>
  a.slug
    ? h(
        'a',
        { href: `${toUrl({ view: 'article', slug: a.slug })}${paragraph ? `#p${paragraph}` : ''}` },
        a.title ?? a.slug,
      )
    : h('span', null, a.title ?? 'unknown article');

export const loading = (what: string) => h('p', { class: 'state loading', role: 'status' }, `Loading ${what}…`);

export const empty = (message: string) => h('p', { class: 'state empty' }, message);

/** An API error as the user sees it: the message and the code, never a blank page. */
export function errorBox(error: unknown, what = 'the data'): HTMLElement {
  return h(
    'div',
    { class: 'state error', role: 'alert' },
    h('p', null, h('strong', null, `Could not load ${what}.`)),
    h(
      'ul',
      null,
      describeError(error).map((e) => h('li', null, e.message, ' ', h('code', { class: 'code' }, e.code))),
    ),
  );
}

/** "2024-05-21", or "May 2024" / "2024" when only that much is known. */
export function formatDate(date: string | null | undefined, precision?: string | null): string {
  if (!date) return 'date unknown';
  if (precision === 'YEAR') return date.slice(0, 4);
  if (precision === 'MONTH')
    return new Date(`${date}T00:00:00Z`).toLocaleDateString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return date;
}

/** The date-range form: two labelled date inputs; submitting puts the range in the URL. */
export function rangeForm(ctx: ViewContext, extra: Child[] = []): HTMLFormElement {
  const from = h('input', { type: 'date', id: 'range-from', name: 'from', value: ctx.state.from ?? '' });
  const to = h('input', { type: 'date', id: 'range-to', name: 'to', value: ctx.state.to ?? '' });
  const form = h(
    'form',
    { class: 'range', 'aria-label': 'Date range' },
    h('label', { for: 'range-from' }, 'From'),
    from,
    h('label', { for: 'range-to' }, 'To'),
    to,
    ...extra,
    h('button', { type: 'submit' }, 'Apply'),
    h(
      'button',
      {
        type: 'button',
        onclick: () => ctx.navigate({ ...ctx.state, from: undefined, to: undefined, edge: undefined }),
      },
      'All dates',
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const value = (k: string) => (String(data.get(k) ?? '') || undefined) as string | undefined;
    const next: State = { ...ctx.state, from: value('from'), to: value('to'), edge: undefined };
    const top = Number(data.get('top'));
    if (top) next.top = top;
    ctx.navigate(next);
  });
  return form;
}

export const rangeText = (s: State) =>
  s.from || s.to ? `${s.from ?? 'the beginning'} to ${s.to ?? 'today'}` : 'all dates';

/** "20" when that is all, "first 20" when there are more (the page never counts what it does not show). */
export const shownCount = (shown: number, hasNextPage: boolean | undefined) =>
  hasNextPage ? `first ${shown}` : String(shown);

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The view's heading: focusable by script (tabindex -1), so navigation can move focus to it. */
export const heading = (...children: Child[]) => h('h1', { tabindex: -1 }, ...children);
