// Starts `wrangler dev` (local workerd) for the benchmark and load-test scripts, and stops it.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Server {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
  /** Resident memory in KiB of the workerd processes that run the Worker (not wrangler's own Node process). */
  rssKiB: () => number;
}

function descendants(pid: number): number[] {
  const out: number[] = [];
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return out;
  }
  for (const child of children) out.push(child, ...descendants(child));
  return out;
}

function workerdRssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    if (!/^Name:\s+workerd/m.test(status)) return 0;
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** `wrangler dev` of `config` on `port`; `vars` are given to the Worker as environment variables (`--var`). */
export async function startServer(
  port: number,
  config = 'wrangler.toml',
  vars: Record<string, string> = {},
): Promise<Server> {
  const varFlags = Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
  const args = ['wrangler', 'dev', '--config', config, '--ip', '127.0.0.1', '--port', String(port), ...varFlags];
  const child = spawn('npx', args, {
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.resume();
  child.stderr?.resume();
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`wrangler dev did not answer on ${url} within 60 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    child,
    rssKiB: () =>
      [child.pid as number, ...descendants(child.pid as number)].reduce((total, pid) => total + workerdRssOf(pid), 0),
    stop: async () => {
      try {
        process.kill(-(child.pid as number), 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 500));
    },
  };
}

/**
 * A control Worker that answers `{"status":"ok"}` to everything, run by the same `wrangler dev`: the
 * runtime's own behaviour under load (local workerd's memory grows under sustained load even for this),
 * against which the service is compared.
 */
export async function startControlServer(port: number): Promise<Server> {
  const dir = mkdtempSync(join(tmpdir(), 'control-worker-'));
  writeFileSync(join(dir, 'index.js'), 'export default { fetch: () => Response.json({ status: "ok" }) };\n');
  writeFileSync(join(dir, 'wrangler.toml'), 'name = "control"\nmain = "index.js"\ncompatibility_date = "2026-04-26"\n');
  return startServer(port, join(dir, 'wrangler.toml'));
}

/** Replaces the section between `<!-- name:start -->` and `<!-- name:end -->` of a Markdown file. */
export function replaceSection(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${body.trim()}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) return `${text.trimEnd()}\n\n${block}\n`;
  return `${text.slice(0, from)}${block}${text.slice(to + end.length)}`;
}
