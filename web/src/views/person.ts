/** Person: who they are, what they said (in its paragraph), whom they met and on what evidence. */
import {
  AnalystPersonMeetingsQuery,
  AnalystPersonQuery,
  AnalystPersonQuotesQuery,
} from '../../../src/client/analyst.js';
import type { AnalystPersonQuery as AnalystPersonQueryData } from '../../../src/client/generated/graphql.js';
import { query } from '../api.js';
import { h, highlight, replace } from '../dom.js';
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
import { meetingItem } from './meeting.js';

const PAGE = 20;
const PARTNERS = 10;

export async function renderPerson(ctx: ViewContext): Promise<void> {
  const { slug, from, to } = ctx.state;
  if (!slug) {
    replace(ctx.root, heading('Person'), empty('No person chosen: search for one.'));
    ctx.ready();
    return;
  }
  replace(ctx.root, heading('Person'), loading('the person'));
  // Three requests at once: the person first on screen, each list as it comes.
  const range = { slug, from: from ?? null, to: to ?? null, first: PAGE };
  const quotesAsked = query(AnalystPersonQuotesQuery, range);
  const meetingsAsked = query(AnalystPersonMeetingsQuery, range);
  // Settled here so that a failure shows in its section, never as an unhandled rejection.
  quotesAsked.catch(() => {});
  meetingsAsked.catch(() => {});
  let data: AnalystPersonQueryData;
  try {
    data = await query(AnalystPersonQuery, { slug, partners: PARTNERS });
  } catch (error) {
    if (!ctx.isCurrent()) return;
    replace(ctx.root, heading('Person'), errorBox(error, 'the person'));
    ctx.root.dataset.state = 'error';
    return;
  }
  if (!ctx.isCurrent()) return;
  const p = data.person;
  if (!p) {
    replace(ctx.root, heading('Person not found'), empty(`There is no person “${slug}”.`));
    ctx.ready();
    return;
  }
  const quotesBox = h('div', null, loading('the quotes'));
  const meetingsBox = h('div', null, loading('the meetings'));
  const partners = p.metWith?.edges ?? [];
  const quotesCount = h('span', { class: 'count' }, '');
  const meetingsCount = h('span', { class: 'count' }, '');
  replace(
    ctx.root,
    heading(p.name ?? slug),
    h(
      'dl',
      { class: 'facts' },
      p.role ? [h('dt', null, 'Role'), h('dd', null, p.role)] : null,
      p.aliases?.length ? [h('dt', null, 'Also called'), h('dd', null, p.aliases.join(', '))] : null,
      p.organizations?.length
        ? [
            h('dt', null, 'Organizations'),
            h(
              'dd',
              null,
              p.organizations.flatMap((o, i) => [
                i ? ', ' : '',
                o.slug ? link({ view: 'organization', slug: o.slug }, o.name ?? o.slug) : (o.name ?? ''),
              ]),
            ),
          ]
        : null,
    ),
    h(
      'p',
      { class: 'actions' },
      link({ view: 'network', from, to }, 'Network for this range'),
      ' · ',
      link({ view: 'timeline', from, to }, 'Timeline'),
    ),
    h(
      'section',
      { 'aria-labelledby': 'met-most' },
      h(
        'h2',
        { id: 'met-most' },
        'Met most ',
        h('span', { class: 'count' }, `all dates, ${shownCount(partners.length, p.metWith?.pageInfo.hasNextPage)}`),
      ),
      partners.length
        ? h(
            'ol',
            { class: 'partners' },
            partners.map((e) =>
              h('li', null, personLink(ctx.state, e.node), ` — ${plural(e.meetingCount ?? 0, 'meeting')}`),
            ),
          )
        : empty('No meetings recorded.'),
    ),
    rangeForm(ctx),
    h(
      'section',
      { 'aria-labelledby': 'person-quotes' },
      h('h2', { id: 'person-quotes' }, 'Quotes ', quotesCount),
      quotesBox,
    ),
    h(
      'section',
      { 'aria-labelledby': 'person-meetings' },
      h('h2', { id: 'person-meetings' }, 'Meetings ', meetingsCount),
      meetingsBox,
    ),
  );
  ctx.firstContent();

  const [q, m] = await Promise.allSettled([quotesAsked, meetingsAsked]);
  if (!ctx.isCurrent()) return;
  if (q.status === 'rejected') replace(quotesBox, errorBox(q.reason, 'the quotes'));
  else {
    const quotes = q.value.quotes?.edges ?? [];
    quotesCount.textContent = count(quotes.length, q.value.quotes?.pageInfo.hasNextPage, ctx);
    replace(
      quotesBox,
      quotes.length
        ? h(
            'ul',
            { class: 'quotes' },
            quotes.map(({ node: q }) => {
              const text = q.paragraph?.text ?? q.text ?? '';
              const span = q.paragraph?.text && q.span?.start != null && q.span.end != null ? q.span : null;
              return h(
                'li',
                { class: 'quote' },
                h(
                  'blockquote',
                  null,
                  span
                    ? highlight(text, [
                        {
                          start: span.start!,
                          end: span.end!,
                          wrap: (c) =>
                            h('mark', { class: 'quote-span' }, h('span', { class: 'visually-hidden' }, 'quote: '), c),
                        },
                      ])
                    : text,
                ),
                h(
                  'p',
                  { class: 'meta' },
                  `${q.date ?? 'date unknown'} · ${(q.kind ?? '').toLowerCase()} quote · `,
                  q.paragraph?.article ? articleLink(q.paragraph.article, q.paragraph.index) : null,
                  q.paragraph?.index ? ` ¶${q.paragraph.index}` : null,
                ),
              );
            }),
          )
        : empty(`No quotes in ${rangeText(ctx.state)}.`),
    );
  }
  if (m.status === 'rejected') replace(meetingsBox, errorBox(m.reason, 'the meetings'));
  else {
    const meetings = m.value.meetings?.edges ?? [];
    meetingsCount.textContent = count(meetings.length, m.value.meetings?.pageInfo.hasNextPage, ctx);
    replace(
      meetingsBox,
      meetings.length
        ? h(
            'ul',
            { class: 'meetings' },
            meetings.map(({ node }) => meetingItem(ctx.state, node)),
          )
        : empty(`No meetings in ${rangeText(ctx.state)}.`),
    );
  }
  ctx.ready();
}

const count = (shown: number, hasNextPage: boolean | undefined, ctx: ViewContext) =>
  `${rangeText(ctx.state)}, ${shownCount(shown, hasNextPage)}`;
