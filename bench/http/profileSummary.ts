/**
 * Diagnosis, not a bench: a V8 CPU profile of the host (from `cpuPerRequest.ts --cpu-prof DIR`) summarised by
 * where the time went: each sample is charged to the package or source file of its innermost frame that is
 * not Node's own, resolved through the app bundle's source maps; garbage collection, idle time and time in
 * socket writes are their own rows. With `--requests N`, rows are µs per request.
 *
 *   npx tsx bench/http/profileSummary.ts DIR [--requests N] [--top 40]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const maps = new Map<string, SourceMap | null>();

function sourceMapOf(url: string): SourceMap | null {
  if (!maps.has(url)) {
    let map: SourceMap | null = null;
    try {
      const file = url.startsWith('file:') ? fileURLToPath(url) : url;
      if (existsSync(`${file}.map`))
        map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload);
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  return maps.get(url) ?? null;
}

/** The package (`@azure/cosmos`) or repository file (`shared/http/httpHandler.ts`) a frame belongs to. */
function origin(frame: ProfileNode['callFrame'], appDir: string | undefined): string | undefined {
  let url = frame.url;
  if (!url || url.startsWith('node:')) return undefined;
  if (appDir && url.includes('/dist/app/')) {
    // Profiles name the bundle where it ran; the copy beside the profile carries the source maps.
    const local = join(appDir, 'app', url.slice(url.indexOf('/dist/app/') + '/dist/app/'.length));
    const entry = sourceMapOf(local)?.findEntry(frame.lineNumber, frame.columnNumber);
    if (entry && 'originalSource' in entry) url = entry.originalSource;
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.endsWith('hostMain.cjs')) return 'tools/host (bundled)';
  const repo = /\/((?:shared|functions|tools)\/.*)$/.exec(url);
  return repo ? repo[1] : basename(url);
}

const SOCKET_WRITES = new Set(['writev', 'writeBuffer', 'writeLatin1String', 'writeUtf8String']);

function main(): void {
  const args = process.argv.slice(2);
  const dir = resolve(args[0] ?? 'cpu-prof');
  const requests = Number(args[args.indexOf('--requests') + 1]) || undefined;
  const top = Number(args[args.indexOf('--top') + 1]) || 40;
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  const appDir = existsSync(join(dir, 'app')) ? dir : undefined;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const rows = new Map<string, number>();
  const charge = (k: string, us: number): void => void rows.set(k, (rows.get(k) ?? 0) + us);
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const leaf = byId.get(id)!;
    const name = leaf.callFrame.functionName;
    if (name === '(idle)') return charge('(idle)', us);
    busy += us;
    if (name === '(garbage collector)') return charge('(garbage collector)', us);
    if (SOCKET_WRITES.has(name)) return charge('(socket writes: syscall, incl. time preempted)', us);
    // Innermost frame with an origin outside Node itself; Node internals count for whoever called them.
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const o = origin(byId.get(cur)!.callFrame, appDir);
      if (o) return charge(o, us);
    }
    charge(`node (${name || 'anonymous'})`, us);
  });
  const scale = requests ? 1 / requests : 1 / 1000;
  const unit = requests ? 'µs/request' : 'ms';
  console.log(`${basename(file)}: busy ${(busy / 1000).toFixed(0)} ms`);
  for (const [k, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const share = k === '(idle)' ? '' : `${((us / busy) * 100).toFixed(1).padStart(5)}%`;
    console.log(`${(us * scale).toFixed(1).padStart(9)} ${unit}  ${share.padEnd(6)}  ${k}`);
  }
}

main();
