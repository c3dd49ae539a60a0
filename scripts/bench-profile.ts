// Part of `npm run bench`: where a request's CPU goes. The V8 profiler samples `count` requests of one kind
// sent to the built bundle in process; each sample's own (self) time is attributed through the bundle's source
// map to the package or app folder it ran in (scripts/bundle-share.ts groups), and to Node's own machinery
// (Request, Response, streams), V8's garbage collector and compiler otherwise.
import { readFileSync } from 'node:fs';
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

/** What ran outside the bundle: Node's own JavaScript, V8's collector and runtime, built-in functions. */
function otherGroup(frame: ProfileNode['callFrame']): string {
  if (frame.url) return 'Node (Request, Response, streams, timers)';
  if (frame.functionName === '(garbage collector)') return 'garbage collection';
  if (frame.functionName === '(program)') return 'V8 runtime and compiler';
  return 'built-in functions (JSON, RegExp, Intl, …)';
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
