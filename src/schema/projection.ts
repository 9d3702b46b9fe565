/**
 * Projections of only the document fields a query's selection reads.
 *
 * A loader that fetches whole documents reads an article's every paragraph for
 * `quote { article { title } }`; decoding and collecting those bytes was most of Q1's cost in the
 * benchmark (README "CPU per request"). So the hot resolvers (nested quote and meeting lists, a
 * quote's article and speaker, a meeting's participants) load through loaders with a projection:
 * the union, over the whole operation (its fragments included), of the document fields read by
 * every field selected on that type. One projection per type and document, so every resolver of
 * a request asks the same loader and batches stay as they were; computed once per parsed
 * document (yoga caches parsed documents, so a repeated query costs a WeakMap lookup).
 *
 * READS lists, per GraphQL type, which document fields each of its fields reads. A field that is
 * not listed (a new field, an unknown type's field) makes that type's projection `null`: the whole
 * document, as before. So forgetting an entry costs speed, never correctness.
 */
import {
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
} from 'graphql';

import type { Projection } from '../db/batch.js';

/** The stored document kinds a projection can apply to. */
export type DocType = 'Article' | 'Person' | 'Quote' | 'Meeting';

type Reads = Partial<Record<DocType, readonly string[]>>;

const same = (t: DocType, ...fields: string[]) =>
  Object.fromEntries(fields.map((f) => [f, { [t]: [f] } as Reads])) as Record<string, Reads>;
const none: Reads = {};

/** GraphQL type → field → the document fields (of which stored type) resolving it reads. */
const READS: Record<string, Record<string, Reads>> = {
  Article: {
    id: none,
    ...same('Article', 'slug', 'title', 'subtitle', 'byline', 'source', 'publishedAt', 'paragraphs', 'captions'),
    paragraph: { Article: ['paragraphs'] },
    persons: { Article: ['personIds'] },
    quotes: none,
    meetings: none,
  },
  Paragraph: { index: none, text: { Article: ['paragraphs'] }, article: none },
  Caption: { index: none, text: none, credit: none },
  Person: {
    id: none,
    ...same('Person', 'slug', 'name', 'role', 'aliases'),
    organizations: { Person: ['organizationIds'] },
    quotes: none,
    meetings: none,
    articles: none,
    metWith: none,
  },
  Quote: {
    id: none,
    ...same('Quote', 'text', 'kind', 'cue', 'confidence', 'sieve', 'date'),
    speaker: { Quote: ['speakerId'] },
    reportedBy: { Quote: ['reportedByPersonId', 'reportedByOrganizationId'] },
    addressee: { Quote: ['addresseeId'] },
    article: { Quote: ['articleId'] },
    paragraph: { Quote: ['articleId', 'paragraph'] },
    span: { Quote: ['start', 'end'] },
  },
  Span: { start: none, end: none },
  Meeting: {
    id: none,
    ...same('Meeting', 'key', 'kind', 'status', 'sieve', 'confidence', 'date', 'datePrecision', 'location', 'conflict'),
    participants: { Meeting: ['participantIds'] },
    article: { Meeting: ['articleId'] },
    paragraph: { Meeting: ['articleId', 'paragraph'] },
    claims: { Meeting: ['claims', 'articleId'] },
  },
  MeetingClaim: {
    source: none,
    index: none,
    statement: none,
    relation: none,
    relativeTo: none,
    paragraph: none,
    caption: none,
  },
};

/** Which stored type's projection a GraphQL type's unknown field spoils. */
const OWNER: Record<string, DocType> = {
  Article: 'Article',
  Paragraph: 'Article',
  Caption: 'Article',
  Person: 'Person',
  Quote: 'Quote',
  Span: 'Quote',
  Meeting: 'Meeting',
  MeetingClaim: 'Meeting',
};

export type Projections = Readonly<Record<DocType, Projection | null>>;

/** The projection of every stored type for one operation (with its fragments). */
export function projectionsOf(info: Pick<GraphQLResolveInfo, 'schema' | 'operation' | 'fragments'>): Projections {
  const cached = cache.get(info.operation);
  if (cached) return cached;
  const fields: Record<DocType, Set<string> | null> = {
    Article: new Set(),
    Person: new Set(),
    Quote: new Set(),
    Meeting: new Set(),
  };
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [info.operation, ...Object.values(info.fragments)],
  };
  const typeInfo = new TypeInfo(info.schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent || node.name.value === '__typename') return;
        const table = READS[parent.name];
        const owner = OWNER[parent.name];
        if (!table) return; // connections, edges, roots: they read no stored document
        const reads = Object.hasOwn(table, node.name.value) ? table[node.name.value] : undefined;
        if (!reads) {
          if (owner) fields[owner] = null;
          return;
        }
        for (const [type, names] of Object.entries(reads) as [DocType, readonly string[]][]) {
          const set = fields[type];
          if (set) for (const name of names) set.add(name);
        }
      },
    }),
  );
  const result = Object.fromEntries(
    (Object.entries(fields) as [DocType, Set<string> | null][]).map(([type, set]) => [
      type,
      set ? (Object.fromEntries(['_id', ...[...set].sort()].map((f) => [f, 1])) as Projection) : null,
    ]),
  ) as unknown as Projections;
  cache.set(info.operation, result);
  return result;
}

const cache = new WeakMap<OperationDefinitionNode, Projections>();
