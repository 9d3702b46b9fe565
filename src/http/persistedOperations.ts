import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { errorShape } from '../errors.js';

/**
 * Persisted operations from a JSON file mapping a hash to a document (the codegen client preset's
 * persisted-documents.json). The id is read from `documentId` or the APQ-style
 * `extensions.persistedQuery.sha256Hash`; a "sha256:" prefix is accepted.
 */
export function loadPersistedOperations(file: string): Map<string, string> {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${file}: expected an object of hash → document`);
  const operations = new Map<string, string>();
  for (const [hash, document] of Object.entries(parsed)) {
    if (typeof document !== 'string') throw new Error(`${file}: the document for ${hash} is not a string`);
    operations.set(hash.replace(/^sha256:/, ''), document);
  }
  return operations;
}

/** Serves the file's operations by id; with `only`, every other document is refused. */
export function usePersistedOperationAllowList(file: string, only: boolean): Plugin {
  const operations = loadPersistedOperations(file);
  return usePersistedOperations({
    allowArbitraryOperations: !only,
    extractPersistedOperationId: (params) => {
      const p = params as { documentId?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } };
      const id = p.documentId ?? p.extensions?.persistedQuery?.sha256Hash;
      return typeof id === 'string' ? id.replace(/^sha256:/, '') : null;
    },
    getPersistedOperation: (id) => operations.get(id) ?? null,
    customErrors: {
      notFound: errorShape('PERSISTED_QUERY_NOT_FOUND', 'Unknown persisted operation', 400),
      persistedQueryOnly: errorShape('PERSISTED_QUERY_ONLY', 'Only persisted operations are accepted', 400),
      keyNotFound: errorShape('PERSISTED_QUERY_ONLY', 'Send a persisted operation id (documentId)', 400),
    },
  });
}
