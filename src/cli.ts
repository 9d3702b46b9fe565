/**
 * The one argument parser of every command (npm start and scripts/; node:util parseArgs, strict): `--help`
 * prints the usage and exits 0; an unknown option, a missing value or a wrong number of
 * arguments prints the problem and the usage and exits 2; a path that does not exist is a
 * failure (exit 1) named by `requirePath`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ParseArgsConfig, parseArgs } from 'node:util';

type ParseArgsOptionConfig = NonNullable<ParseArgsConfig['options']>[string];

export type OptionSpec = ParseArgsOptionConfig & {
  /** One line for the usage text. */
  description: string;
  /** The value's name in the usage text (string options), e.g. "<n>". */
  value?: string;
};

export interface CommandSpec<O extends Record<string, OptionSpec>> {
  /** How to run it, e.g. "npm run seed --". */
  command: string;
  /** The positional arguments in the usage line, e.g. "[dir]"; omit when there are none. */
  args?: string;
  /** What the command does, a sentence or two. */
  summary: string;
  options: O;
  /** Allowed number of positional arguments (default: none). */
  positionals?: { min?: number; max?: number };
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', description: 'print this help and exit' };

/** The usage text: the command line, the summary and one line per option. */
export function usage(spec: CommandSpec<Record<string, OptionSpec>>): string {
  const options = { ...spec.options, help: HELP };
  const rows = Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value ?? '<value>'}` : ''}`;
    const fallback = o.default !== undefined && o.type === 'string' ? ` (default ${String(o.default)})` : '';
    return { flag, text: `${o.description}${fallback}` };
  });
  const width = Math.max(...rows.map((r) => r.flag.length));
  return [
    `usage: ${spec.command}${spec.args ? ` ${spec.args}` : ''} [options]`,
    '',
    spec.summary,
    '',
    'options:',
    ...rows.map((r) => `  ${r.flag.padEnd(width)}  ${r.text}`),
  ].join('\n');
}

/** Prints the problem and the usage on stderr and exits 2 (a usage error). */
export function usageError(spec: CommandSpec<Record<string, OptionSpec>>, message: string): never {
  console.error(`${message}\n\n${usage(spec)}`);
  process.exit(2);
}

type Values<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K]['type'] extends 'boolean'
    ? O[K] extends { default: boolean }
      ? boolean
      : boolean | undefined
    : O[K] extends { default: string }
      ? string
      : string | undefined;
};

/** The project's .env (beside package.json), whichever directory the command runs from. */
export const ENV_FILE = fileURLToPath(new URL('../.env', import.meta.url));

/**
 * Reads .env into process.env when it exists (Node's own loader, Node 20.12+). Variables already
 * set, even to "", win: the shell can always override the file.
 */
export function loadEnvFile(file = ENV_FILE): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Parses `argv` (default: the process's arguments) against the spec and reads .env; see the file comment. */
export function parseCommand<O extends Record<string, OptionSpec>>(
  spec: CommandSpec<O>,
  argv: string[] = process.argv.slice(2),
): { values: Values<O>; positionals: string[] } {
  const options: Record<string, ParseArgsOptionConfig> = {};
  for (const [name, { description: _d, value: _v, ...o }] of Object.entries({ ...spec.options, help: HELP }))
    options[name] = o;
  loadEnvFile();
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's message goes on about '--' for positionals; the first sentence is the problem.
    usageError(spec, (error as Error).message.replace(/^(Unknown option '[^']*')\..*$/s, '$1'));
  }
  if (parsed.values.help) {
    console.log(usage(spec));
    process.exit(0);
  }
  const { min = 0, max = 0 } = spec.positionals ?? {};
  const count = parsed.positionals.length;
  if (count < min) usageError(spec, `expected at least ${min} argument${min === 1 ? '' : 's'}, got ${count}`);
  if (count > max)
    usageError(
      spec,
      max === 0 ? `unexpected argument "${parsed.positionals[0]}"` : `expected at most ${max} arguments`,
    );
  return { values: parsed.values as Values<O>, positionals: parsed.positionals };
}

/** A number option: a finite number (and positive when asked), else a usage error. */
export function numberOption(
  spec: CommandSpec<Record<string, OptionSpec>>,
  name: string,
  value: string,
  { positive = false, integer = false } = {},
): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (positive && n <= 0) || (integer && !Number.isInteger(n)))
    usageError(
      spec,
      `--${name} must be a ${positive ? 'positive ' : ''}${integer ? 'whole ' : ''}number (got "${value}")`,
    );
  return n;
}

/** Prints a command's failure: the message alone for errors meant for users, else the whole error. */
export function reportFailure(error: unknown): void {
  console.error((error as { userFacing?: boolean })?.userFacing ? (error as Error).message : error);
}

/** Fails (exit 1) when `path` does not exist, naming it. */
export function requirePath(path: string, what = 'path'): string {
  if (!existsSync(path)) {
    console.error(`${what} not found: ${path}`);
    process.exit(1);
  }
  return path;
}
