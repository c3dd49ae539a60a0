import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, INSPECTOR_PORT, PORT } from './harness.mjs';

// ------------------------------------------------------------------------------------------------
// The service
// ------------------------------------------------------------------------------------------------

export async function answers(path) {
  try {
    return (await fetch(`${BASE}${path}`)).ok;
  } catch {
    return false;
  }
}

export async function startServer() {
  if (await answers('/health'))
    throw new Error(`something already answers on ${BASE}; set BROWSER_PORT to a free port`);
  const log = join(mkdtempSync(join(tmpdir(), 'browser-wrangler-')), 'wrangler.log');
  const out = (await import('node:fs')).openSync(log, 'w');
  // detached: wrangler and its workerd child get a process group of their own, stopped as one.
  const server = spawn(
    'npx',
    ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(PORT), '--inspector-port', String(INSPECTOR_PORT)],
    {
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    },
  );
  for (let i = 0; i < 120 && !(await answers('/health')); i++) {
    if (server.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (!(await answers('/health'))) {
    stopServer(server);
    throw new Error(`wrangler dev did not answer /health within 60 s:\n${readFileSync(log, 'utf8').slice(-3000)}`);
  }
  return server;
}

export function stopServer(server) {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    try {
      process.kill(-server.pid, 0);
    } catch {
      return;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  try {
    process.kill(-server.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export async function api(path, body) {
  const res = await fetch(`${BASE}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}
