import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Auth, Scope } from '../auth.js';
import type { Context } from '../context.js';
import { badUserInput, forbidden, queryTooComplex, unauthenticated } from '../errors.js';
import { DEFAULT_QUERY_LIMITS, LIMITS } from '../limits.js';

/**
 * Node types whose global ids `node`/`nodes` (and id arguments) accept, with the scope needed to
 * look one up: null means public. Every type implementing Node must be listed (a test checks), so a
 * future non-public type cannot be reached through `node` by accident: list it with its scope, and
 * give the type itself `authScopes` too so its fields are gated wherever it appears.
 */
export const NODE_TYPE_SCOPES: Readonly<Record<string, Scope | null>> = {
  Article: null,
  Person: null,
  Organization: null,
  Quote: null,
  Meeting: null,
};

/** The typed error for a request that lacks a scope: UNAUTHENTICATED without a valid key, FORBIDDEN with one. */
export function authError(auth: Auth, scope: Scope) {
  if (auth.status === 'authenticated') return forbidden(`This API key does not have the "${scope}" scope`);
  return unauthenticated(
    auth.status === 'invalid'
      ? 'The API key is not recognised'
      : `This operation needs an API key with the "${scope}" scope`,
  );
}

/** Throws unless `typename` is a node type the request may look up. */
export function authorizeNodeType(
  typename: string,
  auth: Auth,
  scopes: Readonly<Record<string, Scope | null>> = NODE_TYPE_SCOPES,
): void {
  if (!Object.hasOwn(scopes, typename)) throw new Error(`unknown node type ${typename}`);
  const scope = scopes[typename];
  if (scope && !auth.scopes.has(scope)) throw authError(auth, scope);
}

function badGlobalId(id: string): never {
  throw badUserInput(`"${id.slice(0, 80)}" is not a valid newsgraph id`);
}

/**
 * Decodes a global id ("Type:hex" in base64), refusing malformed ids and ids of types the request
 * may not look up. Used by `node`/`nodes` and by mutation inputs.
 */
export function decodeGlobalId(globalID: string, ctx: Pick<Context, 'auth'>): { typename: string; id: string } {
  if (globalID.length > 200 || !/^[A-Za-z0-9+/]+={0,2}$/.test(globalID)) badGlobalId(globalID);
  const [typename, id, ...rest] = Buffer.from(globalID, 'base64').toString('utf8').split(':');
  if (!typename || !id || rest.length || !Object.hasOwn(NODE_TYPE_SCOPES, typename) || !/^[0-9a-f]{24}$/.test(id))
    badGlobalId(globalID);
  authorizeNodeType(typename, ctx.auth);
  return { typename, id };
}

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    ID: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
  };
  Connection: { totalCount: number | (() => Promise<number>) };
  AuthScopes: Record<Scope, boolean>;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  // Scope auth first, so no other wrapper (id decoding, complexity) runs for a refused field.
  plugins: [ScopeAuthPlugin, RelayPlugin, ComplexityPlugin],
  scopeAuth: {
    // Computed from the context only (no database), once per request.
    authScopes: (ctx) => ({
      curate: ctx.auth.scopes.has('curate'),
      ingest: ctx.auth.scopes.has('ingest'),
      export: ctx.auth.scopes.has('export'),
    }),
    unauthorizedError: (_parent, ctx, info) =>
      authError(ctx.auth, info.fieldName === 'ingestArticles' ? 'ingest' : 'curate'),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // Global ids are base64 of "Type:hex"; anything else is the client's mistake, not a null.
    encodeGlobalID: (typename, id) => Buffer.from(`${typename}:${String(id)}`, 'utf8').toString('base64'),
    decodeGlobalID: (globalID, ctx) => decodeGlobalId(globalID, ctx),
    nodesQueryOptions: {
      complexity: (args: { ids: readonly unknown[] }) => ({
        field: 1,
        multiplier: Math.min(args.ids.length, LIMITS.maxNodesIds),
      }),
      resolve: (_root, { ids }, _ctx, _info, resolveNodes) => {
        if (ids.length > LIMITS.maxNodesIds)
          throw badUserInput(`"nodes" takes at most ${LIMITS.maxNodesIds} ids (got ${ids.length})`);
        return resolveNodes(ids);
      },
    },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 1,
    // Per request, from the configured limits (MAX_COMPLEXITY, MAX_DEPTH, MAX_BREADTH).
    limit: (ctx) => {
      const limits = ctx.limits ?? DEFAULT_QUERY_LIMITS;
      return { complexity: limits.maxComplexity, depth: limits.maxDepth, breadth: limits.maxBreadth };
    },
    complexityError: (kind, result) => {
      const key = kind.toLowerCase() as 'complexity' | 'depth' | 'breadth';
      return queryTooComplex(
        `Query ${key} ${result[key]} exceeds the limit of ${result[`max${kind}`]}`,
        key,
        result[`max${kind}`] ?? 0,
        {
          value: result[key],
        },
      );
    },
  },
});
