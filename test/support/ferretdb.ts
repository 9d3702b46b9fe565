/**
 * A FerretDB process the test owns: fixed port and data directory, so it can be killed and
 * started again on the same address with the same data (the fault tests). The binary is the one
 * scripts/ferretdb.sh builds (FERRETDB_BIN or ~/.cache/newsgraph/ferretdb-v1.24.2); when it is
 * missing, it is built here.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MongoClient } from 'mongodb';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = process.env.FERRETDB_BIN ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'newsgraph', 'ferretdb-v1.24.2');

export function ensureFerretDbBinary(): string {
  if (!existsSync(BIN)) execFileSync('bash', [join(REPO, 'scripts/ferretdb.sh'), 'build'], { stdio: 'inherit' });
  return BIN;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface OwnFerretDb {
  uri: string;
  port: number;
  dataDir: string;
  /** Starts the process (again) on the same port and data directory; resolves once it answers a ping. */
  start(): Promise<void>;
  /** Kills the process (SIGKILL: like a crash) and waits for it to exit. */
  kill(): Promise<void>;
  /** Kills it and removes the data directory. */
  dispose(): Promise<void>;
}

export async function startOwnFerretDb(): Promise<OwnFerretDb> {
  const bin = ensureFerretDbBinary();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'newsgraph-ferretdb-fault-'));
  const uri = `mongodb://127.0.0.1:${port}/`;
  let child: ChildProcess | undefined;

  async function waitForPing() {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const client = new MongoClient(uri, { serverSelectionTimeoutMS: 300 });
      try {
        await client.db('admin').command({ ping: 1 });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`FerretDB on ${port} did not answer a ping in 20 s: ${String(error)}`);
        if (child?.exitCode !== null && child?.exitCode !== undefined) throw new Error(`FerretDB exited with ${child.exitCode}`);
      } finally {
        await client.close().catch(() => {});
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const handle: OwnFerretDb = {
    uri,
    port,
    dataDir,
    async start() {
      child = spawn(
        bin,
        [
          '--handler=sqlite',
          `--sqlite-url=file:${dataDir}/`,
          `--state-dir=${dataDir}`,
          `--listen-addr=127.0.0.1:${port}`,
          '--debug-addr=-',
          '--telemetry=disable',
          '--log-level=error',
        ],
        { stdio: 'ignore' },
      );
      await waitForPing();
    },
    async kill() {
      const running = child;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((r) => running.once('exit', r));
      running.kill('SIGKILL');
      await exited;
    },
    async dispose() {
      await handle.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await handle.start();
  return handle;
}
