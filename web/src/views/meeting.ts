/** A meeting as the page shows it everywhere: date, place, participants, the claims behind it, any conflict. */
import type { AnalystMeetingFragment } from '../../../src/client/generated/graphql.js';
import { h, highlight } from '../dom.js';
import type { State } from '../state.js';
import { articleLink, formatDate, personLink } from '../ui.js';

export function meetingItem(state: State, m: AnalystMeetingFragment, { showArticle = true } = {}): HTMLElement {
  const kind = (m.kind ?? 'MEETING').toLowerCase();
  return h(
    'li',
    { class: 'meeting' },
    h(
      'p',
      { class: 'meeting-head' },
      h('strong', null, `${kind[0]!.toUpperCase()}${kind.slice(1)}`),
      ` on ${formatDate(m.date, m.datePrecision)}`,
      m.location ? ` at ${m.location}` : '',
      ': ',
      (m.participants ?? []).flatMap((p, i) => [i ? ', ' : '', personLink(state, p)]),
      showArticle && m.article ? [' — ', articleLink(m.article)] : null,
    ),
    m.conflict
      ? h('p', { class: 'conflict', role: 'note' }, h('strong', null, 'Conflicting claims: '), m.conflict)
      : null,
    h(
      'ul',
      { class: 'claims', 'aria-label': 'Claims' },
      (m.claims ?? []).map((c) => {
        const where = c.source === 'CAPTION' ? `Caption ${c.index ?? '?'}` : `¶${c.index ?? '?'}`;
        const context = c.source === 'CAPTION' ? c.caption?.text : c.paragraph?.text;
        return h(
          'li',
          { class: 'claim' },
          h(
            'span',
            { class: 'claim-source' },
            `${where}${c.relation ? ` (${c.relation.toLowerCase()} another meeting)` : ''}: `,
          ),
          evidence(context ?? null, c.statement ?? null),
        );
      }),
    ),
  );
}

/** The claim inside its paragraph or caption, the claim's words marked; the statement alone if it is not found. */
export function evidence(context: string | null, statement: string | null): HTMLElement {
  if (!context) return h('span', { class: 'evidence' }, statement ?? '');
  const at = statement ? context.indexOf(statement) : -1;
  if (at < 0) return h('span', { class: 'evidence' }, context);
  return h(
    'span',
    { class: 'evidence' },
    highlight(context, [
      {
        start: at,
        end: at + statement!.length,
        wrap: (content) =>
          h('mark', { class: 'meeting-mention' }, h('span', { class: 'visually-hidden' }, 'meeting: '), content),
      },
    ]),
  );
}
