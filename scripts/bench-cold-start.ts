// Part of `npm run bench`: the CPU a cold start costs, measured in workerd itself. Each run starts a fresh
// `workerd serve` process on one Worker module, waits until it listens, sends one request and reads the
// process's CPU time (every thread's, from /proc, in nanoseconds) once the answer is in. The service's
// bundle (dist/index.js) and an empty Worker are measured the same way, alternately; a workerd that answers
// from a directory, with no JavaScript isolate at all, gives the process's own start-up, so that the
// isolate's part (module evaluation and first request) can be told apart from it.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Median CPU milliseconds of a fresh workerd process up to its first answer. */
export interface ColdStart {
  /** workerd with no Worker (a directory service): the process's own start-up. */
  noIsolateMs: number;
  emptyWorkerMs: number;
  bundleMs: number;
  /** The bundle's first answer to `path` was this status (a check that it really answered). */
  status: number;
}

const EMPTY_WORKER = 'export default { fetch: () => Response.json({ status: "ok" }) };\n';

/** The workerd binary that wrangler runs (the `workerd` package's default export is its path). */
function workerdBinary(): string {
  const workerd = createRequire(import.meta.url)('workerd') as { default: string };
  return workerd.default;
}

function workerConfig(module: string, port: number, compatibilityDate: string): string {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .w) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
const w :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "${module}") ],
  compatibilityDate = "${compatibilityDate}",
  compatibilityFlags = ["nodejs_compat"],
);
`;
}

function directoryConfig(dir: string, port: number): string {
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", disk = (path = "${dir}")) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);
`;
}

/** CPU nanoseconds a process has run so far, summed over its threads (/proc/<pid>/task/<tid>/schedstat). */
function processCpuNs(pid: number): number {
  let total = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return total;
}

/** Whether something accepts TCP connections on the port (no HTTP request is sent). */
function accepting(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Fails if another program already listens on the port: its answers would be taken for the Worker's. */
export async function assertPortFree(port: number): Promise<void> {
  if (await accepting(port)) throw new Error(`port ${port} is in use; set BENCH_PORT / BENCH_COLD_START_PORT`);
}

/** Resolves once something accepts TCP connections on the port. */
async function listening(port: number, deadline: number): Promise<void> {
  for (;;) {
    if (await accepting(port)) return;
    if (Date.now() > deadline) throw new Error(`workerd did not listen on ${port} within 30 s`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** The first request a cold Worker answers. */
export interface FirstRequest {
  path: string;
  init?: RequestInit;
}

const HEALTH: FirstRequest = { path: '/health' };

/** One fresh workerd process: CPU milliseconds up to its first answer to `request`, and the status. */
async function firstAnswer(
  config: string,
  port: number,
  request: FirstRequest,
): Promise<{ cpuMs: number; status: number }> {
  const child = spawn(workerdBinary(), ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.resume();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await listening(port, Date.now() + 30_000);
    const res = await fetch(`http://127.0.0.1:${port}${request.path}`, request.init);
    await res.arrayBuffer();
    return { cpuMs: processCpuNs(child.pid as number) / 1e6, status: res.status };
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Cold starts of `bundlePath` against an empty Worker and a Worker-less workerd, `runs` of each, alternating
 * so that a busy moment of a shared machine falls on all three alike.
 */
export async function measureColdStart(
  bundlePath: string,
  options: { port: number; runs: number; compatibilityDate: string; request?: FirstRequest },
): Promise<ColdStart> {
  await assertPortFree(options.port);
  const dir = mkdtempSync(join(tmpdir(), 'bench-cold-start-'));
  const request = options.request ?? HEALTH;
  try {
    copyFileSync(bundlePath, join(dir, 'bundle.mjs'));
    writeFileSync(join(dir, 'empty.mjs'), EMPTY_WORKER);
    const files = join(dir, 'files');
    mkdirSync(files);
    writeFileSync(join(files, 'health'), '{"status":"ok"}');
    const configs = {
      bundle: join(dir, 'bundle.capnp'),
      empty: join(dir, 'empty.capnp'),
      none: join(dir, 'none.capnp'),
    };
    writeFileSync(configs.bundle, workerConfig('bundle.mjs', options.port, options.compatibilityDate));
    writeFileSync(configs.empty, workerConfig('empty.mjs', options.port, options.compatibilityDate));
    writeFileSync(configs.none, directoryConfig(files, options.port));
    const runs = { bundle: [] as number[], empty: [] as number[], none: [] as number[] };
    let status = 0;
    for (let i = 0; i < options.runs; i++) {
      const bundle = await firstAnswer(configs.bundle, options.port, request);
      status = bundle.status;
      runs.bundle.push(bundle.cpuMs);
      // The empty Worker answers any request the same way; the directory only serves GET /health.
      runs.empty.push((await firstAnswer(configs.empty, options.port, request)).cpuMs);
      runs.none.push((await firstAnswer(configs.none, options.port, HEALTH)).cpuMs);
    }
    return {
      noIsolateMs: median(runs.none),
      emptyWorkerMs: median(runs.empty),
      bundleMs: median(runs.bundle),
      status,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Cold starts of several bundles side by side (scripts/bundle-cold-start.ts): each run starts every bundle and the
 * empty Worker once, in turn, so that a busy moment of a shared machine falls on all of them alike. Returns the
 * median CPU milliseconds of each bundle, in the order given, and of the empty Worker.
 */
export async function compareColdStarts(
  bundlePaths: readonly string[],
  options: { port: number; runs: number; compatibilityDate: string; request?: FirstRequest },
): Promise<{ bundlesMs: number[]; emptyWorkerMs: number; statuses: number[] }> {
  await assertPortFree(options.port);
  const dir = mkdtempSync(join(tmpdir(), 'bench-cold-start-'));
  const request = options.request ?? HEALTH;
  try {
    const configs = [...bundlePaths, ''].map((bundlePath, i) => {
      const module = `worker-${i}.mjs`;
      if (bundlePath) copyFileSync(bundlePath, join(dir, module));
      else writeFileSync(join(dir, module), EMPTY_WORKER);
      const config = join(dir, `worker-${i}.capnp`);
      writeFileSync(config, workerConfig(module, options.port, options.compatibilityDate));
      return config;
    });
    const runs = configs.map(() => [] as number[]);
    const statuses = configs.map(() => 0);
    for (let i = 0; i < options.runs; i++) {
      for (const [j, config] of configs.entries()) {
        const answer = await firstAnswer(config, options.port, request);
        runs[j]?.push(answer.cpuMs);
        statuses[j] = answer.status;
      }
    }
    const medians = runs.map(median);
    return {
      bundlesMs: medians.slice(0, -1),
      emptyWorkerMs: medians.at(-1) as number,
      statuses: statuses.slice(0, -1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
