import { writeFileSync } from 'node:fs';

// Where the browser test runs, and how it counts: each check prints "ok - …" or "not ok - …", and
// finish() writes the counts to browser-results.json for .ci/run.

/** The cells of one CSV line whose text cells hold no comma (the API quotes every text cell). */
export const cellsOf = (line) => line.split(',').map((cell) => cell.replace(/^"(.*)"$/, '$1'));

export const PORT = Number(process.env.BROWSER_PORT ?? 8793);
export const INSPECTOR_PORT = Number(process.env.BROWSER_INSPECTOR_PORT ?? 9393);
export const BASE = `http://127.0.0.1:${PORT}`;
export const SHOTS = 'test-artifacts/browser';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export let passed = 0;
export let failed = 0;
/** @param {string} name @param {boolean} ok @param {string} [why] */
export function check(name, ok, why = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok' : 'not ok'} - ${name}${ok || !why ? '' : `\n  # ${why.replaceAll('\n', '\n  # ')}`}`);
}
/** Runs a group of checks; an exception inside it is one more failure, and the rest still run. */
export async function step(name, fn) {
  try {
    await fn();
  } catch (error) {
    check(`${name} (ran to the end)`, false, String(error?.stack ?? error).slice(0, 1500));
  }
}

export function finish() {
  writeFileSync('browser-results.json', `${JSON.stringify({ passed, failed })}\n`);
  console.log(`browser: ${passed} passed, ${failed} failed`);
}
