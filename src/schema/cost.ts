/**
 * The database cost of an operation: an estimate of how many documents the database must read to
 * answer it, computed from the validated document before anything runs. Pothos's complexity
 * (fields × page sizes, MAX_COMPLEXITY) bounds the size of the answer; this bounds the reading,
 * which is what a count or an unselective filter makes expensive even for a small answer. The
 * prices are configuration (COSTS and the field tables in limits.ts); nothing here is per resolver.
 *
 * - an object reached through a field: 1 read per parent (a by-id or by-slug lookup);
 * - a plain list: its expected size (LIST_SIZES, via the field's Pothos complexity multiplier);
 * - a connection page: its page size (at least 1), plus COSTS.connection;
 * - `totalCount`: COSTS.count per connection asked (it reads every matching document);
 * - a filter that cannot use an index, or an aggregate over a collection: COSTS.scan.
 * Everything under a list or page is multiplied by its size, as the loaders batch per level but
 * still read every document.
 */
import {
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type InlineFragmentNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values.js';
import { COSTS, SCANNING, LIMITS } from '../limits.js';

const isList = (type: GraphQLOutputType): boolean => (isNonNullType(type) ? isList(type.ofType) : isListType(type));

/** A relay connection type: has `edges` and `pageInfo`. */
function isConnectionType(type: GraphQLCompositeType): boolean {
  return isObjectType(type) && 'edges' in type.getFields() && 'pageInfo' in type.getFields();
}

function pageSize(args: Record<string, unknown>): number {
  const n = (args.first ?? args.last ?? LIMITS.defaultPageSize) as number;
  return Math.min(Math.max(Number.isFinite(n) ? n : LIMITS.defaultPageSize, 1), LIMITS.maxPageSize);
}

/** The value at a dotted path of the arguments ("filter.textContains"), if given. */
function argumentAt(args: Record<string, unknown>, path: string): unknown {
  let value: unknown = args;
  for (const part of path.split('.'))
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/** Whether this field, with these arguments, has to read its whole collection. */
function scans(parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>) {
  const rule = SCANNING[`${parent.name}.${field.name}`];
  if (rule === undefined) return false;
  if (rule === 'always') return true;
  return rule.some((path) => {
    const value = argumentAt(args, path);
    return value !== undefined && value !== null && value !== '';
  });
}

/** The Pothos list multiplier of a non-connection list field (LIST_SIZES), else 1. */
function listSize(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number {
  if (!isList(field.type)) return 1;
  let option = (field.extensions as { complexity?: unknown } | undefined)?.complexity;
  if (typeof option === 'function')
    option = (option as (a: unknown, c: unknown, f: unknown) => unknown)(args, {}, field);
  const multiplier = option && typeof option === 'object' ? (option as { multiplier?: number }).multiplier : undefined;
  return Math.max(1, multiplier ?? 1);
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function selectionSetCost(walk: Walk, set: SelectionSetNode, type: GraphQLCompositeType, multiplier: number): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const fragment = walk.fragments[selection.name.value];
      const on = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      if (fragment && on && isCompositeType(on)) cost += selectionSetCost(walk, fragment.selectionSet, on, multiplier);
      continue;
    }
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      if (on && isCompositeType(on)) cost += selectionSetCost(walk, selection.selectionSet, on, multiplier);
      continue;
    }
    if (selection.name.value.startsWith('__') || !('getFields' in type)) continue;
    const field = type.getFields()[selection.name.value];
    if (!field) continue;
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(field, selection, walk.variables);
    } catch {
      args = {}; // execution reports the bad argument
    }
    const named = getNamedType(field.type);
    const scan = scans(type, field, args) ? COSTS.scan * multiplier : 0;
    if (!isCompositeType(named) || !selection.selectionSet) {
      cost += scan;
      continue;
    }
    if (isConnectionType(named)) {
      const page = pageSize(args);
      cost += scan + multiplier * (COSTS.connection + page);
      cost += connectionCost(walk, selection.selectionSet, named, multiplier, page);
      continue;
    }
    const size = listSize(field, args);
    cost += scan + multiplier * size * COSTS.lookup;
    cost += selectionSetCost(walk, selection.selectionSet, named, multiplier * size);
  }
  return cost;
}

/** Inside a connection: `totalCount` is a count, `edges` the page; `pageInfo` is free. */
function connectionCost(
  walk: Walk,
  set: SelectionSetNode,
  type: GraphQLCompositeType,
  multiplier: number,
  page: number,
): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind !== Kind.FIELD) {
      const inner = fragmentSelections(walk, selection);
      if (inner) cost += connectionCost(walk, inner, type, multiplier, page);
    } else if (selection.name.value === 'totalCount') cost += multiplier * COSTS.count;
    else if (selection.name.value === 'edges' && selection.selectionSet && 'getFields' in type) {
      const edge = getNamedType(type.getFields().edges!.type);
      if (isCompositeType(edge)) cost += edgeCost(walk, selection.selectionSet, edge, multiplier * page);
    }
  }
  return cost;
}

/** An edge's `node` is the page's document, already paid for: only what hangs below it costs. */
function edgeCost(walk: Walk, set: SelectionSetNode, type: GraphQLCompositeType, multiplier: number): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind !== Kind.FIELD) {
      const inner = fragmentSelections(walk, selection);
      if (inner) cost += edgeCost(walk, inner, type, multiplier);
    } else if (selection.name.value === 'node' && selection.selectionSet && 'getFields' in type) {
      const node = getNamedType(type.getFields().node!.type);
      if (isCompositeType(node)) cost += selectionSetCost(walk, selection.selectionSet, node, multiplier);
    }
  }
  return cost;
}

function fragmentSelections(walk: Walk, selection: FragmentSpreadNode | InlineFragmentNode) {
  return selection.kind === Kind.FRAGMENT_SPREAD
    ? walk.fragments[selection.name.value]?.selectionSet
    : selection.selectionSet;
}

/**
 * The estimated database cost of the operation `operationName` (or the only one) of a validated
 * document, with the request's variables. Unknown parts count nothing (validation refused them);
 * variables that do not coerce count as absent (execution refuses them).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
): number {
  // yoga's parser cache hands every request with the same text the same DocumentNode, so a
  // dashboard repeating one query walks it once per distinct set of (small) variables.
  const key = `${operationName ?? ''}\u0000${JSON.stringify(rawVariables ?? {})}`;
  if (key.length > MEMO_KEY_MAX_CHARS) return computeOperationCost(schema, document, operationName, rawVariables);
  let memo = costMemo.get(document);
  if (!memo || memo.schema !== schema) {
    memo = { schema, costs: new Map() };
    costMemo.set(document, memo);
  }
  let cost = memo.costs.get(key);
  if (cost === undefined) {
    cost = computeOperationCost(schema, document, operationName, rawVariables);
    if (memo.costs.size >= MEMO_ENTRIES_PER_DOCUMENT) memo.costs.clear();
    memo.costs.set(key, cost);
  }
  return cost;
}

/** Costs already computed, per parsed document (gone with it) and then per operation and variables. */
const costMemo = new WeakMap<DocumentNode, { schema: GraphQLSchema; costs: Map<string, number> }>();
const MEMO_KEY_MAX_CHARS = 2_000;
const MEMO_ENTRIES_PER_DOCUMENT = 64;

function computeOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
): number {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return 0;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  const variables = coerced.coerced ?? {};
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return selectionSetCost({ schema, fragments, variables }, operation.selectionSet, root, 1);
}
