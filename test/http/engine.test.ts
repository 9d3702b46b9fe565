import { type ExecutionResult, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { compiledFor, executeOperation } from '../../src/http/engine.js';
import { schema } from '../../src/schema/index.js';

const args = (source: string, operationName?: string, variableValues?: Record<string, unknown>) => {
  const document = parse(source);
  return { schema, document, operationName, variableValues, contextValue: {} };
};

describe('execution engine', () => {
  it('compiles a query the second time its document runs, and answers the same', async () => {
    const a = args('{ __typename }');
    expect(compiledFor(a)).toBeNull();
    expect(compiledFor(a)).not.toBeNull();
    const first = await executeOperation(args('{ __typename }'));
    expect(await executeOperation(a)).toEqual(first);
    expect(first).toEqual({ data: { __typename: 'Query' } });
  });

  it('compiles each operation of a document apart (the name picks the one that runs)', async () => {
    const source = 'query A { a: __typename } query B { b: __typename }';
    const document = parse(source);
    const run = (operationName: string) =>
      executeOperation({ schema, document, operationName, contextValue: {} }) as Promise<ExecutionResult>;
    for (let i = 0; i < 3; i++) {
      expect(await run('A')).toEqual({ data: { a: 'Query' } });
      expect(await run('B')).toEqual({ data: { b: 'Query' } });
    }
    expect(compiledFor({ schema, document, operationName: 'A' })).not.toBeNull();
  });

  it('never compiles mutations, nor a non-null variable with a default', () => {
    const mutation = args('mutation { __typename }');
    const withDefault = args('query ($n: Int! = 3) { persons(first: $n) { totalCount } }');
    for (let i = 0; i < 3; i++) {
      expect(compiledFor(mutation)).toBeNull();
      expect(compiledFor(withDefault)).toBeNull();
    }
  });

  it('variables that do not coerce get graphql-js errors, compiled or not', async () => {
    const a = args('query ($n: Int!) { persons(first: $n) { totalCount } }', undefined, { n: 'ten' });
    const results = [await executeOperation(a), await executeOperation(a)] as ExecutionResult[];
    expect(compiledFor(a)).not.toBeNull();
    for (const r of results) {
      expect(r.data).toBeUndefined();
      expect(r.errors?.[0]?.message).toMatch(/^Variable "\$n" got invalid value "ten"/);
    }
  });
});
