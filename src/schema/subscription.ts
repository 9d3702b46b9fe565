/**
 * Subscriptions, served over Server-Sent Events (GraphQL over SSE, built into yoga): send the
 * operation with `accept: text/event-stream`. Every event on the change bus is matched against
 * the subscription's filter; matching facts are read fresh from the database (with fresh loaders,
 * so a long subscription never serves what it read for an earlier event).
 *
 * Limits: depth and complexity as for queries; open subscriptions per client and in total
 * (SubscriptionLimiter). A client that disconnects ends its subscription and frees its slot; when
 * the bus goes down (Redis lost) every subscription ends with EVENTS_UNAVAILABLE.
 */
import { complexityFromQuery } from '@pothos/plugin-complexity';
import { Repeater } from '@repeaterjs/repeater';
import { Kind, type GraphQLResolveInfo } from 'graphql';
import type { ObjectId } from 'mongodb';
import { findArticlesByIds, findMeetingsByIds, findQuotesByIds } from '../db/batch.js';
import type { ArticleDoc, MeetingDoc, QuoteDoc } from '../db/collections.js';
import { parseObjectId } from '../db/ids.js';
import type { Context } from '../context.js';
import type { ChangeEvent } from '../events/index.js';
import { builder, decodeGlobalId } from './builder.js';
import { badUserInput, queryTooComplex } from '../errors.js';
import { ArticleRef, MeetingRef, QuoteRef } from './refs.js';

builder.subscriptionType({
  description:
    'Live changes over Server-Sent Events (`accept: text/event-stream`). A client may hold a few subscriptions at once; ' +
    'a subscription ends with EVENTS_UNAVAILABLE if the event bus is lost, and may simply be opened again.',
});

/** Who holds a subscription slot: the API key if one was given, else the remote address. */
/** Open subscriptions count per client as the HTTP layer identified it; in-process requests share one. */
const clientOf = (ctx: Context): string => ctx.client ?? 'local';

const ids = (hexes: string[]) => hexes.map(parseObjectId).filter((id): id is ObjectId => id !== null);

/**
 * Depth, breadth and complexity, checked when the subscription starts. (The complexity plugin
 * checks root fields as they resolve, which for a subscription is only when its first event comes.)
 */
function checkLimits(ctx: Context, info: GraphQLResolveInfo): void {
  const document = {
    kind: Kind.DOCUMENT,
    definitions: [info.operation, ...Object.values(info.fragments)],
  } as const;
  const result = complexityFromQuery(document, { schema: info.schema, ctx, variables: info.variableValues });
  const { limits } = ctx;
  const over = (
    [
      ['depth', result.depth, limits.maxDepth],
      ['breadth', result.breadth, limits.maxBreadth],
      ['complexity', result.complexity, limits.maxComplexity],
    ] as const
  ).find(([, value, max]) => value > max);
  if (over)
    throw queryTooComplex(`Query ${over[0]} ${over[1]} exceeds the limit of ${over[2]}`, over[0], over[2], {
      value: over[1],
    });
}

/**
 * The subscription's stream: takes a slot, follows the bus, maps each event to the items to send
 * (`select`), and gives the slot back however it ends.
 */
function live<T>(
  ctx: Context,
  info: GraphQLResolveInfo,
  select: (event: ChangeEvent) => Promise<T[]>,
): AsyncIterable<T> {
  checkLimits(ctx, info);
  return new Repeater<T>(async (push, stop) => {
    const release = ctx.subscriptions.acquire(clientOf(ctx));
    const events = ctx.events.bus.stream();
    // The client left (or the service stops): end the bus stream, which ends the loop below.
    const end = () => {
      events.return().catch(() => {});
    };
    stop.then(end, end);
    try {
      for await (const event of events) {
        const items = await select(event);
        if (!items.length) continue;
        ctx.loaders = ctx.newLoaders();
        for (const item of items) await push(item);
      }
      stop();
    } catch (error) {
      stop(error);
    } finally {
      release();
    }
  });
}

function personFilter(value: string | null | undefined, ctx: Context): ObjectId | null {
  if (value == null) return null;
  const { typename, id } = decodeGlobalId(value, ctx);
  if (typename !== 'Person') throw badUserInput(`"personId" must be the id of a Person, not of a ${typename}`);
  return parseObjectId(id);
}

interface ArticleIngestedShape {
  seq: number;
  change: string;
  article: ArticleDoc;
}

const ArticleIngested = builder.objectRef<ArticleIngestedShape>('ArticleIngested').implement({
  description: 'An article stored by ingestion (API or command line) or by seeding.',
  fields: (t) => ({
    seq: t.exposeInt('seq', { description: 'The change sequence number (increases with every change).' }),
    change: t.exposeString('change', { description: 'INGESTED or SEEDED.' }),
    article: t.field({ type: ArticleRef, resolve: (e) => e.article }),
  }),
});

builder.subscriptionFields((t) => ({
  articleIngested: t.field({
    type: ArticleIngested,
    description: 'Every article ingested or seeded from now on, new or changed.',
    subscribe: (_root, _args, ctx, info) =>
      live(ctx, info, async (event) => {
        if (event.entity !== 'ARTICLE' || (event.change !== 'INGESTED' && event.change !== 'SEEDED')) return [];
        const [article] = await findArticlesByIds(ctx.collections, ids([event.articleId!]));
        return article ? [{ seq: event.seq, change: event.change, article }] : [];
      }),
    resolve: (event: ArticleIngestedShape) => event,
  }),
  quoteAdded: t.field({
    type: QuoteRef,
    description:
      'Quotes that new or changed articles add from now on, optionally of one speaker and above a confidence.',
    args: {
      personId: t.arg.id({ description: 'Only quotes this person said.' }),
      minConfidence: t.arg.float({ description: 'Only quotes with at least this attribution confidence (0-1).' }),
    },
    subscribe: (_root, args, ctx, info) => {
      const person = personFilter(args.personId, ctx);
      const min = args.minConfidence ?? null;
      if (min !== null && !(min >= 0 && min <= 1)) throw badUserInput('"minConfidence" must be between 0 and 1');
      return live(ctx, info, async (event) => {
        if (!event.addedQuoteIds.length) return [];
        const quotes = (await findQuotesByIds(ctx.collections, ids(event.addedQuoteIds))).filter((q): q is QuoteDoc =>
          Boolean(q),
        );
        return quotes.filter((q) => (!person || q.speakerId.equals(person)) && (min === null || q.confidence >= min));
      });
    },
    resolve: (quote: QuoteDoc) => quote,
  }),
  meetingAdded: t.field({
    type: MeetingRef,
    description: 'Meetings that new or changed articles add from now on, optionally with one participant.',
    args: { personId: t.arg.id({ description: 'Only meetings this person took part in.' }) },
    subscribe: (_root, args, ctx, info) => {
      const person = personFilter(args.personId, ctx);
      return live(ctx, info, async (event) => {
        if (!event.addedMeetingIds.length) return [];
        const meetings = (await findMeetingsByIds(ctx.collections, ids(event.addedMeetingIds))).filter(
          (m): m is MeetingDoc => Boolean(m),
        );
        return meetings.filter((m) => !person || m.participantIds.some((p) => p.equals(person)));
      });
    },
    resolve: (meeting: MeetingDoc) => meeting,
  }),
}));
