/**
 * Curation mutations. Each takes one `input` argument (Relay style), needs an API key with the
 * `curate` scope (checked per field by scope-auth before anything else runs), validates its input
 * with zod, and leaves the writing to src/db/curation.ts. Errors a curator can fix carry
 * `extensions.code`: UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, NOT_FOUND, CONFLICT.
 */
import { ObjectId } from 'mongodb';
import { z } from 'zod';
import type { PersonDoc, QuoteDoc } from '../db/collections.js';
import { mergeCompleted, personState } from '../db/changes.js';
import { WriteConflictError } from '../db/coordinator.js';
import * as curation from '../db/curation.js';
import type { Context } from '../context.js';
import { builder, decodeGlobalId } from './builder.js';
import { badUserInput, conflict, notFound } from '../errors.js';
import { PersonRef, QuoteRef } from './refs.js';

builder.mutationType({
  description: 'Curation: corrections to the graph. Every field needs an API key with the `curate` scope.',
});

/** Text a curator types: trimmed, 1-200 characters, no control characters. */
const Text = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'must not contain control characters');

const PersonEditInput = z
  .object({
    name: Text.optional(),
    aliases: z
      .array(Text)
      .max(50, 'at most 50 aliases')
      .transform((a) => [...new Set(a)])
      .optional(),
    role: Text.nullable().optional(),
  })
  .refine(
    (e) => e.name !== undefined || e.aliases !== undefined || e.role !== undefined,
    'give at least one of name, aliases, role',
  );

/** Runs zod and turns its first problem into BAD_USER_INPUT naming the field. */
function validate<S extends z.ZodTypeAny>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? `"${issue.path.join('.')}" ` : '';
  throw badUserInput(`${where}${issue.message}`);
}

/**
 * A global id of the expected type, as an ObjectId. Ids are decoded here, inside the resolver,
 * rather than by the relay plugin's argument mapping, so the scope check runs first: a caller
 * without the scope learns nothing about its input.
 */
function idOf(value: string, typename: string, field: string, ctx: Context): ObjectId {
  const globalId = decodeGlobalId(value, ctx);
  if (globalId.typename !== typename)
    throw badUserInput(`"${field}" must be the id of a ${typename}, not of a ${globalId.typename}`);
  return new ObjectId(globalId.id);
}

const CURATION_ERRORS = { NOT_FOUND: notFound, CONFLICT: conflict, BAD_USER_INPUT: badUserInput } as const;

/** Maps the database layer's errors to typed GraphQL errors; anything else stays unexpected. */
async function curate<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof curation.CurationError || error instanceof WriteConflictError)
      throw CURATION_ERRORS[error.code](error.message);
    throw error;
  }
}

const curateOnly = { curate: true } as const;

// --- correctQuoteSpeaker -----------------------------------------------------------------------

const CorrectQuoteSpeakerInput = builder.inputType('CorrectQuoteSpeakerInput', {
  fields: (t) => ({
    quoteId: t.id({ required: true }),
    speakerId: t.id({ required: true, description: 'The person who actually said it.' }),
  }),
});

const CorrectQuoteSpeakerPayload = builder
  .objectRef<{ quote: QuoteDoc; previousSpeakerId: ObjectId }>('CorrectQuoteSpeakerPayload')
  .implement({
    fields: (t) => ({
      quote: t.field({ type: QuoteRef, resolve: (p) => p.quote }),
      previousSpeaker: t.field({
        type: PersonRef,
        nullable: true,
        description: 'Who the quote was attributed to before (null if that person no longer exists).',
        resolve: (p, _args, ctx) => ctx.loaders.personById.load(p.previousSpeakerId),
      }),
    }),
  });

// --- updatePerson --------------------------------------------------------------------------------

const UpdatePersonInput = builder.inputType('UpdatePersonInput', {
  description: 'Fields left out stay as they are. The slug, and so the id, never changes.',
  fields: (t) => ({
    personId: t.id({ required: true }),
    name: t.string(),
    aliases: t.stringList({ description: 'Replaces the alias list (at most 50).' }),
    role: t.string({ description: 'null clears the role.' }),
  }),
});

const UpdatePersonPayload = builder.objectRef<{ person: PersonDoc }>('UpdatePersonPayload').implement({
  fields: (t) => ({ person: t.field({ type: PersonRef, resolve: (p) => p.person }) }),
});

// --- mergePersons --------------------------------------------------------------------------------

const MergePersonsInput = builder.inputType('MergePersonsInput', {
  fields: (t) => ({
    survivorId: t.id({ required: true, description: 'The person who stays (keeps its id and slug).' }),
    mergedId: t.id({
      required: true,
      description:
        'The duplicate: its quotes, meetings and articles move to the survivor, its names become aliases, and it is removed.',
    }),
  }),
});

