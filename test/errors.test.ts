import { GraphQLError } from 'graphql';
import { MongoServerError, MongoServerSelectionError } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { badUserInput, classifyError, type ErrorCode, forbidden, queryTooComplex } from '../src/errors.js';

/** As graphql-js reports an error thrown in a resolver: a located GraphQLError wrapping it. */
const located = (original: Error) => new GraphQLError(original.message, { originalError: original, path: ['person'] });
const codeOf = (error: unknown) => {
  const decision = classifyError(error, 'Unexpected error.');
  return { kind: decision.kind, code: (decision.kind === 'client' ? decision.error : decision.masked).extensions.code };
};

describe('the error vocabulary', () => {
  it('each constructor sets its code, and limit errors name the limit', () => {
    expect(badUserInput('x').extensions.code).toBe('BAD_USER_INPUT' satisfies ErrorCode);
    expect(forbidden('x').extensions.code).toBe('FORBIDDEN');
    expect(queryTooComplex('x', 'depth', 12, { value: 13 }).extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'depth',
      value: 13,
      max: 12,
    });
  });

  it('typed errors reach the client as they are, thrown directly or from a resolver', () => {
    expect(codeOf(badUserInput('bad'))).toEqual({ kind: 'client', code: 'BAD_USER_INPUT' });
    expect(codeOf(located(forbidden('no')))).toEqual({ kind: 'client', code: 'FORBIDDEN' });
  });

  it("a bad variable value (graphql-js wrapping a scalar's error) is the client's mistake", () => {
    const scalarError = new GraphQLError('Int cannot represent "x"');
    const wrapped = new GraphQLError('Variable "$n" got invalid value "x"', { originalError: scalarError });
    expect(codeOf(wrapped)).toEqual({ kind: 'client', code: 'BAD_USER_INPUT' });
  });

  it('a database that is away is SERVICE_UNAVAILABLE, however the driver reports it', () => {
    const selection = new MongoServerSelectionError('connect ECONNREFUSED', {
      type: 'Unknown',
      servers: new Map(),
    } as never);
    const shutdown = new MongoServerError({ message: 'interrupted at shutdown', code: 11600 });
    // A write on a socket the server closed: Node's own error, not a MongoError.
    const socket = Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' });
    for (const error of [selection, shutdown, socket])
      expect(codeOf(located(error)), error.message).toEqual({ kind: 'unexpected', code: 'SERVICE_UNAVAILABLE' });
  });

  it('anything else is masked as INTERNAL_SERVER_ERROR, without its message', () => {
    const decision = classifyError(located(new TypeError('secret detail')), 'Unexpected error.');
    expect(decision.kind).toBe('unexpected');
    if (decision.kind !== 'unexpected') return;
    expect(decision.masked.extensions.code).toBe('INTERNAL_SERVER_ERROR');
    expect(decision.masked.message).toBe('Unexpected error.');
    expect(decision.masked.path).toEqual(['person']);
  });
});
