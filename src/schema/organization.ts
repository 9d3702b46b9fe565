import { countOrganizations, findOrganizationPage, organizationOrdering } from '../db/queries.js';
import { builder } from './builder.js';
import { checkSearchText, hexId, toObjectId } from './ids.js';
import { LIMITS } from '../limits.js';
import { checkSlug, connectionComplexity, nestedConnection, connectionFromPage, toPageRequest } from './pagination.js';
import { OrganizationConnection, OrganizationRef, PersonConnection, PersonRef } from './refs.js';

const OrganizationKind = builder.enumType('OrganizationKind', {
  values: ['GOVERNMENT', 'MEDIA', 'PARTY', 'THINK_TANK', 'COMPANY', 'OTHER'] as const,
});

builder.node(OrganizationRef, {
  description: 'A government body, party, news agency, think tank or company named in the news.',
  id: { resolve: hexId },
  loadMany: (ids, ctx) => ids.map((id) => ctx.loaders.organizationById.load(toObjectId(id))),
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    kind: t.expose('kind', { type: OrganizationKind }),
    aliases: t.exposeStringList('aliases'),
    parent: t.field({
      type: OrganizationRef,
      nullable: true,
      resolve: (org, _args, ctx) => (org.parentId ? ctx.loaders.organizationById.load(org.parentId) : null),
    }),
    members: t.connection(
      {
        type: PersonRef,
        description: 'Persons the articles tie to this organization, by name.',
        complexity: connectionComplexity,
        resolve: nestedConnection(
          'name',
          (l) => l.personKeysByOrganizationId,
          (l) => l.personById,
        ),
      },
      PersonConnection,
    ),
  }),
});

builder.queryFields((t) => ({
  organization: t.field({
    type: OrganizationRef,
    nullable: true,
    args: { slug: t.arg.string({ required: true }) },
    resolve: (_root, { slug }, ctx) => ctx.loaders.organizationBySlug.load(checkSlug('slug', slug)!),
  }),
  organizations: t.connection(
    {
      type: OrganizationRef,
      description: 'Organizations by name; `search` matches names and aliases literally.',
      args: { search: t.arg.string() },
      complexity: connectionComplexity,
      resolve: async (_root, args, ctx) => {
        const search = checkSearchText('search', args.search, LIMITS.maxSearchLength);
        const page = await findOrganizationPage(ctx.collections, search, toPageRequest(args, 'name'));
        return connectionFromPage(page, 'name', organizationOrdering.toKey, () =>
          countOrganizations(ctx.collections, search),
        );
      },
    },
    OrganizationConnection,
  ),
}));
