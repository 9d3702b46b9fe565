import { lexicographicSortSchema } from 'graphql';
import { builder } from './builder.js';
import './scalars.js';
import './connection.js';
import './article.js';
import './person.js';
import './organization.js';
import './quote.js';
import './meeting.js';
import './stats.js';
import './curation.js';
import './ingest.js';
import './subscription.js';

builder.queryType({ description: 'Who said what, who met whom, where and when — and where we read it.' });

/** The executable schema, fields in a stable order. */
export const schema = lexicographicSortSchema(builder.toSchema());
