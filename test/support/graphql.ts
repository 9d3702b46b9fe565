import { expect } from 'vitest';
import type { NewsgraphServer } from '../../src/http/server.js';

export interface GraphQLResponse<T = any> {
  status: number;
  body: { data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

/** Posts an operation through the real yoga request pipeline (HTTP semantics, no socket). */
export async function execute<T = any>(
  yoga: NewsgraphServer,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await yoga.fetch('http://127.0.0.1/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<T>['body'] };
}

/** The first error's code, for concise assertions. */
export const errorCode = (r: GraphQLResponse) => r.body.errors?.[0]?.extensions?.code;

/** Executes an operation that must succeed (200, no errors) and returns its data. */
export async function expectData<T = any>(
  yoga: NewsgraphServer,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const r = await execute<T>(yoga, query, variables);
  expect(r.body.errors, JSON.stringify(r.body.errors)).toBeUndefined();
  expect(r.status).toBe(200);
  return r.body.data!;
}
