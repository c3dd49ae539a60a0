// Part of `npm run bench`: the CPU time that local workerd (under `wrangler dev`) spends on requests, read
// from /proc for every thread of its workerd processes before and after requests sent one at a time. It
// includes what workerd itself does for a request (HTTP, wrangler's proxy Worker), which is why the trivial
// route is measured the same way beside it.
import { readdirSync, readFileSync } from 'node:fs';

function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function isWorkerd(pid: number): boolean {
  try {
    return /^Name:\s+workerd/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** The workerd processes under a process (wrangler dev's `npx` child). */
export function workerdProcesses(root: number): number[] {
  const all: number[] = [];
  const walk = (pid: number) => {
    for (const child of children(pid)) {
      all.push(child);
      walk(child);
    }
  };
  walk(root);
  return all.filter(isWorkerd);
}

/** CPU nanoseconds the processes have run so far, summed over their threads. */
export function cpuNs(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        total += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return total;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/**
 * Median workerd CPU microseconds of one request: `runs` measurements of `batch` requests sent one after
 * another (`send` resolves once the whole answer is read), after `warmup` requests.
 */
export async function workerdCpuMicros(
  pids: readonly number[],
  send: () => Promise<void>,
  options: { runs: number; batch: number; warmup: number },
): Promise<number> {
  for (let i = 0; i < options.warmup; i++) await send();
  const samples: number[] = [];
  for (let r = 0; r < options.runs; r++) {
    const before = cpuNs(pids);
    for (let i = 0; i < options.batch; i++) await send();
    samples.push((cpuNs(pids) - before) / 1000 / options.batch);
  }
  return median(samples);
}
