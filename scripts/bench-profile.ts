// Part of `npm run bench`: where a request's CPU goes. The V8 profiler samples `count` requests of one kind
// sent to the built bundle in process; each sample's own (self) time is attributed through the bundle's source
// map to the package or app folder it ran in (scripts/bundle-share.ts groups), and to Node's own machinery
// (Request, Response, streams), V8's garbage collector and compiler otherwise.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Session } from 'node:inspector/promises';
import { decode, type SourceMapSegment } from '@jridgewell/sourcemap-codec';
import { answer, type Fetch, type RequestSpec } from './bench-requests';
import { groupOf } from './bundle-share';

interface ProfileNode {
  id: number;
  callFrame: { url: string; lineNumber: number; columnNumber: number; functionName: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The share of the sampled time each group took, largest first: [group, fraction]. */
export async function profileShares(
  fetch: Fetch,
  spec: RequestSpec,
  count: number,
  bundlePath: string,
): Promise<[string, number][]> {
  const session = new Session();
  session.connect();
  const log = console.log;
  console.log = () => {};
  let profile: Profile;
  try {
    for (let i = 0; i < count / 4; i++) await answer(fetch, spec);
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    for (let i = 0; i < count; i++) await answer(fetch, spec);
    profile = (await session.post('Profiler.stop')).profile as unknown as Profile;
  } finally {
    console.log = log;
    session.disconnect();
  }
  return groupTimes(profile, bundlePath);
}

/**
 * Where a cold start's CPU goes: a fresh `node --cpu-prof` process imports the bundle and answers one GET /health;
 * its profile is grouped as profileShares groups a request's, leaving Node's own JavaScript out.
 */
export function coldStartShares(bundlePath: string): [string, number][] {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cold-profile-'));
  try {
    const script =
      'const w = (await import(process.argv[1])).default;' +
      "await (await w.fetch(new Request('http://localhost/health'), {}, {})).text();";
    const url = pathToFileURL(resolve(bundlePath)).href;
    execFileSync(
      process.execPath,
      ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '250', '--input-type=module', '-e', script, url],
      {
        stdio: 'ignore',
      },
    );
    const [file] = readdirSync(dir);
    if (!file) throw new Error('node --cpu-prof wrote no profile');
    // Node's own start-up and module loader are not what workerd does: left out, the rest taken as the whole.
    const shares = groupTimes(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile, bundlePath).filter(
      ([group]) => group !== NODE,
    );
    const total = shares.reduce((sum, [, share]) => sum + share, 0);
    return shares.map(([group, share]): [string, number] => [group, share / total]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NODE = 'Node (Request, Response, streams, timers)';

/** What ran outside the bundle: Node's own JavaScript, V8's collector and runtime, built-in functions. */
function otherGroup(frame: ProfileNode['callFrame']): string {
  if (frame.url) return NODE;
  if (frame.functionName === '(garbage collector)') return 'garbage collection';
  if (frame.functionName === '(program)') return 'V8 runtime and compiler';
  return 'native and built-in functions (JSON, streams, …)';
}

function groupTimes(profile: Profile, bundlePath: string): [string, number][] {
  const map = JSON.parse(readFileSync(`${bundlePath}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const lines = decode(map.mappings);
  const sourceAt = (line: number, column: number): string | undefined => {
    let found: SourceMapSegment | undefined;
    for (const segment of lines[line] ?? []) {
      if (segment[0] > column) break;
      found = segment;
    }
    return found?.[1] === undefined ? undefined : map.sources[found[1]];
  };
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const times = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id)?.callFrame;
    const delta = profile.timeDeltas[i] ?? 0;
    if (!frame || frame.functionName === '(idle)') return;
    const group = frame.url.endsWith(bundlePath.replace(/^.*\//, ''))
      ? groupOf(sourceAt(frame.lineNumber, frame.columnNumber))
      : otherGroup(frame);
    times.set(group, (times.get(group) ?? 0) + delta);
    total += delta;
  });
  return [...times].map(([group, t]): [string, number] => [group, t / total]).sort((a, b) => b[1] - a[1]);
}
