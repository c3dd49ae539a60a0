// Part of `npm run bench`: whole requests measured in process. The built Worker bundle (dist/index.js, the
// file wrangler deploys, with its aliases) is imported into Node and its `fetch` called with a Request, as
// workerd calls it; the CPU time (process.cpuUsage: user + system, every thread, so garbage collection too)
// covers building the request, reading and parsing the body, the engine, presenting, serialising the JSON or
// CSV and reading the answer's body.
import { pathToFileURL } from 'node:url';

export type Fetch = (request: Request) => Promise<Response>;

interface WorkerModule {
  default: { fetch: (request: Request, env: object, ctx: object) => Promise<Response> };
}

const CONTEXT = { waitUntil: () => {}, passThroughOnException: () => {} };

/** The `fetch` of a built Worker module, with `env` as its bindings. */
export async function loadWorker(path: string, env: Record<string, string> = {}): Promise<Fetch> {
  const worker = (await import(pathToFileURL(path).href)) as WorkerModule;
  return (request) => worker.default.fetch(request, env, CONTEXT);
}

/** A request to send: built afresh each time, since a body can be read only once. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  contentType?: string;
  accept?: string;
}

export function jsonPost(path: string, value: unknown): RequestSpec {
  return { method: 'POST', path, body: JSON.stringify(value), contentType: 'application/json' };
}

function toRequest(spec: RequestSpec): Request {
  const headers: Record<string, string> = {};
  if (spec.contentType) headers['content-type'] = spec.contentType;
  if (spec.accept) headers.accept = spec.accept;
  return new Request(`http://bench.local${spec.path}`, { method: spec.method, body: spec.body, headers });
}

/** Sends one request and reads the whole answer; fails unless it is a 200. */
export async function answer(fetch: Fetch, spec: RequestSpec): Promise<string> {
  const res = await fetch(toRequest(spec));
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${spec.method} ${spec.path} answered ${res.status}: ${text.slice(0, 300)}`);
  return text;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Median CPU microseconds of one request: `runs` measurements, each of `batch` requests in a row (so that a
 * sub-millisecond request is timed over many), after `warmup` requests that let the JIT and the isolate's
 * caches settle as in a warm Worker. The app's one log line a request is written to a no-op meanwhile:
 * workerd hands logs to its pipeline, while Node would write them to a terminal synchronously.
 */
export async function cpuMicros(
  fetch: Fetch,
  spec: RequestSpec,
  options: { runs: number; batch?: number; warmup?: number },
): Promise<number> {
  const batch = options.batch ?? 1;
  const log = console.log;
  console.log = () => {};
  try {
    for (let i = 0; i < (options.warmup ?? batch * 2); i++) await answer(fetch, spec);
    const samples: number[] = [];
    for (let r = 0; r < options.runs; r++) {
      const start = process.cpuUsage();
      for (let i = 0; i < batch; i++) await answer(fetch, spec);
      const used = process.cpuUsage(start);
      samples.push((used.user + used.system) / batch);
    }
    return median(samples);
  } finally {
    console.log = log;
  }
}

/** Median CPU microseconds of one synchronous call, measured like cpuMicros (the floors). */
export function cpuMicrosOf(fn: () => unknown, options: { runs: number; batch: number }): number {
  for (let i = 0; i < options.batch * 2; i++) fn();
  const samples: number[] = [];
  for (let r = 0; r < options.runs; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < options.batch; i++) fn();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / options.batch);
  }
  return median(samples);
}
