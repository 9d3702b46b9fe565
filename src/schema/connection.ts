import { builder } from './builder.js';

// Every connection reports how many items it has in all. Top-level connections count lazily, so
// the count query runs only when a client selects totalCount.
builder.globalConnectionField('totalCount', (t) =>
  t.int({
    nullable: false,
    description: 'How many items the connection holds across all pages.',
    resolve: (connection) =>
      typeof connection.totalCount === 'function' ? connection.totalCount() : connection.totalCount,
  }),
);
