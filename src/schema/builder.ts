import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin from '@pothos/plugin-relay';
import { createGraphQLError } from 'graphql-yoga';
import type { Context } from '../context.js';
import { LIMITS } from './limits.js';

/** Node types whose global ids `node`/`nodes` accept. */
const NODE_TYPES = new Set(['Article', 'Person', 'Organization', 'Quote', 'Meeting']);

function badGlobalId(id: string): never {
  throw createGraphQLError(`"${id.slice(0, 80)}" is not a valid newsgraph id`, { extensions: { code: 'BAD_USER_INPUT' } });
}

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: {
    ID: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date };
    Date: { Input: Date; Output: Date };
  };
  Connection: { totalCount: number | (() => Promise<number>) };
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  plugins: [RelayPlugin, ComplexityPlugin],
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // Global ids are base64 of "Type:hex"; anything else is the client's mistake, not a null.
    encodeGlobalID: (typename, id) => Buffer.from(`${typename}:${String(id)}`, 'utf8').toString('base64'),
    decodeGlobalID: (globalID) => {
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(globalID)) badGlobalId(globalID);
      const [typename, id, ...rest] = Buffer.from(globalID, 'base64').toString('utf8').split(':');
      if (!typename || !id || rest.length || !NODE_TYPES.has(typename) || !/^[0-9a-f]{24}$/.test(id)) badGlobalId(globalID);
      return { typename, id };
    },
  },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 1,
    limit: { complexity: LIMITS.maxComplexity, depth: LIMITS.maxDepth, breadth: LIMITS.maxBreadth },
    complexityError: (kind, result) => {
      const key = kind.toLowerCase() as 'complexity' | 'depth' | 'breadth';
      return createGraphQLError(`Query ${key} ${result[key]} exceeds the limit of ${result[`max${kind}`]}`, {
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: key, value: result[key], max: result[`max${kind}`] },
      });
    },
  },
});
