/**
 * The execution engine: graphql-js's own `execute` and `subscribe` in place of the
 * @graphql-tools/executor yoga installs by default.
 *
 * Why: the GraphQL spec says a response's fields follow the selection's order. graphql-js builds
 * each object with its keys in selection order and only waits for the fields that return a
 * promise; @graphql-tools/executor assigns a key when its value resolves (`promiseForObject`), so
 * an object with async fields came back in resolution order — different from run to run. It also
 * allocates a promise per field where graphql-js completes synchronous fields in place (the
 * benchmark's CPU per request, README "CPU per request").
 *
 * What the tools executor did besides, and where it went: it stopped starting fields once the
 * execution signal (client disconnect or deadline, see useExecutionDeadline) aborted. Here the
 * signal is handed to the request's context (`bindSignal`), and the loaders refuse to start a database batch
 * once it has aborted (src/loaders.ts): the database work after a disconnect is not started.
 * Incremental delivery (@defer/@stream) is not enabled in this service, so nothing is lost there.
 *
 * Must be the first plugin that sets an execute function: the plugins after it (observability,
 * response cache, deadline) wrap whatever executeFn they find.
 */
import { execute, subscribe, type ExecutionArgs } from 'graphql';
import { useEngine } from '@envelop/core';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';

/** The execution signal yoga and the deadline plugin pass in the arguments, handed to the context. */
function withSignal(args: ExecutionArgs): ExecutionArgs {
  const signal = (args as { signal?: AbortSignal }).signal;
  if (signal) (args.contextValue as Partial<Pick<Context, 'bindSignal'>> | undefined)?.bindSignal?.(signal);
  return args;
}

export function useOrderedExecution(): Plugin {
  return useEngine({
    execute: (args: ExecutionArgs) => execute(withSignal(args)),
    subscribe: (args: ExecutionArgs) => subscribe(withSignal(args)),
  }) as Plugin;
}
