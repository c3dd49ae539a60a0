import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Two projects: the engine and the contract as plain Node unit tests, and the HTTP API inside workerd
// (the real Workers runtime, configured from wrangler.toml).
export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // test/api/fuzz/ reads its seed and case count from these (workerd has no process.env of the shell).
            miniflare: { bindings: { FUZZ_SEED: process.env.FUZZ_SEED ?? '', FUZZ_RUNS: process.env.FUZZ_RUNS ?? '' } },
          }),
        ],
        // The first request of each file pays workerd's cold start of the whole app: seconds on a busy machine.
        test: { name: 'workers', include: ['test/api/**/*.test.ts'], testTimeout: 30_000 },
      },
    ],
  },
});
