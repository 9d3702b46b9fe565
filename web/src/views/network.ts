/**
 * Who met whom: the heaviest N pairs of the range as a network (cytoscape.js). Node size is the
 * person's meetings in the range, edge width the pair's meetings together. Click a node for the
 * person, an edge for the meetings behind it; the list beside the graph does the same by keyboard.
 */
import cytoscape from 'cytoscape';
import { AnalystNetworkQuery, AnalystPairMeetingsQuery } from '../../../src/client/analyst.js';
import type { AnalystNetworkQuery as NetworkData } from '../../../src/client/generated/graphql.js';
import { query } from '../api.js';
import { h, replace } from '../dom.js';
import { DEFAULT_TOP, type State, TOP_CHOICES } from '../state.js';
import {
  empty,
  errorBox,
  heading,
  link,
  loading,
  personLink,
  plural,
  rangeForm,
  rangeText,
  type ViewContext,
} from '../ui.js';
import { meetingItem } from './meeting.js';

const PAIR_MEETINGS = 20;

type Graph = NonNullable<NetworkData['meetingGraph']>;
type Edge = Graph['edges'][number];

const edgeKey = (e: Edge) => `${e.source.slug}~${e.target.slug}`;

declare global {
  interface Window {
    /** The network's cytoscape instance, for automation (the browser test clicks an edge's midpoint). */
    newsgraphNetwork?: cytoscape.Core;
  }
}

