import type { PersonDoc } from '../db/collections.js';
import { countPersons, findPersonPage, personOrdering } from '../db/queries.js';
import type { SortKey } from '../db/sortKeys.js';
import { compareSortKeys } from '../db/sortKeys.js';
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
import {
  ArticleConnection,
  ArticleRef,
  MeetingConnection,
  MeetingRef,
  OrganizationRef,
  PersonConnection,
  PersonRef,
  QuoteConnection,
  QuoteRef,
} from './refs.js';

/** Someone a person met, with how many meetings they share. */
interface PartnerKey extends SortKey {
  meetingCount: number;
}

builder.node(PersonRef, {
  description: 'A person named in the news.',
  id: { resolve: hexId },
  loadMany: (ids, ctx) => ids.map((id) => ctx.loaders.personById.load(toObjectId(id))),
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    role: t.exposeString('role', { nullable: true, description: 'The role the articles give.' }),
    aliases: t.exposeStringList('aliases', { description: 'Other names the articles use for this person.' }),
    organizations: t.field({
      complexity: listComplexity(LIST_SIZES.organizations),
      type: [OrganizationRef],
      resolve: async (person, _args, ctx) =>
        (await ctx.loaders.organizationById.loadMany(person.organizationIds)).filter(isDoc),
    }),
    quotes: t.connection(
      {
        type: QuoteRef,
        description: 'What this person said, newest first.',
        complexity: connectionComplexity,
        resolve: nestedConnection(
          'newest',
          (l, p) => l.quoteKeysBySpeakerIdWith(p.Quote),
          (l, p) => l.quoteByIdWith(p.Quote),
        ),
      },
      QuoteConnection,
    ),
    meetings: t.connection(
      {
        type: MeetingRef,
        description:
          'Meetings this person took part in, newest first (in person and held: calls and planned meetings are listed only by the root `meetings` with a filter).',
        complexity: connectionComplexity,
        resolve: nestedConnection(
          'newest',
          (l, p) => l.meetingKeysByParticipantIdWith(p.Meeting),
          (l, p) => l.meetingByIdWith(p.Meeting),
        ),
      },
      MeetingConnection,
    ),
    articles: t.connection(
      {
        type: ArticleRef,
        description: 'Articles that quote or mention this person, newest first.',
        complexity: connectionComplexity,
        resolve: nestedConnection(
          'newest',
          (l) => l.articleKeysByPersonId,
          (l, p) => l.articleByIdWith(p.Article),
        ),
      },
      ArticleConnection,
    ),
    metWith: t.connection(
      {
        type: PersonRef,
        description: 'People this person met, most meetings first, then by name.',
        complexity: connectionComplexity,
        resolve: async (person, args, ctx) => {
          const request = toPageRequest(args, 'partners');
          const partners = await ctx.loaders.meetingPartnersByPersonId.load(person._id);
          const docs = (await ctx.loaders.personById.loadMany([...partners.keys()].map(toObjectId))).filter(isDoc);
          const byId = new Map<string, PersonDoc>(docs.map((d) => [d._id.toHexString(), d]));
          const keys: PartnerKey[] = docs
            .map((d) => {
              const meetingCount = partners.get(d._id.toHexString()) ?? 0;
              return { id: d._id.toHexString(), sort: [-meetingCount, d.sortName], meetingCount };
            })
            .sort(compareSortKeys);
          const connection = await connectionFromKeys(keys, request, 'partners', async (page) =>
            page.map((k) => byId.get(k.id) ?? null),
          );
          // Assigned onto the edges (not spread: their cursor is a getter).
          for (const edge of connection.edges)
            Object.assign(edge, { meetingCount: partners.get(edge.node._id.toHexString()) ?? 0 });
          return connection;
        },
      },
      { name: 'MetWithConnection' },
      {
        name: 'MetWithEdge',
        fields: (edge) => ({
          meetingCount: edge.int({
            description: 'How many meetings the two shared.',
            resolve: (e) => (e as unknown as { meetingCount: number }).meetingCount,
          }),
        }),
      },
    ),
  }),
});

builder.queryFields((t) => ({
  person: t.field({
    type: PersonRef,
    nullable: true,
    description: 'A person by slug (e.g. "sung-kim"); null if there is none.',
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, { slug }, ctx) => ctx.loaders.personBySlug.load(checkSlug('slug', slug)!),
  }),
  persons: t.connection(
    {
      type: PersonRef,
      description: 'Persons by name. `search` matches names and aliases, case-insensitively and literally.',
      args: { search: t.arg.string() },
      complexity: connectionComplexity,
      resolve: async (_root, args, ctx, info) => {
        const search = checkSearchText('search', args.search, LIMITS.maxSearchLength);
        const page = await findPersonPage(
          ctx.collections,
          search,
          toPageRequest(args, 'name'),
          projectionsOf(info).Person,
        );
        return connectionFromPage(page, 'name', personOrdering.toKey, () => countPersons(ctx.collections, search));
      },
    },
    PersonConnection,
  ),
}));
