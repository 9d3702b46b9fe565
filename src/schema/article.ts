import type { ArticleDoc } from '../db/collections.js';
import { countArticles, findArticlePage, articleOrdering } from '../db/queries.js';
import { builder } from './builder.js';
import { projectionsOf } from './projection.js';
import { checkSearchText, hexId, toObjectId } from './ids.js';
import { LIMITS, LIST_SIZES, listComplexity } from '../limits.js';
import {
  checkSlug,
  connectionComplexity,
  connectionFromKeys,
  connectionFromPage,
  isDoc,
  nestedConnection,
  toPageRequest,
} from './pagination.js';
import { byName, compareSortKeys } from '../db/sortKeys.js';
import {
  ArticleConnection,
  ArticleRef,
  MeetingConnection,
  MeetingRef,
  PersonConnection,
  PersonRef,
  QuoteConnection,
  QuoteRef,
} from './refs.js';

/** A body paragraph, the provenance of quotes and meetings. */
export interface ParagraphShape {
  article: ArticleDoc;
  index: number;
}

export const ParagraphRef = builder.objectRef<ParagraphShape>('Paragraph').implement({
  description: 'A body paragraph of an article: where a quote or meeting was read.',
  fields: (t) => ({
    index: t.int({ description: '1-based position among the cleaned body paragraphs.', resolve: (p) => p.index }),
    text: t.string({ resolve: (p) => p.article.paragraphs[p.index - 1] ?? '' }),
    article: t.field({ type: ArticleRef, resolve: (p) => p.article }),
  }),
});

export const CaptionRef = builder
  .objectRef<{ text: string; credit: string | null; index: number }>('Caption')
  .implement({
    description: 'A photo caption, kept apart from the body, with its credit.',
    fields: (t) => ({
      index: t.exposeInt('index', { description: '1-based position among the captions.' }),
      text: t.exposeString('text'),
      credit: t.exposeString('credit', { nullable: true }),
    }),
  });

builder.node(ArticleRef, {
  description: 'A news article, cleaned of scrape noise.',
  id: { resolve: hexId },
  loadMany: (ids, ctx) => ids.map((id) => ctx.loaders.articleById.load(toObjectId(id))),
  fields: (t) => ({
    slug: t.exposeString('slug'),
    title: t.exposeString('title'),
    subtitle: t.exposeString('subtitle', { nullable: true }),
    byline: t.exposeString('byline', { nullable: true }),
    source: t.exposeString('source', { nullable: true }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime' }),
    paragraphs: t.field({
      complexity: listComplexity(LIST_SIZES.paragraphs),
      type: [ParagraphRef],
      resolve: (article) => article.paragraphs.map((_, i) => ({ article, index: i + 1 })),
    }),
    paragraph: t.field({
      type: ParagraphRef,
      nullable: true,
      args: { index: t.arg.int({ required: true }) },
      resolve: (article, { index }) => (index >= 1 && index <= article.paragraphs.length ? { article, index } : null),
    }),
    captions: t.field({
      complexity: listComplexity(LIST_SIZES.captions),
      type: [CaptionRef],
      resolve: (article) => article.captions.map((c, i) => ({ ...c, index: i + 1 })),
    }),
    persons: t.connection(
      {
        type: PersonRef,
        description: 'Everyone the article names, by name.',
        complexity: connectionComplexity,
        resolve: async (article, args, ctx) => {
          const request = toPageRequest(args, 'name');
          // An article names a bounded number of people: load them all (one batched query), then page.
          const persons = (await ctx.loaders.personById.loadMany(article.personIds)).filter(isDoc);
          const byKey = new Map(persons.map((p) => [p._id.toHexString(), p]));
          const keys = persons.map((p) => byName(p._id, p.sortName)).sort(compareSortKeys);
          return connectionFromKeys(keys, request, 'name', async (page) => page.map((k) => byKey.get(k.id) ?? null));
        },
      },
      PersonConnection,
    ),
    quotes: t.connection(
      {
        type: QuoteRef,
        description: 'Quotes read in this article, newest first.',
        complexity: connectionComplexity,
        resolve: nestedConnection(
          'newest',
          (l, p) => l.quoteKeysByArticleIdWith(p.Quote),
          (l, p) => l.quoteByIdWith(p.Quote),
        ),
      },
      QuoteConnection,
    ),
    meetings: t.connection(
      {
        type: MeetingRef,
        description:
          'Meetings read in this article that took place, newest first (calls and planned meetings: root `meetings` with a filter).',
        complexity: connectionComplexity,
        resolve: nestedConnection(
          'newest',
          (l, p) => l.meetingKeysByArticleIdWith(p.Meeting),
          (l, p) => l.meetingByIdWith(p.Meeting),
        ),
      },
      MeetingConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  article: t.field({
    type: ArticleRef,
    nullable: true,
    description: 'An article by its slug; null if there is none.',
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, { slug }, ctx) => ctx.loaders.articleBySlug.load(checkSlug('slug', slug)!),
  }),
  articles: t.connection(
    {
      type: ArticleRef,
      description: 'Articles, newest first.',
      args: {
        search: t.arg.string({ description: 'Case-insensitive text the title contains (taken literally).' }),
        from: t.arg({ type: 'Date', description: 'Published on or after this day.' }),
        to: t.arg({ type: 'Date', description: 'Published on or before this day.' }),
      },
      complexity: connectionComplexity,
      resolve: async (_root, args, ctx, info) => {
        const filter = {
          search: checkSearchText('search', args.search, LIMITS.maxSearchLength),
          from: args.from,
          to: endOfDay(args.to),
        };
        const page = await findArticlePage(
          ctx.collections,
          filter,
          toPageRequest(args, 'newest'),
          projectionsOf(info).Article,
        );
        return connectionFromPage(page, 'newest', articleOrdering.toKey, () => countArticles(ctx.collections, filter));
      },
    },
    ArticleConnection,
  ),
}));

/** A `to` day bound includes the whole day. */
export function endOfDay(day: Date | null | undefined): Date | null {
  return day ? new Date(day.getTime() + 86_400_000 - 1) : null;
}
