/** Article: the cleaned text with its quotes and meeting mentions marked, each linked to its persons. */
import { AnalystArticleQuery } from '../../../src/client/analyst.js';
import type { AnalystArticleQuery as ArticleData } from '../../../src/client/generated/graphql.js';
import { query } from '../api.js';
import { h, highlight, type Mark, replace } from '../dom.js';
import { empty, errorBox, heading, loading, personLink, type ViewContext } from '../ui.js';
import { meetingItem } from './meeting.js';

/** Every quote and meeting of one article (the seed's has a few dozen; the API caps a page at 100). */
const PAGE = 100;

type Quote = NonNullable<ArticleData['article']>['quotes'] extends infer C
  ? C extends { edges: Array<{ node: infer N }> }
    ? N
    : never
  : never;

export async function renderArticle(ctx: ViewContext): Promise<void> {
  const { slug } = ctx.state;
  if (!slug) {
    replace(ctx.root, heading('Article'), empty('No article chosen: search for one.'));
    ctx.ready();
    return;
  }
  replace(ctx.root, heading('Article'), loading('the article'));
  let data: ArticleData;
  try {
    data = await query(AnalystArticleQuery, { slug, first: PAGE });
  } catch (error) {
    if (!ctx.isCurrent()) return;
    replace(ctx.root, heading('Article'), errorBox(error, 'the article'));
    ctx.root.dataset.state = 'error';
    return;
  }
  if (!ctx.isCurrent()) return;
  const a = data.article;
  if (!a) {
    replace(ctx.root, heading('Article not found'), empty(`There is no article “${slug}”.`));
    ctx.ready();
    return;
  }
  const quotes = (a.quotes?.edges ?? []).map((e) => e.node);
  const meetings = (a.meetings?.edges ?? []).map((e) => e.node);
  const quoteMark = (q: Quote): Mark | null =>
    q.span?.start != null && q.span.end != null
      ? {
          start: q.span.start,
          end: q.span.end,
          wrap: (c) =>
            h(
              'mark',
              { class: 'quote-span', title: `Quote by ${q.speaker?.name ?? 'unknown'}` },
              h('span', { class: 'visually-hidden' }, 'quote: '),
              c,
            ),
        }
      : null;
  /** Marks for the meeting claims read in one paragraph (body) or caption. */
  const claimMarks = (source: 'BODY' | 'CAPTION', index: number | null, value: string) =>
    meetings.flatMap((m) =>
      (m.claims ?? [])
        .filter((c) => c.source === source && c.index === index && c.statement)
        .flatMap((c): Mark[] => {
          const at = value.indexOf(c.statement!);
          return at < 0
            ? []
            : [
                {
                  start: at,
                  end: at + c.statement!.length,
                  wrap: (content) =>
                    h(
                      'mark',
                      {
                        class: 'meeting-mention',
                        title: `Meeting: ${(m.participants ?? []).map((p) => p.name).join(', ')}`,
                      },
                      h('span', { class: 'visually-hidden' }, 'meeting: '),
                      content,
                    ),
                },
              ];
        }),
    );
  const factsOf = (index: number | null) => {
    const qs = quotes.filter((q) => q.paragraph?.index === index);
    const ms = meetings.filter((m) => (m.claims ?? []).some((c) => c.source === 'BODY' && c.index === index));
    if (!qs.length && !ms.length) return null;
    return h(
      'ul',
      { class: 'facts-inline', 'aria-label': `Facts in paragraph ${index}` },
      qs.map((q) =>
        h('li', { class: 'fact quote' }, 'Quote by ', q.speaker ? personLink(ctx.state, q.speaker) : 'unknown'),
      ),
      ms.map((m) =>
        h(
          'li',
          { class: 'fact meeting' },
          'Meeting: ',
          (m.participants ?? []).flatMap((p, i) => [i ? ' and ' : '', personLink(ctx.state, p)]),
          m.date ? ` (${m.date})` : '',
        ),
      ),
    );
  };

  replace(
    ctx.root,
    h(
      'article',
      { class: 'article' },
      heading(a.title ?? slug),
      a.subtitle ? h('p', { class: 'subtitle' }, a.subtitle) : null,
      h(
        'p',
        { class: 'meta' },
        [a.byline, a.source, a.publishedAt?.slice(0, 10)].filter(Boolean).join(' · '),
        ` · ${quotes.length} quotes, ${meetings.length} meetings`,
      ),
      h(
        'p',
        { class: 'legend' },
        h('mark', { class: 'quote-span' }, 'quoted words'),
        ' ',
        h('mark', { class: 'meeting-mention' }, 'meeting mention'),
      ),
      (a.paragraphs ?? []).map((p) => {
        const value = p.text ?? '';
        const marks = [
          ...quotes.filter((q) => q.paragraph?.index === p.index).flatMap((q) => quoteMark(q) ?? []),
          ...claimMarks('BODY', p.index, value),
        ];
        return h(
          'div',
          { class: 'paragraph', id: `p${p.index}` },
          h('p', null, h('span', { class: 'pnum', 'aria-hidden': 'true' }, `${p.index}`), highlight(value, marks)),
          factsOf(p.index),
        );
      }),
      a.captions?.length
        ? h(
            'section',
            { 'aria-labelledby': 'captions' },
            h('h2', { id: 'captions' }, 'Captions'),
            h(
              'ol',
              { class: 'captions' },
              a.captions.map((c) =>
                h(
                  'li',
                  { id: `c${c.index}` },
                  highlight(c.text ?? '', claimMarks('CAPTION', c.index, c.text ?? '')),
                  c.credit ? h('span', { class: 'credit' }, ` — ${c.credit}`) : null,
                ),
              ),
            ),
          )
        : null,
      h(
        'section',
        { 'aria-labelledby': 'article-meetings' },
        h('h2', { id: 'article-meetings' }, 'Meetings in this article'),
        meetings.length
          ? h(
              'ul',
              { class: 'meetings' },
              meetings.map((m) => meetingItem(ctx.state, m, { showArticle: false })),
            )
          : empty('No meetings read in this article.'),
      ),
    ),
  );
  ctx.ready();
}
