/**
 * Timeline: quotes and meetings per day, week or month (uPlot). Dragging across the chart (a
 * brush) sets the range, which the lists below, the network and the person pages then use; the
 * date inputs do the same by keyboard.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { AnalystRangeQuery, AnalystTimelineQuery } from '../../../src/client/analyst.js';
import type { AnalystTimelineQuery as TimelineData } from '../../../src/client/generated/graphql.js';
import { query } from '../api.js';
import { h, replace } from '../dom.js';
import type { Bucket } from '../state.js';
import {
  articleLink,
  empty,
  errorBox,
  heading,
  link,
  loading,
  personLink,
  plural,
  rangeForm,
  rangeText,
  shownCount,
  type ViewContext,
} from '../ui.js';

const PAGE = 20;
const DAY_S = 86_400;

type Buckets = NonNullable<TimelineData['timeline']>;

const seconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

/** Without a chosen bucket: months first (cheap, the whole record), then finer when that is only a few. */
async function loadBuckets(chosen: Bucket | undefined): Promise<{ bucket: Bucket; buckets: Buckets }> {
  if (chosen)
    return { bucket: chosen, buckets: (await query(AnalystTimelineQuery, { bucket: chosen })).timeline ?? [] };
  const months = (await query(AnalystTimelineQuery, { bucket: 'MONTH' })).timeline ?? [];
  if (months.length === 0 || months.length > 24) return { bucket: 'MONTH', buckets: months };
  const span = { chartFrom: months[0]!.start, chartTo: months[months.length - 1]!.end };
  const bucket: Bucket = months.length <= 3 ? 'DAY' : 'WEEK';
  return { bucket, buckets: (await query(AnalystTimelineQuery, { bucket, ...span })).timeline ?? [] };
}

export async function renderTimeline(ctx: ViewContext): Promise<void> {
  const bucketSelect = h(
    'select',
    { id: 'timeline-bucket', name: 'bucket' },
    h('option', { value: '', selected: !ctx.state.bucket }, 'Automatic'),
    (['DAY', 'WEEK', 'MONTH'] as const).map((b) =>
      h('option', { value: b, selected: ctx.state.bucket === b }, b[0] + b.slice(1).toLowerCase()),
    ),
  );
  bucketSelect.addEventListener('change', () =>
    ctx.navigate({ ...ctx.state, bucket: (bucketSelect.value || undefined) as Bucket | undefined }),
  );
  const chartBox = h('div', { class: 'chart-box' }, loading('the timeline'));
  const lists = h('div', { class: 'range-lists' }, loading('the quotes and meetings'));
  replace(
    ctx.root,
    heading('Timeline'),
    h('div', { class: 'controls' }, h('label', { for: 'timeline-bucket' }, 'Per'), bucketSelect),
    rangeForm(ctx),
    chartBox,
    lists,
  );

  const [chart, range] = await Promise.allSettled([
    loadBuckets(ctx.state.bucket),
    query(AnalystRangeQuery, { from: ctx.state.from ?? null, to: ctx.state.to ?? null, first: PAGE }),
  ]);
  if (!ctx.isCurrent()) return;

  if (chart.status === 'rejected') replace(chartBox, errorBox(chart.reason, 'the timeline'));
  else if (!chart.value.buckets.length) replace(chartBox, empty('There are no dated quotes or meetings yet.'));
  else drawChart(ctx, chartBox, chart.value.bucket, chart.value.buckets);

  if (range.status === 'rejected') replace(lists, errorBox(range.reason, 'the quotes and meetings'));
  else {
    const quotes = range.value.quotes?.edges ?? [];
    const meetings = range.value.meetings?.edges ?? [];
    replace(
      lists,
      h(
        'p',
        { class: 'actions' },
        `Showing ${rangeText(ctx.state)}. `,
        link({ view: 'network', from: ctx.state.from, to: ctx.state.to }, 'Who met whom in this range'),
      ),
      h(
        'section',
        { 'aria-labelledby': 'range-quotes' },
        h(
          'h2',
          { id: 'range-quotes' },
          'Quotes ',
          h('span', { class: 'count' }, shownCount(quotes.length, range.value.quotes?.pageInfo.hasNextPage)),
        ),
        quotes.length
          ? h(
              'ul',
              { class: 'quotes compact' },
              quotes.map(({ node: q }) =>
                h(
                  'li',
                  null,
                  h('span', { class: 'meta' }, `${q.date ?? ''} `),
                  q.speaker ? personLink(ctx.state, q.speaker) : 'unknown',
                  ': ',
                  h('q', null, q.text ?? ''),
                  ' — ',
                  q.paragraph?.article ? articleLink(q.paragraph.article, q.paragraph.index) : null,
                ),
              ),
            )
          : empty(`No quotes in ${rangeText(ctx.state)}.`),
      ),
      h(
        'section',
        { 'aria-labelledby': 'range-meetings' },
        h(
          'h2',
          { id: 'range-meetings' },
          'Meetings ',
          h('span', { class: 'count' }, shownCount(meetings.length, range.value.meetings?.pageInfo.hasNextPage)),
        ),
        meetings.length
          ? h(
              'ul',
              { class: 'meetings compact' },
              meetings.map(({ node: m }) =>
                h(
                  'li',
                  null,
                  h('span', { class: 'meta' }, `${m.date ?? ''} `),
                  (m.participants ?? []).flatMap((p, i) => [i ? ', ' : '', personLink(ctx.state, p)]),
                  m.location ? ` at ${m.location}` : '',
                  ' — ',
                  m.article ? articleLink(m.article) : null,
                ),
              ),
            )
          : empty(`No meetings in ${rangeText(ctx.state)}.`),
      ),
    );
  }
  ctx.ready();
}

