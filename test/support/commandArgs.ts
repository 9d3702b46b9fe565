/**
 * Runs commands' argument handling in one process (one tsx start instead of one per case):
 * `node --import tsx test/support/commandArgs.ts '<json [file, args][]>'` imports each command
 * with its arguments in process.argv, with process.exit turned into an exception so the run goes
 * on, and prints one JSON line: per case the exit code, stdout and stderr.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

class Exit {
  constructor(readonly code: number) {}
}

const cases = JSON.parse(process.argv[2] ?? '[]') as [string, string[]][];
const results: { code: number; stdout: string; stderr: string }[] = [];
const write = process.stdout.write.bind(process.stdout);
process.exit = ((code?: number) => {
  throw new Exit(code ?? 0);
}) as typeof process.exit;

for (const [i, [file, args]] of cases.entries()) {
  let stdout = '';
  let stderr = '';
  console.log = (...parts: unknown[]) => {
    stdout += `${format(...parts)}\n`;
  };
  console.error = (...parts: unknown[]) => {
    stderr += `${format(...parts)}\n`;
  };
  const path = resolve(file);
  process.argv = [process.argv[0]!, path, ...args];
  process.exitCode = undefined;
  let code: number;
  try {
    // A query string makes each case a fresh module instance.
    await import(`${pathToFileURL(path).href}?case=${i}`);
    code = Number(process.exitCode ?? 0);
  } catch (error) {
    if (!(error instanceof Exit)) throw error;
    code = error.code;
  }
  results.push({ code, stdout, stderr });
}
// The cases' exit codes are in the results; this process itself succeeded.
process.exitCode = 0;
write(`${JSON.stringify(results)}\n`);
