import { readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * Two projects, run by scripts/test.mjs (`npm test`) and `npm run test:unit`:
 *  - unit: pure tests of one module in-process (no database, no CLI, no child process; a temp file at
 *    most). They do not depend on the engine, so they run once, straight from the TypeScript sources.
 *  - e2e: the real CLI (the compiled dist/ through bin/recon.js), real files and real databases. They run
 *    once per engine: on SQLite, then with DATABASE_URL set on PostgreSQL (test/helpers/engine.ts).
 * A test file anywhere else would be run by neither, silently: refuse it here instead.
 */
const stray = readdirSync(new URL('./test', import.meta.url), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts') && !/^(unit|e2e)\//.test(f));
if (stray.length > 0) {
  throw new Error(`test files outside test/unit and test/e2e are run by no project; move them: ${stray.join(', ')}`);
}

export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      // End-to-end tests spawn the real CLI, in the tests and in their beforeAll setup; give them room on a 2-core machine.
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
    ],
  },
});
