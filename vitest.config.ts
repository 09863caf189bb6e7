import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit`: tests that need no build, no browser and no large data, for the inner
 * loop (`npx vitest run --project unit`, seconds). `e2e`: tests that run the built bundle
 * (bin/csp.js, dist/), print PDFs in a browser, or read the whole sample or the real police
 * files, and the long property and hostile-input runs. `npm test` builds and runs both.
 */
const E2E = [
  // the built CLI, a browser, or both
  'test/assess.test.ts',
  'test/bundle-cache.test.ts',
  'test/documents.test.ts',
  'test/hostile-env.test.ts',
  'test/new-user.test.ts',
  'test/output-folder.test.ts',
  'test/package.test.ts',
  'test/robustness.test.ts',
  'test/sample-workspace.test.ts',
  'test/maps/sample-maps.test.ts',
  'test/maps/validate-boundaries.test.ts',
  'test/bench.test.ts',
  // the whole sample, or the real police files of three forces
  'test/cli-options.test.ts',
  'test/messy-real.test.ts',
  'test/real-shapes.test.ts',
  'test/realdata.test.ts',
  'test/render/plan-rules.test.ts',
  'test/docx-sample.test.ts',
  'test/docx-libreoffice.test.ts',
  'test/ingest/fingerprints.test.ts',
  'test/ingest/text-bytes.test.ts',
  'test/ingest/police-points-sample.test.ts',
  'test/recount/recount-real.test.ts',
  'test/recount/recount-sample.test.ts',
  // long runs: hundreds of generated or hostile workspaces
  'test/recount/recount-mutations.test.ts',
  'test/recount/recount-edges.test.ts',
  'test/corpus.test.ts',
  'test/hostile-ingest.test.ts',
  'test/hostile-ingest-large.test.ts',
];

export default defineConfig({
  test: {
    // DuckDB work and real CLI runs: generous per-test time, never used as a speed check.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { TZ: 'UTC', NO_COLOR: '1' },
    // The tests' temporary files in a folder of their own, removed at the end of the run.
    globalSetup: ['test/temporary-folder.setup.ts'],
    // Vitest's default on two cores is one worker; most e2e time is spent waiting on child
    // processes (bin/csp.js, the browser) and DuckDB's own threads, so two overlap that wait.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: E2E } },
      { extends: true, test: { name: 'e2e', include: E2E } },
    ],
  },
});
