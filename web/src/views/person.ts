/** Person: who they are, what they said (in its paragraph), whom they met and on what evidence. */
import { AnalystPersonQuery } from '../../../src/client/analyst.js';
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
  let data: AnalystPersonQueryData;
  try {
    data = await query(AnalystPersonQuery, {
      slug,
      from: from ?? null,
      to: to ?? null,
      first: PAGE,
      partners: PARTNERS,
    });
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
  const quotes = data.quotes?.edges ?? [];
  const meetings = data.meetings?.edges ?? [];
  const partners = p.metWith?.edges ?? [];
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
        h('span', { class: 'count' }, `all dates, ${p.metWith?.totalCount ?? 0}`),
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
      h(
        'h2',
        { id: 'person-quotes' },
        'Quotes ',
        h('span', { class: 'count' }, count(quotes.length, data.quotes?.totalCount, ctx)),
      ),
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
    ),
    h(
      'section',
      { 'aria-labelledby': 'person-meetings' },
      h(
        'h2',
        { id: 'person-meetings' },
        'Meetings ',
        h('span', { class: 'count' }, count(meetings.length, data.meetings?.totalCount, ctx)),
      ),
      meetings.length
        ? h(
            'ul',
            { class: 'meetings' },
            meetings.map(({ node: m }) => meetingItem(ctx.state, m)),
          )
        : empty(`No meetings in ${rangeText(ctx.state)}.`),
    ),
  );
  ctx.ready();
}

const count = (shown: number, total: number | undefined, ctx: ViewContext) =>
  `${rangeText(ctx.state)}, ${total !== undefined && total > shown ? `${shown} of ${total}` : shown}`;
