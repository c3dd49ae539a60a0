import { mkdirSync } from 'node:fs';
import { BASE, check, failed, finish, passed, SHOTS, step } from './support/harness.mjs';
import { startServer, stopServer } from './support/server.mjs';
import { freshBrowser } from './support/page.mjs';
import { campaignImpactChecks, exampleAnswerChecks } from './campaign-impact.mjs';
import { impactOutageChecks, journalistChecks } from './catalogue.mjs';
import { eventStudyChecks } from './event-study.mjs';
import { marketCapChecks } from './market-cap.mjs';
import { uncertaintyChecks } from './uncertainty.mjs';
import { importChecks } from './import.mjs';

// The web calculator (GET /) in a real browser: Debian's Chromium (/usr/bin/chromium) driven by
// playwright-core, against a `wrangler dev` this script starts and stops itself (`npm run test:browser`).
// Each check prints "ok - …" or "not ok - …"; the counts go to browser-results.json, which .ci/run adds
// to its final "N passed, N failed" line. Screenshots of each state go to test-artifacts/browser/
// (gitignored) for a person to look at.
//
// Expected figures come from the API itself (the page must show exactly what the API answers), and
// the example's headline figures are also recomputed by hand (campaign-impact.mjs).
//
// This file runs every check, in one browser session, in the order a person would meet them; the checks
// live in modules named for what they cover (campaign-impact, catalogue, event-study, market-cap,
// uncertainty, import), the server, the browser helpers and the counting in support/.

async function run() {
  mkdirSync(SHOTS, { recursive: true });
  const example = await exampleAnswerChecks();

  const first = await freshBrowser();
  const { page } = first;
  await campaignImpactChecks(first, example);

  await step('the journalist’s question: a catalogue outage and revenue figure', () => journalistChecks(page));
  await step('a catalogue outage in campaign impact', () => impactOutageChecks(page));
  await step('event study: a price CSV uploaded and dropped', () => eventStudyChecks(page));
  await step('market cap given directly, benchmark as levels', () => marketCapChecks(page));
  await step('percentiles and the tornado', () => uncertaintyChecks(first.context));
  await step('import an export', () => importChecks(page));

  check(
    'the page loaded nothing from another origin and met no CSP or script error',
    first.trouble.length === 0,
    first.trouble.join('\n'),
  );
  await first.close();
}

let server;
try {
  server = await startServer();
  console.log(`== the web calculator in Chromium, against ${BASE}`);
  await run();
} catch (error) {
  check('the browser test ran', false, String(error?.stack ?? error));
} finally {
  if (server) stopServer(server);
  finish();
}
process.exit(failed === 0 && passed > 0 ? 0 : 1);
