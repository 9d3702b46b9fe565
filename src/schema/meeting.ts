import { ObjectId } from 'mongodb';
import { countMeetings, findMeetingPage, meetingOrdering } from '../db/queries.js';
import { meetingId } from '../db/ids.js';
import type { MeetingClaim, MeetingDoc } from '../db/collections.js';
import { CaptionRef, endOfDay, ParagraphRef } from './article.js';
import { builder } from './builder.js';
import { projectionsOf } from './projection.js';
import { checkSearchText, hexId, toObjectId } from './ids.js';
import { badUserInput } from '../errors.js';
import { LIMITS, LIST_SIZES, listComplexity } from '../limits.js';
import {
  checkSlug,
  connectionComplexity,
  connectionFromPage,
  emptyConnection,
  idForSlug,
  isDoc,
  toPageRequest,
} from './pagination.js';
import { ArticleRef, MeetingConnection, MeetingRef, PersonRef } from './refs.js';

const DatePrecision = builder.enumType('DatePrecision', {
  description: 'How much of `date` the article states: the day, only the month, or only the year.',
  values: ['DAY', 'MONTH', 'YEAR'] as const,
});
const MeetingKind = builder.enumType('MeetingKind', {
  values: {
    MEETING: { description: 'A meeting in person.' },
    TALKS: { description: 'Talks in person.' },
    SUMMIT: { description: 'A summit.' },
    CALL: { description: 'A phone or video call: listed only when a filter asks for calls.' },
  } as const,
});
const MeetingStatus = builder.enumType('MeetingStatus', {
  values: {
    HAPPENED: { description: 'The article says it took place.' },
    PLANNED: {
      description: 'Planned, proposed or cancelled: listed only when a filter asks for planned meetings.',
    },
  } as const,
});
const ClaimSource = builder.enumType('ClaimSource', { values: ['BODY', 'CAPTION'] as const });
const ClaimRelation = builder.enumType('ClaimRelation', { values: ['BEFORE', 'AFTER'] as const });

const MeetingClaimRef = builder.objectRef<MeetingClaim & { meeting: MeetingDoc }>('MeetingClaim').implement({
  description:
    'One statement in the article about a meeting. Body and captions can disagree (e.g. on the order of two meetings); every claim is kept with its source.',
  fields: (t) => ({
    source: t.expose('source', { type: ClaimSource }),
    index: t.exposeInt('index', { description: '1-based paragraph (BODY) or caption (CAPTION) number.' }),
    statement: t.exposeString('statement'),
    relation: t.expose('relation', {
      type: ClaimRelation,
      nullable: true,
      description: 'This meeting happened BEFORE or AFTER `relativeTo`.',
    }),
    relativeTo: t.field({
      type: MeetingRef,
      nullable: true,
      resolve: async (claim, _args, ctx) => {
        if (!claim.relativeToKey) return null;
        const article = await ctx.loaders.articleById.load(claim.meeting.articleId);
        return article ? ctx.loaders.meetingById.load(meetingId(article.slug, claim.relativeToKey)) : null;
      },
    }),
    paragraph: t.field({
      type: ParagraphRef,
      nullable: true,
      resolve: async (claim, _args, ctx) => {
        if (claim.source !== 'BODY') return null;
        const article = await ctx.loaders.articleById.load(claim.meeting.articleId);
        return article ? { article, index: claim.index } : null;
      },
    }),
    caption: t.field({
      type: CaptionRef,
      nullable: true,
      resolve: async (claim, _args, ctx) => {
        if (claim.source !== 'CAPTION') return null;
        const caption = (await ctx.loaders.articleById.load(claim.meeting.articleId))?.captions[claim.index - 1];
        return caption ? { ...caption, index: claim.index } : null;
      },
    }),
  }),
});

