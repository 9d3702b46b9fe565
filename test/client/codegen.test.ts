/**
 * CI check for the generated client types: runs GraphQL Code Generator (programmatically, same
 * config as `npm run codegen`) into a temporary directory, from the schema as Pothos prints it now,
 * and compares the result with the committed src/client/generated/. Fails when either the schema
 * or an operation changed without regenerating.
 */
import { createRequire } from 'node:module';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config, { CODEGEN_DOCUMENTS, CODEGEN_OUTPUT_DIR, clientPresetTarget } from '../../codegen.js';
import { printSchemaFile } from '../../scripts/print-schema.js';

/**
 * The CommonJS build, as the `graphql-codegen` binary uses. Its ESM build does not link here: the
 * root package.json `overrides` pin @graphql-tools/utils to v10, while graphql-config's nested
 * @graphql-tools/executor@2 imports `getDirectiveValues`, which only utils v11 exports (CommonJS
 * resolves that lazily, and the URL loader that needs it is never used for a file schema).
 */
const { generate } = createRequire(import.meta.url)('@graphql-codegen/cli') as typeof import('@graphql-codegen/cli');

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const COMMITTED_DIR = join(ROOT, CODEGEN_OUTPUT_DIR);
const STALE = 'src/client/generated/ is out of date: run npm run codegen (and commit the result)';

/** What `generate(config, false)` returns for each output file. */
interface GeneratedFile {
  filename: string;
  content: string;
}

let tempDir: string;
let generated: Map<string, string>;

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

beforeAll(async () => {
  tempDir = await mkdtemp(join(tmpdir(), 'newsgraph-codegen-'));
  const schemaFile = join(tempDir, 'schema.graphql');
  await writeFile(schemaFile, printSchemaFile());
  const outputDir = join(tempDir, 'generated') + '/';
  const files: GeneratedFile[] = await generate(
    {
      ...config,
      cwd: ROOT,
      silent: true,
      schema: schemaFile,
      documents: CODEGEN_DOCUMENTS,
      generates: { [outputDir]: clientPresetTarget() },
    },
    false,
  );
  generated = new Map(files.map((f) => [relative(outputDir, resolve(ROOT, f.filename)), f.content]));
}, 60_000);

afterAll(async () => {
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

describe('generated client types', () => {
  it('the same files as committed', async () => {
    expect(await listFiles(COMMITTED_DIR), STALE).toEqual([...generated.keys()].sort());
  });

  it('every generated file matches the committed one byte for byte', async () => {
    for (const [name, content] of generated) {
      expect(await readFile(join(COMMITTED_DIR, name), 'utf8').catch(() => '(missing)'), `${name}: ${STALE}`).toBe(
        content,
      );
    }
  });

  it('generation is deterministic (a second run gives the same output)', async () => {
    const again: GeneratedFile[] = await generate(
      {
        ...config,
        cwd: ROOT,
        silent: true,
        schema: join(tempDir, 'schema.graphql'),
        generates: { [join(tempDir, 'again') + '/']: clientPresetTarget() },
      },
      false,
    );
    expect(again.map((f) => f.content)).toEqual([...generated.values()]);
  });

  it('covers the client operations', () => {
    const graphqlTs = generated.get('graphql.ts') ?? '';
    for (const operation of ['PersonActivity', 'DashboardStats', 'TopSpeakers', 'MeetingGraph', 'Timeline'])
      expect(graphqlTs).toContain(`export const ${operation}Document`);
  });
});
