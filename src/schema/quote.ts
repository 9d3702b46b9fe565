import type { OrganizationDoc, PersonDoc, QuoteDoc } from '../db/collections.js';
import { countQuotes, findQuotePage, quoteOrdering } from '../db/queries.js';
import { endOfDay, ParagraphRef } from './article.js';
import { builder } from './builder.js';
import { projectionsOf } from './projection.js';
import { checkSearchText, hexId, toObjectId } from './ids.js';
import { badUserInput } from '../errors.js';
import { LIMITS } from '../limits.js';
import {
  checkSlug,
  connectionComplexity,
  connectionFromPage,
  emptyConnection,
  idForSlug,
  toPageRequest,
} from './pagination.js';
import { ArticleRef, OrganizationRef, PersonRef, QuoteConnection, QuoteRef } from './refs.js';

const QuoteKind = builder.enumType('QuoteKind', {
  values: {
    FULL: { description: 'A whole sentence or more in quotation marks.' },
    PARTIAL: { description: "A phrase in quotation marks inside the reporter's sentence." },
    CONTINUATION: { description: 'A quote that continues one begun in the previous paragraph.' },
  },
});

const Span = builder.objectRef<{ start: number; end: number }>('Span').implement({
  description: 'Character offsets of a quote in its paragraph text: [start, end), UTF-16 code units as in JavaScript.',
  fields: (t) => ({ start: t.exposeInt('start'), end: t.exposeInt('end') }),
});

export const Reporter = builder.unionType('Reporter', {
  description: 'Who relayed a quote when it is not the speaker: a spokesperson or a news agency.',
  types: [PersonRef, OrganizationRef],
  resolveType: (value) => ('kind' in value && !('role' in value) ? OrganizationRef : PersonRef),
});

builder.node(QuoteRef, {
  description: 'Something a person said, as an article reports it, with where it was read.',
  id: { resolve: hexId },
  loadMany: (ids, ctx) => ids.map((id) => ctx.loaders.quoteById.load(toObjectId(id))),
  fields: (t) => ({
    text: t.exposeString('text'),
    kind: t.expose('kind', { type: QuoteKind }),
    cue: t.exposeString('cue', { nullable: true, description: 'The attribution words, e.g. "said", "according to".' }),
    confidence: t.exposeFloat('confidence', {
      description: "How sure the attribution is: 1 for curated quotes, the extractor's estimate otherwise.",
    }),
    sieve: t.exposeString('sieve', {
      nullable: true,
      description:
        'Which attribution rule of the extractor found the speaker (e.g. "after-quote", "header-speaker"); null for curated quotes.',
    }),
    date: t.expose('date', {
      type: 'Date',
      description: 'The day it was said if the article says, else the publication day.',
    }),
    speaker: t.field({
      type: PersonRef,
      resolve: (q, _args, ctx, info) => ctx.loaders.personByIdWith(projectionsOf(info).Person).load(q.speakerId),
    }),
    reportedBy: t.field({
      type: Reporter,
      nullable: true,
      description: 'Who relayed the quote, where that is not the speaker.',
      resolve: (q, _args, ctx): Promise<PersonDoc | OrganizationDoc | null> | null =>
        q.reportedByPersonId
          ? ctx.loaders.personById.load(q.reportedByPersonId)
          : q.reportedByOrganizationId
            ? ctx.loaders.organizationById.load(q.reportedByOrganizationId)
            : null,
    }),
    addressee: t.field({
      type: PersonRef,
      nullable: true,
      description: 'Whom the speaker was talking to, when the article says.',
      resolve: (q, _args, ctx) => (q.addresseeId ? ctx.loaders.personById.load(q.addresseeId) : null),
    }),
    article: t.field({
      type: ArticleRef,
      resolve: (q, _args, ctx, info) => ctx.loaders.articleByIdWith(projectionsOf(info).Article).load(q.articleId),
    }),
    paragraph: t.field({
      type: ParagraphRef,
      resolve: async (q, _args, ctx, info) => ({
        article: (await ctx.loaders.articleByIdWith(projectionsOf(info).Article).load(q.articleId))!,
        index: q.paragraph,
      }),
    }),
    span: t.field({ type: Span, resolve: (q) => ({ start: q.start, end: q.end }) }),
  }),
});

const QuoteFilter = builder.inputType('QuoteFilter', {
  fields: (t) => ({
    speaker: t.string({ description: 'Speaker slug.' }),
    article: t.string({ description: 'Article slug.' }),
    textContains: t.string({ description: 'Case-insensitive text the quote contains (taken literally).' }),
    from: t.field({ type: 'Date', description: 'Said on or after this day.' }),
    to: t.field({ type: 'Date', description: 'Said on or before this day.' }),
    minConfidence: t.float({ description: 'Only attributions at least this sure (0 to 1).' }),
  }),
});

builder.queryFields((t) => ({
  quotes: t.connection(
    {
      type: QuoteRef,
      description: 'Quotes, newest first, optionally filtered.',
      args: { filter: t.arg({ type: QuoteFilter }) },
      complexity: connectionComplexity,
      resolve: async (_root, args, ctx, info) => {
        const f = args.filter ?? {};
        if (
          f.minConfidence !== null &&
          f.minConfidence !== undefined &&
          !(f.minConfidence >= 0 && f.minConfidence <= 1)
        )
          throw badUserInput('"minConfidence" must be between 0 and 1');
        const page = toPageRequest(args, 'newest');
        const textContains = checkSearchText('textContains', f.textContains, LIMITS.maxSearchLength);
        const [speaker, article] = [checkSlug('speaker', f.speaker), checkSlug('article', f.article)];
        const [speakerId, articleId] = await Promise.all([
          idForSlug(speaker, (s) => ctx.loaders.personBySlug.load(s)),
          idForSlug(article, (s) => ctx.loaders.articleBySlug.load(s)),
        ]);
        if (speakerId === undefined || articleId === undefined) return emptyConnection<QuoteDoc>();
        const filter = {
          speakerId,
          articleId,
          textContains,
          from: f.from,
          to: endOfDay(f.to),
          minConfidence: f.minConfidence,
        };
        return connectionFromPage(
          await findQuotePage(ctx.collections, filter, page, projectionsOf(info).Quote),
          'newest',
          quoteOrdering.toKey,
          () => countQuotes(ctx.collections, filter),
        );
      },
    },
    QuoteConnection,
  ),
}));
