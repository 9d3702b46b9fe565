import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Every command parses its arguments with src/cli.ts. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const COMMANDS: Record<string, string> = {
  start: 'src/index.ts',
  seed: 'scripts/seed.ts',
  ingest: 'scripts/ingest.ts',
  'eval:ingest': 'scripts/eval-ingest.ts',
  generate: 'scripts/generate.ts',
  client: 'scripts/client.ts',
  load: 'scripts/load.ts',
  bench: 'scripts/bench/run.ts',
  'bench:profile': 'scripts/bench/profile.ts',
  'bench:web': 'scripts/bench/web.ts',
  'schema:print': 'scripts/print-schema.ts',
};

type Result = { code: number; stdout: string; stderr: string };

/** Runs the cases in one process (test/support/commandArgs.ts), as `npm run` would one by one. */
function runAll(cases: [string, string[]][]): Promise<Result[]> {
  return new Promise((done, fail) => {
    // No database: each case ends before connecting (MONGODB_URI points nowhere to prove it).
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/commandArgs.ts', JSON.stringify(cases)], {
      cwd: ROOT,
      env: { ...process.env, MONGODB_URI: 'mongodb://127.0.0.1:9/' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0) fail(new Error(`commandArgs exited ${code}: ${stderr}`));
      else done(JSON.parse(stdout) as Result[]);
    });
  });
}

describe('command-line arguments', () => {
  it('every command answers --help with its usage and options, exit 0', async () => {
    const results = await runAll(Object.values(COMMANDS).map((file) => [file, ['--help']]));
    for (const [i, name] of Object.keys(COMMANDS).entries()) {
      const { code, stdout } = results[i]!;
      expect(code, name).toBe(0);
      expect(stdout, name).toMatch(/^usage: npm (start|run \S+) --/);
      expect(stdout, name).toContain('--help');
    }
  }, 60_000);

  it('every command rejects an unknown option with the usage, exit 2', async () => {
    const results = await runAll(Object.values(COMMANDS).map((file) => [file, ['--no-such-option']]));
    for (const [i, name] of Object.keys(COMMANDS).entries()) {
      const { code, stderr } = results[i]!;
      expect(code, name).toBe(2);
      expect(stderr, name).toContain("Unknown option '--no-such-option'");
      expect(stderr, name).toContain('usage: ');
    }
  }, 60_000);

  it('a missing path is a failure that names it', async () => {
    const [seed, ingest] = (await runAll([
      [COMMANDS.seed!, ['no/such/dir']],
      [COMMANDS.ingest!, ['no/such/file.txt']],
    ])) as [Result, Result];
    expect(seed.code).toBe(1);
    expect(seed.stderr).toContain('no/such/dir');
    expect(ingest.code).toBe(1);
    expect(ingest.stderr).toContain('no/such/file.txt');
  }, 60_000);

  it('a bad option value and a missing argument are usage errors', async () => {
    const [generate, ingest] = (await runAll([
      [COMMANDS.generate!, ['--scale', 'big']],
      [COMMANDS.ingest!, []],
    ])) as [Result, Result];
    expect(generate.code).toBe(2);
    expect(generate.stderr).toContain('--scale must be a positive number (got "big")');
    expect(ingest.code).toBe(2);
    expect(ingest.stderr).toContain('usage: npm run ingest --');
  }, 60_000);
});
