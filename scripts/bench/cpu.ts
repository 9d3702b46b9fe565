/**
 * CPU time of the serving process and of the database process, for "CPU per request".
 *
 * Every implementation is served by a process of its own (serve.ts) and the load generator
 * (autocannon) runs in another, so `process.cpuUsage()` of the serving process over a load run is
 * the server's CPU (user + system) alone; its idle cost (driver heartbeats, timers) is measured
 * once and subtracted. The database's CPU is read from /proc/<pid>/stat when the server runs on
 * this machine: FERRETDB_PID, or the process listening on the MONGODB_URI port (found through
 * /proc/net/tcp and the owners' socket fds).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** CPU the process has used so far, in milliseconds (user + system). */
export function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU another process has used (utime + stime from /proc/<pid>/stat), in ms; null if unreadable. */
export function pidCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, utime 14, stime 15 (comm may contain spaces).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / clockTicks() : null;
  } catch {
    return null;
  }
}

/** The pid listening on a local TCP port (only processes whose fds we may read), or null. */
function pidListeningOn(port: number): number | null {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is "ADDR:PORT" (hex); state 0A is LISTEN; the inode is column 10.
      if (cols.length > 9 && cols[3] === '0A' && Number.parseInt(cols[1]!.split(':')[1]!, 16) === port)
        inodes.add(cols[9]!);
    }
  }
  if (!inodes.size) return null;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return Number(entry);
      } catch {}
    }
  }
  return null;
}

/** The database server's pid when it runs on this machine and can be found; null otherwise. */
export function databasePid(uri: string | undefined, env = process.env): number | null {
  if (env.FERRETDB_PID && /^\d+$/.test(env.FERRETDB_PID)) return Number(env.FERRETDB_PID);
  const m = uri ? /^mongodb:\/\/(?:[^@/]*@)?(127\.0\.0\.1|localhost|\[::1\]):(\d+)(?:[/?]|$)/.exec(uri) : null;
  if (!m || process.platform !== 'linux') return null;
  const pid = pidListeningOn(Number(m[2]));
  return pid !== null && pidCpuMs(pid) !== null ? pid : null;
}