export async function renderNetwork(ctx: ViewContext): Promise<void> {
  const top = ctx.state.top ?? DEFAULT_TOP;
  const topSelect = h(
    'select',
    { id: 'network-top', name: 'top' },
    TOP_CHOICES.map((n) => h('option', { value: n, selected: n === top }, String(n))),
  );
  const form = rangeForm(ctx, [h('label', { for: 'network-top' }, 'Heaviest pairs'), topSelect]);
  topSelect.addEventListener('change', () => form.requestSubmit());
  const body = h('div', { class: 'network-body' }, loading('the network'));
  replace(ctx.root, heading('Who met whom'), form, body);

  let graph: Graph | null;
  try {
    graph = (await query(AnalystNetworkQuery, { from: ctx.state.from ?? null, to: ctx.state.to ?? null, limit: top }))
      .meetingGraph;
  } catch (error) {
    if (!ctx.isCurrent()) return;
    replace(body, errorBox(error, 'the network'));
    ctx.root.dataset.state = 'error';
    return;
  }
  if (!ctx.isCurrent()) return;
  if (!graph || !graph.edges.length) {
    replace(body, empty(`Nobody met anybody in ${rangeText(ctx.state)}.`));
    ctx.ready();
    return;
  }
  const g = graph;

  const container = h('div', {
    class: 'graph',
    role: 'img',
    'aria-label': `Network of ${g.people.length} persons and ${g.edges.length} pairs; the list of pairs follows.`,
  });
  const panel = h('section', { class: 'edge-panel', 'aria-labelledby': 'edge-title', 'aria-live': 'polite' });
  const buttons = new Map<string, HTMLButtonElement>();
  const list = h(
    'ol',
    { class: 'edges' },
    g.edges.map((e) => {
      const button = h(
        'button',
        { type: 'button', class: 'edge-button', 'aria-pressed': 'false', 'data-edge': edgeKey(e) },
        `${e.source.name} – ${e.target.name}`,
        h('span', { class: 'count' }, ` ${plural(e.weight, 'meeting')}`),
      );
      button.addEventListener('click', () => select(e));
      buttons.set(edgeKey(e), button);
      return h('li', null, button);
    }),
  );
  replace(
    body,
    h(
      'p',
      { class: 'summary' },
      `The ${plural(g.edges.length, 'heaviest pair')} of ${g.totalEdgeCount} in ${rangeText(ctx.state)}. `,
      'Node size: meetings in the range; line width: meetings together. ',
      link({ view: 'timeline', from: ctx.state.from, to: ctx.state.to }, 'Choose the range on the timeline'),
    ),
    h(
      'div',
      { class: 'network-layout' },
      container,
      h(
        'section',
        { class: 'edge-list', 'aria-labelledby': 'pairs-title' },
        h('h2', { id: 'pairs-title' }, 'Pairs'),
        list,
      ),
    ),
    panel,
  );

  // cytoscape inserts a <style> unless an element with this id exists; the strict CSP would refuse
  // it, so the rule is in style.css and this marker tells cytoscape so.
  if (!document.getElementById('__________cytoscape_stylesheet'))
    document.head.append(
      h('meta', { id: '__________cytoscape_stylesheet', name: 'cytoscape-style', content: 'style.css' }),
    );
  const maxMeetings = Math.max(...g.people.map((p) => p.meetingCount), 1);
  const maxWeight = Math.max(...g.edges.map((e) => e.weight), 1);
  const cy = cytoscape({
    container,
    elements: [
      ...g.people.map((p, i) => ({
        data: { id: p.person.slug ?? p.id, label: p.person.name ?? '', meetings: p.meetingCount },
        // A circle to start from: the same layout for the same data, every time.
        position: {
          x: 300 * Math.cos((2 * Math.PI * i) / g.people.length),
          y: 300 * Math.sin((2 * Math.PI * i) / g.people.length),
        },
      })),
      ...g.edges.map((e) => ({
        data: { id: edgeKey(e), source: e.source.slug!, target: e.target.slug!, weight: e.weight },
      })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          'background-color': '#2a6fdb',
          label: 'data(label)',
          'font-size': 12,
          color: '#1b1b1b',
          'text-valign': 'bottom',
          'text-margin-y': 4,
          'text-background-color': '#ffffff',
          'text-background-opacity': 0.8,
          width: `mapData(meetings, 0, ${maxMeetings}, 14, 48)`,
          height: `mapData(meetings, 0, ${maxMeetings}, 14, 48)`,
        },
      },
      {
        selector: 'edge',
        style: {
          width: maxWeight > 1 ? `mapData(weight, 1, ${maxWeight}, 1.5, 12)` : 3,
          'line-color': '#8a99ad',
          'curve-style': 'straight',
        },
      },
      // Selection is told by width and dashes as well as colour.
      {
        selector: 'edge.chosen',
        style: { 'line-color': '#c2410c', 'line-style': 'dashed', width: 6, 'z-index': 10 },
      },
    ],
    layout: { name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true },
    minZoom: 0.2,
    maxZoom: 4,
    boxSelectionEnabled: false,
    autoungrabify: false,
  });
  window.newsgraphNetwork = cy;
  cy.on('tap', 'node', (event) =>
    ctx.navigate({ view: 'person', slug: event.target.id(), from: ctx.state.from, to: ctx.state.to }),
  );
  cy.on('tap', 'edge', (event) => {
    const e = g.edges.find((x) => edgeKey(x) === event.target.id());
    if (e) select(e);
  });

  let asked = 0;
  async function select(e: Edge, { push = true } = {}) {
    const mine = ++asked;
    const key = edgeKey(e);
    for (const [k, b] of buttons) b.setAttribute('aria-pressed', String(k === key));
    cy.edges().removeClass('chosen');
    cy.getElementById(key).addClass('chosen');
    if (push) ctx.navigate({ ...ctx.state, edge: key } satisfies State, { render: false });
    const title = h('h2', { id: 'edge-title', tabindex: -1 }, `${e.source.name} and ${e.target.name}`);
    replace(panel, title, loading('their meetings'));
    panel.dataset.state = 'loading';
    try {
      const data = await query(AnalystPairMeetingsQuery, {
        slugs: [e.source.slug!, e.target.slug!],
        from: ctx.state.from ?? null,
        to: ctx.state.to ?? null,
        first: PAIR_MEETINGS,
      });
      if (mine !== asked || !ctx.isCurrent()) return;
      const meetings = data.meetings?.edges ?? [];
      replace(
        panel,
        title,
        h(
          'p',
          { class: 'meta' },
          personLink(ctx.state, e.source),
          ' · ',
          personLink(ctx.state, e.target),
          ` · ${data.meetings?.pageInfo.hasNextPage ? `the latest ${meetings.length} meetings` : plural(meetings.length, 'meeting')} in ${rangeText(ctx.state)}`,
        ),
        meetings.length
          ? h(
              'ul',
              { class: 'meetings' },
              meetings.map(({ node }) => meetingItem(ctx.state, node)),
            )
          : empty('No meetings found for this pair.'),
      );
      panel.dataset.state = 'ready';
    } catch (error) {
      if (mine !== asked || !ctx.isCurrent()) return;
      replace(panel, title, errorBox(error, 'their meetings'));
      panel.dataset.state = 'error';
    }
  }

  const chosen = ctx.state.edge ? g.edges.find((e) => edgeKey(e) === ctx.state.edge) : undefined;
  if (chosen) await select(chosen, { push: false });
  if (!ctx.isCurrent()) return;
  ctx.ready();
}
