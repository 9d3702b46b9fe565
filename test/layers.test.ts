import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/ (README, Architecture), lowest first. A module may import from its own layer
 * or a lower one, never from a higher one; src/tooling/ (generators, bulk load) and src/client/
 * sit beside the service: nothing in the service imports them.
 */
const LAYERS: { name: string; modules: RegExp }[] = [
  { name: 'foundation', modules: /^(errors|limits|config|logger|auth|cli|slots)\.ts$|^model\// },
  { name: 'db', modules: /^db\// },
  { name: 'content', modules: /^(seed|ingest|events)\// },
  { name: 'api', modules: /^(loaders|context)\.ts$|^schema\// },
  { name: 'http', modules: /^http\/|^cache\/|^admission\.ts$/ },
  { name: 'app', modules: /^(app|index)\.ts$/ },
];
const BESIDE = /^(tooling|client)\//;

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    ),
  );
  return nested.flat();
}

const layerOf = (module: string) => LAYERS.findIndex((l) => l.modules.test(module));

describe('layers', () => {
  it('every module of src/ belongs to one layer or sits beside the service', async () => {
    const files = (await sourceFiles(SRC)).map((f) => relative(SRC, f));
    expect(files.length).toBeGreaterThan(50);
    const unplaced = files.filter((f) => !BESIDE.test(f) && layerOf(f) < 0);
    expect(unplaced).toEqual([]);
  });

  it('no module imports from a layer above it, and the service never imports tooling', async () => {
    const upward: string[] = [];
    for (const file of await sourceFiles(SRC)) {
      const from = relative(SRC, file);
      const text = await readFile(file, 'utf8');
      for (const [, spec] of text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/gm)) {
        const to = relative(SRC, resolve(dirname(file), spec!)).replace(/\.js$/, '.ts');
        if (BESIDE.test(from)) {
          if (/^(app|index)\.ts$/.test(to) || to.startsWith('http/')) upward.push(`${from} → ${to}`);
          continue;
        }
        if (BESIDE.test(to) || layerOf(to) > layerOf(from)) upward.push(`${from} → ${to}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