const MergeState = builder.enumType('MergeState', { values: ['PENDING', 'DONE'] as const });

const MergePersonsPayload = builder.objectRef<curation.MergeDoc>('MergePersonsPayload').implement({
  description:
    'The merge record. Retrying a merge returns the same record; an interrupted merge is completed by the retry.',
  fields: (t) => ({
    survivor: t.field({
      type: PersonRef,
      nullable: true,
      resolve: (m, _args, ctx) => ctx.loaders.personById.load(m.survivorId),
    }),
    mergedSlug: t.string({ description: 'Slug of the removed person.', resolve: (m) => m.merged.slug }),
    state: t.field({ type: MergeState, resolve: (m) => m.state }),
    movedQuotes: t.int({ resolve: (m) => m.moved.quotes }),
    movedMeetings: t.int({ resolve: (m) => m.moved.meetings }),
    movedArticles: t.int({ resolve: (m) => m.moved.articles }),
  }),
});

// --- deleteArticle -------------------------------------------------------------------------------

const DeleteArticleInput = builder.inputType('DeleteArticleInput', {
  fields: (t) => ({ articleId: t.id({ required: true }) }),
});

const DeleteArticlePayload = builder
  .objectRef<{ articleId: string; quotes: number; meetings: number }>('DeleteArticlePayload')
  .implement({
    fields: (t) => ({
      deletedArticleId: t.id({ resolve: (p) => p.articleId }),
      deletedQuotes: t.int({ resolve: (p) => p.quotes }),
      deletedMeetings: t.int({ resolve: (p) => p.meetings }),
    }),
  });

builder.mutationFields((t) => ({
  correctQuoteSpeaker: t.field({
    type: CorrectQuoteSpeakerPayload,
    description: 'Attributes a quote to another person.',
    authScopes: curateOnly,
    args: { input: t.arg({ type: CorrectQuoteSpeakerInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const result = await curate(() =>
        curation.correctQuoteSpeaker(
          ctx.collections,
          idOf(input.quoteId, 'Quote', 'quoteId', ctx),
          idOf(input.speakerId, 'Person', 'speakerId', ctx),
        ),
      );
      // Change events go out after the write succeeded (src/events); a retry that changed nothing sends none.
      if (!result.previousSpeakerId.equals(result.quote.speakerId))
        await ctx.events.quoteCorrected(result.quote._id, result.quote.articleId, [
          result.quote.speakerId,
          result.previousSpeakerId,
        ]);
      return result;
    },
  }),
  updatePerson: t.field({
    type: UpdatePersonPayload,
    description: "Edits a person's name, aliases or role.",
    authScopes: curateOnly,
    args: { input: t.arg({ type: UpdatePersonInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const personId = idOf(input.personId, 'Person', 'personId', ctx);
      // GraphQL null for name/aliases means "leave as is"; for role it clears the role.
      const edit = validate(PersonEditInput, {
        ...(input.name != null ? { name: input.name } : {}),
        ...(input.aliases != null ? { aliases: input.aliases } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
      });
      const before = await personState(ctx.collections, personId);
      const person = await curate(() => curation.updatePerson(ctx.collections, personId, edit));
      if ((await personState(ctx.collections, personId)) !== before)
        await ctx.events.personsChanged('UPDATED', [personId]);
      return { person };
    },
  }),
  mergePersons: t.field({
    type: MergePersonsPayload,
    description: 'Merges a duplicate person into another. Idempotent: a retry resumes or returns the finished merge.',
    authScopes: curateOnly,
    args: { input: t.arg({ type: MergePersonsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const survivorId = idOf(input.survivorId, 'Person', 'survivorId', ctx);
      const mergedId = idOf(input.mergedId, 'Person', 'mergedId', ctx);
      const wasDone = await mergeCompleted(ctx.collections, mergedId);
      const merge = await curate(() => curation.mergePersons(ctx.collections, survivorId, mergedId));
      // Also for a merge left PENDING: whatever part of it ran has changed what readers see.
      if (!wasDone) await ctx.events.personsChanged('MERGED', [survivorId], [mergedId]);
      return merge;
    },
  }),
  deleteArticle: t.field({
    type: DeleteArticlePayload,
    description: 'Deletes an article with its quotes and meetings. Persons and organizations stay.',
    authScopes: curateOnly,
    args: { input: t.arg({ type: DeleteArticleInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = idOf(input.articleId, 'Article', 'articleId', ctx);
      // What the article held, read before it goes: the event names its quotes, meetings and persons.
      const snapshot = await ctx.events.snapshotArticle(id);
      const deleted = await curate(() => curation.deleteArticle(ctx.collections, id));
      if (snapshot) await ctx.events.articleDeleted(snapshot);
      return { articleId: Buffer.from(`Article:${id.toHexString()}`, 'utf8').toString('base64'), ...deleted };
    },
  }),
}));
