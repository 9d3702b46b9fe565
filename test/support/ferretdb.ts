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
const BIN =
  process.env.FERRETDB_BIN ??
  join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'newsgraph', 'ferretdb-v1.24.2');

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

/** The port was taken between freePort() and FerretDB's bind. */
class PortInUse extends Error {}

export async function startOwnFerretDb(): Promise<OwnFerretDb> {
  const bin = ensureFerretDbBinary();
  const dataDir = mkdtempSync(join(tmpdir(), 'newsgraph-ferretdb-fault-'));
  let child: ChildProcess | undefined;

  /** Starts FerretDB on `port` and resolves once it answers a ping; PortInUse if it could not bind. */
  async function launch(port: number): Promise<void> {
    const uri = `mongodb://127.0.0.1:${port}/`;
    const proc = spawn(
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
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child = proc;
    let stderr = '';
    proc.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + String(chunk)).slice(-4_000);
    });
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    const failure = () =>
      /address already in use/i.test(stderr)
        ? new PortInUse(`port ${port} is taken`)
        : new Error(`FerretDB exited with ${proc.exitCode}: ${stderr.trim()}`);
    // A failed bind ends the process within some 25 ms; wait that out before pinging, so a ping is
    // not answered by whatever else holds the port.
    await Promise.race([exited, new Promise((r) => setTimeout(r, 250))]);
    const deadline = Date.now() + 20_000;
    const dead = () => proc.exitCode !== null || proc.signalCode !== null;
    for (;;) {
      if (dead()) throw failure();
      const client = new MongoClient(uri, { serverSelectionTimeoutMS: 300 });
      let lastError: unknown = null;
      try {
        await client.db('admin').command({ ping: 1 });
      } catch (error) {
        lastError = error;
      } finally {
        await client.close().catch(() => {});
      }
      if (dead()) throw failure();
      if (lastError === null) return;
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`FerretDB on ${port} did not answer a ping in 20 s: ${String(lastError)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  // The first start picks the port: if another process took it meanwhile, try another one.
  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await launch(port);
      break;
    } catch (error) {
      if (!(error instanceof PortInUse) || attempt >= 5) {
        rmSync(dataDir, { recursive: true, force: true });
        throw error;
      }
    }
  }

  const handle: OwnFerretDb = {
    uri: `mongodb://127.0.0.1:${port}/`,
    port,
    dataDir,
    // Restarts reuse the port (the app under test keeps its URI): no retry elsewhere.
    start: () => launch(port),
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
  return handle;
}
