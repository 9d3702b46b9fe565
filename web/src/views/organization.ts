/** Organization: its kind, aliases, parent and one page of the persons tied to it. */
import { AnalystOrganizationQuery } from '../../../src/client/analyst.js';
import type { AnalystOrganizationQuery as AnalystOrganizationQueryData } from '../../../src/client/generated/graphql.js';
import { query } from '../api.js';
import { h, replace } from '../dom.js';
import { empty, errorBox, heading, link, loading, personLink, type ViewContext } from '../ui.js';

const PAGE = 50;

export async function renderOrganization(ctx: ViewContext): Promise<void> {
  const { slug } = ctx.state;
  if (!slug) {
    replace(ctx.root, heading('Organization'), empty('No organization chosen: search for one.'));
    ctx.ready();
    return;
  }
  replace(ctx.root, heading('Organization'), loading('the organization'));
  let data: AnalystOrganizationQueryData;
  try {
    data = await query(AnalystOrganizationQuery, { slug, first: PAGE });
  } catch (error) {
    if (!ctx.isCurrent()) return;
    replace(ctx.root, heading('Organization'), errorBox(error, 'the organization'));
    ctx.root.dataset.state = 'error';
    return;
  }
  if (!ctx.isCurrent()) return;
  const o = data.organization;
  if (!o) {
    replace(ctx.root, heading('Organization not found'), empty(`There is no organization “${slug}”.`));
    ctx.ready();
    return;
  }
  const members = o.members?.edges ?? [];
  replace(
    ctx.root,
    heading(o.name ?? slug),
    h(
      'dl',
      { class: 'facts' },
      o.kind ? [h('dt', null, 'Kind'), h('dd', null, o.kind.toLowerCase().replace('_', ' '))] : null,
      o.aliases?.length ? [h('dt', null, 'Also called'), h('dd', null, o.aliases.join(', '))] : null,
      o.parent?.slug
        ? [
            h('dt', null, 'Part of'),
            h('dd', null, link({ view: 'organization', slug: o.parent.slug }, o.parent.name ?? '')),
          ]
        : null,
    ),
    h(
      'section',
      { 'aria-labelledby': 'org-members' },
      h('h2', { id: 'org-members' }, 'Persons ', h('span', { class: 'count' }, String(o.members?.totalCount ?? 0))),
      members.length
        ? h(
            'ul',
            null,
            members.map(({ node: p }) =>
              h('li', null, personLink(ctx.state, p), p.role ? h('span', { class: 'role' }, ` — ${p.role}`) : null),
            ),
          )
        : empty('No persons are tied to this organization.'),
    ),
  );
  ctx.ready();
}
