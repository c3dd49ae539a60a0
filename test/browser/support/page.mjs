import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ARGS, BASE, CHROMIUM, SHOTS } from './harness.mjs';
import { COUNT_UNITS } from './example.mjs';

// ------------------------------------------------------------------------------------------------
// The browser
// ------------------------------------------------------------------------------------------------

/** A new browser with a fresh profile: nothing carried over from another context. */
export async function freshBrowser(width = 1280, height = 900) {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width, height },
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const trouble = watch(page);
  return {
    context,
    page,
    trouble,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Records what must never happen: a request to another origin, a CSP violation, a script error. */
export function watch(page) {
  const trouble = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${BASE}/`) && !url.startsWith('blob:') && !url.startsWith('data:'))
      trouble.push(`request to another origin: ${url}`);
  });
  page.on('console', (message) => {
    // The 422 that the bad-input check provokes is the API refusing on purpose; Chromium logs it as a failed load.
    if (/status of 422/.test(message.text())) return;
    if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text()))
      trouble.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => trouble.push(`script error: ${error.message}`));
  return trouble;
}

export const groupDigits = (v) =>
  v.replace(/^(-?)(\d+)/, (_, sign, whole) => sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','));

/** The figures a results list shows, as { metric: { value (data-value), text } }. */
export async function figures(page, list) {
  return page.$$eval(`[data-figures="${list}"] .figure`, (els) =>
    Object.fromEntries(
      els.map((el) => [
        el.getAttribute('data-metric'),
        {
          value: el.querySelector('dd')?.getAttribute('data-value'),
          text: el.querySelector('dd')?.firstChild?.textContent,
        },
      ]),
    ),
  );
}

/** Compares shown figures with the API's: the exact string, and the text with its currency or unit. */
export function compareFigures(shown, expected, currency, metrics) {
  const wrong = [];
  for (const metric of metrics) {
    const value = expected[metric];
    if (value === null) {
      if (shown[metric]?.value !== '' || shown[metric]?.text !== 'not determined')
        wrong.push(`${metric}: shown ${JSON.stringify(shown[metric])}, API null`);
      continue;
    }
    const want = COUNT_UNITS[metric]
      ? `${groupDigits(value)} ${COUNT_UNITS[metric]}`
      : `${currency} ${groupDigits(value)}`;
    if (shown[metric]?.value !== value || shown[metric]?.text !== want)
      wrong.push(`${metric}: shown ${JSON.stringify(shown[metric])}, API ${value} (expected text ${want})`);
  }
  return wrong;
}

export async function waitForFigure(page, list, metric, value) {
  await page.waitForFunction(
    ([l, m, v]) =>
      document.querySelector(`[data-figures="${l}"] [data-metric="${m}"] dd`)?.getAttribute('data-value') === v,
    [list, metric, value],
    { timeout: 20_000 },
  );
}

export async function axeViolations(page) {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern (a <script> tag would be refused).
  await page.evaluate(readFileSync('node_modules/axe-core/axe.min.js', 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join('; ')})`,
    );
}

export async function noHorizontalScroll(page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

export const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** The request body a permalink holds (the page's own codec, run in Node). */
export async function decodeLink(url) {
  const { decodeState } = await import('../../../public/app/permalink.js');
  const state = await decodeState(new URL(url).hash);
  return state && 'body' in state ? state.body : undefined;
}
