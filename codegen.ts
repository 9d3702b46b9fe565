/**
 * GraphQL Code Generator: typed operations for the client code, from the committed schema file.
 *
 *   npm run codegen     re-prints schema.graphql from the Pothos schema, then regenerates src/client/generated/
 *
 * Input is `schema.graphql` (not a running server), so generation is offline and deterministic:
 * the same schema and operations always give byte-identical files, and test/client/codegen.test.ts
 * fails when the committed output is stale.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

/** Where the operations live and where their types go (shared with the staleness test). */
export const CODEGEN_SCHEMA = 'schema.graphql';
export const CODEGEN_DOCUMENTS = ['src/client/**/*.ts', '!src/client/generated/**'];
export const CODEGEN_OUTPUT_DIR = 'src/client/generated/';

/** The client preset's output for a given directory (the test generates into a temporary one). */
export function clientPresetTarget(): CodegenConfig['generates'][string] {
  return {
    preset: 'client',
    presetConfig: {
      gqlTagName: 'graphql',
      // Results are plain objects typed exactly by their selection; no fragment unmasking step.
      fragmentMasking: false,
    },
    config: {
      useTypeImports: true,
      // Documents are `TypedDocumentString`s: `fetch` sends them as they are, no graphql runtime needed.
      documentMode: 'string',
      enumsAsTypes: true,
      onlyOperationTypes: true,
      strictScalars: true,
      scalars: {
        ID: { input: 'string', output: 'string' },
        Date: { input: 'string', output: 'string' },
        DateTime: { input: 'string', output: 'string' },
      },
      // Result types list exactly the selected fields, each always present (null when null)...
      skipTypename: true,
      avoidOptionals: { field: true, object: false, inputValue: false, defaultValue: false },
    },
  };
}

const config: CodegenConfig = {
  overwrite: true,
  // Strict ESM with NodeNext resolution: generated relative imports need their .js extension.
  emitLegacyCommonJSImports: false,
  schema: CODEGEN_SCHEMA,
  documents: CODEGEN_DOCUMENTS,
  ignoreNoDocuments: false,
  generates: { [CODEGEN_OUTPUT_DIR]: clientPresetTarget() },
  silent: false,
};

export default config;
