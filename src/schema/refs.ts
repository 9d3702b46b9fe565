/**
 * Object refs for the node types, declared apart from their definitions so type files can point
 * at each other (Person → Quote → Person) without circular imports.
 */
import type { ArticleDoc, MeetingDoc, OrganizationDoc, PersonDoc, QuoteDoc } from '../db/collections.js';
import { builder } from './builder.js';

export const ArticleRef = builder.objectRef<ArticleDoc>('Article');
export const PersonRef = builder.objectRef<PersonDoc>('Person');
export const OrganizationRef = builder.objectRef<OrganizationDoc>('Organization');
export const QuoteRef = builder.objectRef<QuoteDoc>('Quote');
export const MeetingRef = builder.objectRef<MeetingDoc>('Meeting');

export const ArticleConnection = builder.connectionObject(
  { type: ArticleRef, name: 'ArticleConnection' },
  { name: 'ArticleEdge' },
);
export const PersonConnection = builder.connectionObject(
  { type: PersonRef, name: 'PersonConnection' },
  { name: 'PersonEdge' },
);
export const OrganizationConnection = builder.connectionObject(
  { type: OrganizationRef, name: 'OrganizationConnection' },
  { name: 'OrganizationEdge' },
);
export const QuoteConnection = builder.connectionObject(
  { type: QuoteRef, name: 'QuoteConnection' },
  { name: 'QuoteEdge' },
);
export const MeetingConnection = builder.connectionObject(
  { type: MeetingRef, name: 'MeetingConnection' },
  { name: 'MeetingEdge' },
);
