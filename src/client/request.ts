/**
 * A minimal typed GraphQL client over `fetch`: the document's generated types decide the variables
 * it accepts and the data it returns, so callers never write a result type by hand.
 */
import type { TypedDocumentString } from './generated/graphql.js';

/** One error from the response's `errors`, with its `extensions.code` when the server gave one. */
export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export class GraphQLRequestError extends Error {
  override name = 'GraphQLRequestError';
  constructor(
    message: string,
    readonly status: number,
    readonly errors: GraphQLErrorEntry[] = [],
  ) {
    super(message);
  }

  /** The `extensions.code` of each error, e.g. ["BAD_USER_INPUT"]. */
  get codes(): string[] {
    return this.errors.map((e) => e.extensions?.code ?? 'UNKNOWN');
  }
}

/** Operations without variables take none; the others require theirs. */
type VariablesArgument<TVariables> =
  TVariables extends Record<string, never> ? [variables?: TVariables] : [variables: TVariables];

/**
 * POSTs one operation and returns its `data`. Any GraphQL error (even with partial data) or non-2xx
 * status throws a GraphQLRequestError: a dashboard should not render half an answer silently.
 */
export async function execute<TResult, TVariables>(
  url: string,
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: VariablesArgument<TVariables>
): Promise<TResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
  });
  const text = await response.text();
  let body: { data?: TResult | null; errors?: GraphQLErrorEntry[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new GraphQLRequestError(
      `${url} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`,
      response.status,
    );
  }
  if (body.errors?.length) {
    const summary = body.errors
      .map((e) => `${e.message}${e.extensions?.code ? ` [${e.extensions.code}]` : ''}`)
      .join('; ');
    throw new GraphQLRequestError(summary, response.status, body.errors);
  }
  if (!response.ok || body.data === undefined || body.data === null)
    throw new GraphQLRequestError(`${url} answered ${response.status} without data`, response.status);
  return body.data;
}
