/**
 * The execution engine: queries a document has asked before run compiled by graphql-jit; everything
 * else runs on graphql-js's own `execute` and `subscribe`, in place of the @graphql-tools/executor
 * yoga installs by default.
 *
 * Why graphql-js and not the tools executor: the GraphQL spec says a response's fields follow the
 * selection's order. graphql-js builds each object with its keys in selection order and only waits
 * for the fields that return a promise; @graphql-tools/executor assigns a key when its value
 * resolves (`promiseForObject`), so an object with async fields came back in resolution order.
 *
 * Why graphql-jit: graphql-js interprets the selection for every field of every object (argument
 * values, field lookup, a path and often a promise per field); graphql-jit compiles an operation
 * once into a function for that selection, which cut the CPU of a 5,000-field query by about a
 * fifth (README "CPU per request"). It keeps the selection's order as well (test/http/order.test.ts
 * runs every case twice, so the second run is the compiled one). Only queries are compiled, and
 * only once a document has been run `COMPILE_AFTER` times: a one-off query costs no compilation,
 * and mutations (run serially, with their own error rules) and subscriptions stay on graphql-js.
 * A document graphql-jit cannot compile runs on graphql-js, which reports its errors as usual.
 *
 * What the tools executor did besides, and where it went: it stopped starting fields once the
 * execution signal (client disconnect or deadline, see useExecutionDeadline) aborted. Here the
 * signal is handed to the request's context (`bindSignal`), and the loaders refuse to start a
 * database batch once it has aborted (src/loaders.ts). Incremental delivery (@defer/@stream) is not
 * enabled in this service, so nothing is lost there.
 *
 * Must be the first plugin that sets an execute function: the plugins after it (observability,
 * response cache, deadline) wrap whatever executeFn they find.
 */
import { useEngine } from '@envelop/core';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  getOperationAST,
  Kind,
  subscribe,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';

/** Runs of a document on graphql-js before its query is compiled. */
export const COMPILE_AFTER = 1;

/** The execution signal yoga and the deadline plugin pass in the arguments, handed to the context. */
function withSignal(args: ExecutionArgs): ExecutionArgs {
  const signal = (args as { signal?: AbortSignal }).signal;
  if (signal) (args.contextValue as Partial<Pick<Context, 'bindSignal'>> | undefined)?.bindSignal?.(signal);
  return args;
}

/**
 * Per parsed document (yoga's parser cache hands a repeated text the same one) and operation: how
 * often it ran, and its compiled query once there is one, or `never` once it was found unfit.
 */
type Compiled = { runs: number; query: CompiledQuery | 'never' | null };
const compiledByDocument = new WeakMap<DocumentNode, Map<string, Compiled>>();

/** The compiled query for this operation once it is due, else null (then graphql-js runs it). */
export function compiledFor(args: ExecutionArgs): CompiledQuery | null {
  const operationName = args.operationName ?? '';
  let byOperation = compiledByDocument.get(args.document);
  if (!byOperation) {
    byOperation = new Map();
    compiledByDocument.set(args.document, byOperation);
  }
  let entry = byOperation.get(operationName);
  if (!entry) {
    entry = { runs: 0, query: null };
    byOperation.set(operationName, entry);
  }
  if (entry.query === 'never') return null;
  if (entry.query) return entry.query;
  if (entry.runs++ < COMPILE_AFTER) return null;
  const operation = getOperationAST(args.document, args.operationName);
  // graphql-jit 0.8 refuses a missing non-null variable even when it has a default: not compiled.
  const nonNullDefault = operation?.variableDefinitions?.some(
    (v) => v.defaultValue && v.type.kind === Kind.NON_NULL_TYPE,
  );
  const compiled =
    operation?.operation === 'query' && !nonNullDefault
      ? compileQuery(args.schema, args.document, args.operationName ?? undefined)
      : null;
  entry.query = compiled && isCompiledQuery(compiled) ? compiled : 'never';
  return entry.query === 'never' ? null : entry.query;
}

/** Runs one operation: compiled when it is due (compiledFor), else on graphql-js. */
export function executeOperation(args: ExecutionArgs): ExecutionResult | Promise<ExecutionResult> {
  const compiled = compiledFor(args);
  if (!compiled) return execute(args);
  const result = compiled.query(args.rootValue, args.contextValue, args.variableValues ?? {}) as
    | ExecutionResult
    | Promise<ExecutionResult>;
  // Variables that do not coerce come back before anything ran, as errors without data: graphql-js
  // runs the request again to report them in its words, which the error policy gives their code.
  if (!isPromise(result) && result.errors && !('data' in result)) return execute(args);
  return result;
}

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

export function useOrderedExecution(): Plugin {
  return useEngine({
    execute: (args: ExecutionArgs) => executeOperation(withSignal(args)),
    subscribe: (args: ExecutionArgs) => subscribe(withSignal(args)),
  }) as Plugin;
}
