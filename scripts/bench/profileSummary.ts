/**
 * Summary of a V8 CPU profile (.cpuprofile, as `node --cpu-prof` or the inspector writes it): self
 * time per frame, grouped by what the code is (see `groupOf`). A native frame (no script URL, e.g.
 * Map.get or runMicrotasks) is counted in the group of the nearest caller that has one;
 * JSON.stringify counts as serialization.
 */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export const GROUPS = [
  'parsing/validation',
  'execution',
  'our resolvers',
  'loaders',
  'driver/BSON',
  'serialization',
  'plugins',
  'HTTP/runtime',
  'GC',
  'idle',
  'other',
] as const;
export type Group = (typeof GROUPS)[number];

/** The group of a frame with a script URL (null for native frames: they take their caller's). */
export function groupOf(url: string, functionName: string): Group | null {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)' || functionName === '(root)') return 'other';
  if (functionName === 'stringify' && !url) return 'serialization';
  if (!url) return null;
  const u = url.replaceAll('\\', '/');
  if (/\/node_modules\/graphql\/(language|validation)\//.test(u)) return 'parsing/validation';
  if (/\/node_modules\/(graphql|graphql-jit|@graphql-tools\/executor)\//.test(u)) return 'execution';
  if (/\/node_modules\/(mongodb|bson|mongodb-connection-string-url)\//.test(u)) return 'driver/BSON';
  if (/\/node_modules\/dataloader\//.test(u) || /\/src\/(loaders\.ts|db\/)/.test(u)) return 'loaders';
  if (/\/src\/schema\//.test(u)) return 'our resolvers';
  if (/result-processor|\/node_modules\/fast-json-stringify\//.test(u)) return 'serialization';
  if (
    /\/node_modules\/(@pothos|@envelop|@escape\.tech|@graphql-yoga\/plugin-|prom-client|pino|@graphql-tools)/.test(u) ||
    /\/src\/(observability|server|context|auth)\.ts/.test(u) ||
    u === 'node:async_hooks' ||
    u.startsWith('node:internal/async_local_storage')
  )
    return 'plugins';
  // The hand-written implementation's code is its "resolvers".
  if (/\/scripts\/bench\//.test(u)) return 'our resolvers';
  if (u.startsWith('node:') || /\/node_modules\/(graphql-yoga|@whatwg-node|undici|@repeaterjs)\//.test(u))
    return 'HTTP/runtime';
  return 'other';
}

export interface ProfileSummary {
  totalMs: number;
  byGroup: Record<Group, number>;
  top: { functionName: string; location: string; group: Group; selfMs: number }[];
}

/** Self time per node (from the samples and their time deltas), grouped and ranked. */
export function summarise(profile: Profile, topN = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    // timeDeltas[i] is the time before sample i; the sample stands for the interval that follows it.
    const dt = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  });
  const groupCache = new Map<number, Group>();
  const groupOfNode = (id: number): Group => {
    const cached = groupCache.get(id);
    if (cached) return cached;
    const n = byId.get(id)!;
    const own = groupOf(n.callFrame.url, n.callFrame.functionName);
    const p = parent.get(id);
    const g = own ?? (p === undefined ? 'other' : groupOfNode(p));
    groupCache.set(id, g);
    return g;
  };
  const byGroup = Object.fromEntries(GROUPS.map((g) => [g, 0])) as Record<Group, number>;
  const frames = new Map<string, { functionName: string; location: string; group: Group; selfMs: number }>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    const group = groupOfNode(id);
    byGroup[group] += us / 1000;
    totalUs += us;
    const url = n.callFrame.url.replace(/^file:\/\/.*?\/(node_modules|src|scripts)\//, '$1/');
    const location = url ? `${url}:${n.callFrame.lineNumber + 1}` : '(native)';
    const key = `${n.callFrame.functionName}@${location}@${group}`;
    const f = frames.get(key) ?? {
      functionName: n.callFrame.functionName || '(anonymous)',
      location,
      group,
      selfMs: 0,
    };
    f.selfMs += us / 1000;
    frames.set(key, f);
  }
  const top = [...frames.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, topN);
  return { totalMs: totalUs / 1000, byGroup, top };
}