builder.node(MeetingRef, {
  description: 'A meeting, talks or summit between people, as an article reports it.',
  id: { resolve: hexId },
  loadMany: (ids, ctx) => ids.map((id) => ctx.loaders.meetingById.load(toObjectId(id))),
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Natural key, unique within the article.' }),
    kind: t.expose('kind', { type: MeetingKind }),
    status: t.field({ type: MeetingStatus, resolve: (m) => m.status ?? 'HAPPENED' }),
    sieve: t.string({
      nullable: true,
      description: 'The meeting sieve of automatic ingestion that found it (e.g. "met-with"); null when curated.',
      resolve: (m) => m.sieve ?? null,
    }),
    confidence: t.float({
      description: 'How sure the sieve is, 0 to 1 (1 for curated meetings); a client can hide weak facts.',
      resolve: (m) => m.confidence ?? 1,
    }),
    date: t.expose('date', {
      type: 'Date',
      description: 'The day, or the first day of the month/year when only that is known.',
    }),
    datePrecision: t.expose('datePrecision', { type: DatePrecision }),
    location: t.exposeString('location', { nullable: true }),
    participants: t.field({
      complexity: listComplexity(LIST_SIZES.participants),
      type: [PersonRef],
      resolve: async (m, _args, ctx, info) =>
        (await ctx.loaders.personByIdWith(projectionsOf(info).Person).loadMany(m.participantIds)).filter(isDoc),
    }),
    article: t.field({
      type: ArticleRef,
      resolve: (m, _args, ctx, info) => ctx.loaders.articleByIdWith(projectionsOf(info).Article).load(m.articleId),
    }),
    paragraph: t.field({
      type: ParagraphRef,
      resolve: async (m, _args, ctx, info) => ({
        article: (await ctx.loaders.articleByIdWith(projectionsOf(info).Article).load(m.articleId))!,
        index: m.paragraph,
      }),
    }),
    claims: t.field({
      complexity: listComplexity(LIST_SIZES.claims),
      type: [MeetingClaimRef],
      resolve: (m) => m.claims.map((c) => ({ ...c, meeting: m })),
    }),
    conflict: t.exposeString('conflict', {
      nullable: true,
      description: "Where the article's claims disagree, what they disagree about.",
    }),
  }),
});

const MAX_PARTICIPANTS_FILTER = 10;

const MeetingFilter = builder.inputType('MeetingFilter', {
  fields: (t) => ({
    participant: t.string({ description: 'Participant slug.' }),
    participants: t.stringList({
      description: `Slugs of persons who all took part (at most ${MAX_PARTICIPANTS_FILTER}): e.g. the two ends of a network edge.`,
    }),
    article: t.string({ description: 'Article slug.' }),
    location: t.string({ description: 'Case-insensitive text the location contains (taken literally).' }),
    from: t.field({ type: 'Date', description: 'On or after this day.' }),
    to: t.field({ type: 'Date', description: 'On or before this day.' }),
    includeCalls: t.boolean({ description: 'Also list phone and video calls (kind CALL). Default false.' }),
    includePlanned: t.boolean({
      description: 'Also list planned, proposed or cancelled meetings (status PLANNED). Default false.',
    }),
    minConfidence: t.float({ description: 'Only meetings found at least this surely (0 to 1).' }),
  }),
});

builder.queryFields((t) => ({
  meetings: t.connection(
    {
      type: MeetingRef,
      description:
        'Meetings that took place, newest first, optionally filtered; calls and planned meetings only when the filter asks.',
      args: { filter: t.arg({ type: MeetingFilter }) },
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
        const location = checkSearchText('location', f.location, LIMITS.maxSearchLength);
        const [participant, article] = [checkSlug('participant', f.participant), checkSlug('article', f.article)];
        if ((f.participants?.length ?? 0) > MAX_PARTICIPANTS_FILTER)
          throw badUserInput(`"participants" takes at most ${MAX_PARTICIPANTS_FILTER} slugs`);
        const [participantId, articleId, ...allIds] = await Promise.all([
          idForSlug(participant, (s) => ctx.loaders.personBySlug.load(s)),
          idForSlug(article, (s) => ctx.loaders.articleBySlug.load(s)),
          ...(f.participants ?? []).map((slug) =>
            idForSlug(checkSlug('participants', slug), (s) => ctx.loaders.personBySlug.load(s)),
          ),
        ]);
        if (participantId === undefined || articleId === undefined || allIds.includes(undefined))
          return emptyConnection<MeetingDoc>();
        const filter = {
          participantId,
          allParticipantIds: allIds.filter((id): id is ObjectId => id instanceof ObjectId),
          articleId,
          location,
          from: f.from,
          to: endOfDay(f.to),
          includeCalls: f.includeCalls,
          includePlanned: f.includePlanned,
          minConfidence: f.minConfidence,
        };
        return connectionFromPage(
          await findMeetingPage(ctx.collections, filter, page, projectionsOf(info).Meeting),
          'newest',
          meetingOrdering.toKey,
          () => countMeetings(ctx.collections, filter),
        );
      },
    },
    MeetingConnection,
  ),
}));