function drawChart(ctx: ViewContext, box: HTMLElement, bucket: Bucket, buckets: Buckets): void {
  const xs = buckets.map((b) => seconds(b.start));
  const step = bucket === 'DAY' ? DAY_S : bucket === 'WEEK' ? 7 * DAY_S : 30 * DAY_S;
  const plot = h('div', { class: 'chart', 'aria-hidden': 'true' });
  const table = h(
    'table',
    null,
    h('caption', null, `Quotes and meetings per ${bucket.toLowerCase()}`),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, 'From'),
        h('th', { scope: 'col' }, 'To'),
        h('th', { scope: 'col' }, 'Quotes'),
        h('th', { scope: 'col' }, 'Meetings'),
      ),
    ),
    h(
      'tbody',
      null,
      buckets.map((b) =>
        h(
          'tr',
          null,
          h('td', null, b.start),
          h('td', null, b.end),
          h('td', null, b.quoteCount),
          h('td', null, b.meetingCount),
        ),
      ),
    ),
  );
  replace(
    box,
    h(
      'p',
      { class: 'help', id: 'chart-help' },
      `${plural(buckets.length, bucket.toLowerCase())} from ${buckets[0]!.start} to ${buckets[buckets.length - 1]!.end}. `,
      'Drag across the chart to choose a range (or use the dates above).',
    ),
    plot,
    h('details', null, h('summary', null, 'The numbers as a table'), table),
  );
  const width = Math.max(320, Math.min(box.clientWidth || 900, 1100));
  const u = new uPlot(
    {
      width,
      height: 240,
      scales: { x: { time: true, range: () => [xs[0]! - step / 2, xs[xs.length - 1]! + step / 2] } },
      axes: [{}, { label: 'count' }],
      series: [
        {},
        // Bars for quotes, a line with points for meetings: told apart by shape, not only colour.
        {
          label: 'Quotes',
          stroke: '#2a6fdb',
          fill: 'rgba(42,111,219,0.35)',
          paths: uPlot.paths.bars!({ size: [0.6, 60] }),
          points: { show: false },
        },
        { label: 'Meetings', stroke: '#c2410c', width: 2, points: { show: true, size: 8, fill: '#c2410c' } },
      ],
      cursor: { drag: { x: true, y: false, setScale: false } },
      hooks: {
        setSelect: [
          (self) => {
            if (self.select.width < 3) return;
            const lo = self.posToVal(self.select.left, 'x');
            const hi = self.posToVal(self.select.left + self.select.width, 'x');
            const chosen = buckets.filter(
              (_b, i) =>
                xs[i]! >= lo - step / 2 && xs[i]! <= hi + step / 2 && xs[i]! + step / 2 > lo && xs[i]! - step / 2 < hi,
            );
            if (!chosen.length) return;
            ctx.navigate({ ...ctx.state, from: chosen[0]!.start, to: chosen[chosen.length - 1]!.end, edge: undefined });
          },
        ],
      },
    },
    [xs, buckets.map((b) => b.quoteCount), buckets.map((b) => b.meetingCount)],
    plot,
  );
  // The current range, drawn as the selection band (without firing the hook again).
  if (ctx.state.from || ctx.state.to) {
    const lo = ctx.state.from ? seconds(ctx.state.from) - step / 2 : xs[0]! - step / 2;
    const hi = ctx.state.to ? seconds(ctx.state.to) + step / 2 : xs[xs.length - 1]! + step / 2;
    const left = Math.max(0, u.valToPos(lo, 'x'));
    const right = Math.min(u.bbox.width / devicePixelRatio, u.valToPos(hi, 'x'));
    if (right > left)
      u.setSelect({ left, width: right - left, top: 0, height: u.bbox.height / devicePixelRatio }, false);
  }
}
