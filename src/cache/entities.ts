/**
 * What a cached response depends on, and what a change event evicts.
 *
 * The response-cache plugin records every entity with an id in a result (`Person:<global id>`…).
 * That covers a change to something the result shows, not a new fact that would now belong in it
 * (a new quote in a list, a bigger count, an article that a lookup found missing). So results that
 * are not plain entity lookups — lists, connections, dashboard aggregates, and lookups that came
 * back null — also carry the tag FACTS, which every change event evicts.
 */
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { ChangeEvent } from '../events/index.js';

export interface CacheEntity {
  typename: string;
  id?: string | number;
}

/** The tag of results that any change of the facts may make stale. */
export const FACTS: CacheEntity = { typename: 'Query', id: 'facts' };

/** Root fields that look up one entity: their results change only when that entity (or what it shows) does. */
const ENTITY_LOOKUPS = new Set(['article', 'person', 'organization', 'node', '__typename']);

const globalId = (typename: string, hex: string) => Buffer.from(`${typename}:${hex}`, 'utf8').toString('base64');

/** The cached entities an event makes stale: every id it names, and FACTS. */
export function entitiesOf(event: ChangeEvent): CacheEntity[] {
  const out: CacheEntity[] = [FACTS];
  const add = (typename: string, hexes: readonly string[]) => {
    for (const hex of hexes) out.push({ typename, id: globalId(typename, hex) });
  };
  if (event.articleId) add('Article', [event.articleId]);
  add('Person', [...event.personIds, ...event.removedPersonIds]);
  add('Organization', event.organizationIds);
  add('Quote', [...event.quoteIds, ...(event.removedQuoteIds ?? [])]);
  add('Meeting', [...event.meetingIds, ...(event.removedMeetingIds ?? [])]);
  return out;
}

const kinds = new Map<string, 'lookup' | 'facts'>();
const MAX_KINDS = 2_000;

/**
 * Whether an operation only looks up single entities (`lookup`) or reads lists and aggregates
 * (`facts`). Parsed once per document text (bounded memory); anything unparsable counts as facts.
 */
export function operationKind(document: string, operationName: string | null | undefined): 'lookup' | 'facts' {
  const key = `${operationName ?? ''}\u0000${document}`;
  const known = kinds.get(key);
  if (known) return known;
  let kind: 'lookup' | 'facts' = 'facts';
  try {
    const operations = parse(document).definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
    // Fragments at the root are rare; they count as facts rather than being followed.
    if (
      operation?.operation === 'query' &&
      operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && ENTITY_LOOKUPS.has(s.name.value))
    )
      kind = 'lookup';
  } catch {
    kind = 'facts';
  }
  if (kinds.size >= MAX_KINDS) kinds.clear();
  kinds.set(key, kind);
  return kind;
}

/** True when a root field of the result is null (a lookup that found nothing, which a new fact may fill). */
export function hasNullRoot(data: unknown): boolean {
  return Boolean(data && typeof data === 'object' && Object.values(data).some((v) => v === null));
}
