/**
 * The page's state lives in the URL (`/?view=person&slug=sung-kim&from=2024-05-01`), so every
 * view can be bookmarked and shared, and Back/Forward work. Only known keys are read; values are
 * checked here, so views never see malformed input.
 */
export type View = 'search' | 'person' | 'organization' | 'network' | 'timeline' | 'article';
export type Bucket = 'DAY' | 'WEEK' | 'MONTH';

export interface State {
  view: View;
  /** Search text. */
  q?: string;
  /** Person, organization or article slug. */
  slug?: string;
  /** Date range (YYYY-MM-DD, inclusive) for the network, the timeline's lists and a person's lists. */
  from?: string;
  to?: string;
  /** How many edges the network shows (heaviest first). */
  top?: number;
  /** Selected network edge: the two slugs joined by "~". */
  edge?: string;
  /** Timeline bucket; unset picks one from the data's extent. */
  bucket?: Bucket;
}

const VIEWS: readonly View[] = ['search', 'person', 'organization', 'network', 'timeline', 'article'];
const BUCKETS: readonly Bucket[] = ['DAY', 'WEEK', 'MONTH'];
export const TOP_CHOICES = [10, 25, 50, 100, 200, 500] as const;
export const DEFAULT_TOP = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;

const isDay = (v: string | null): v is string => v !== null && DAY.test(v) && !Number.isNaN(Date.parse(v));

export function parseState(search: string): State {
  const p = new URLSearchParams(search);
  const view = p.get('view') as View | null;
  const state: State = { view: view && VIEWS.includes(view) ? view : 'search' };
  const q = p.get('q');
  if (q) state.q = q.slice(0, 200);
  const slug = p.get('slug');
  if (slug && SLUG.test(slug)) state.slug = slug;
  const from = p.get('from');
  const to = p.get('to');
  if (isDay(from)) state.from = from;
  if (isDay(to)) state.to = to;
  const top = Number(p.get('top'));
  if (TOP_CHOICES.includes(top as (typeof TOP_CHOICES)[number])) state.top = top;
  const edge = p.get('edge');
  if (edge && edge.split('~').length === 2 && edge.split('~').every((s) => SLUG.test(s))) state.edge = edge;
  const bucket = p.get('bucket') as Bucket | null;
  if (bucket && BUCKETS.includes(bucket)) state.bucket = bucket;
  return state;
}

/** The URL of a state: keys in a fixed order, empty ones left out. */
export function toUrl(state: State): string {
  const p = new URLSearchParams();
  p.set('view', state.view);
  for (const key of ['q', 'slug', 'from', 'to', 'top', 'edge', 'bucket'] as const) {
    const value = state[key];
    if (value !== undefined && value !== '') p.set(key, String(value));
  }
  return `/?${p.toString()}`;
}

/** Keeps the date range when moving between views (it is the analyst's current focus). */
export function withRange(current: State, next: State): State {
  return {
    ...next,
    ...(current.from && next.from === undefined ? { from: current.from } : {}),
    ...(current.to && next.to === undefined ? { to: current.to } : {}),
  };
}
