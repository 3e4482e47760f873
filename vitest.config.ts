import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// TEST_POSTGRES=1 (npm run test:postgres, .ci/run): the integration tests on PostgreSQL, but
// those in tests/integration/embedded/, which are about the embedded file alone (its encryption,
// locking, backups, query plans and migrations); and tests/processes/, app processes of the
// production build sharing the database (after `npm run build`).
const onPostgres = process.env.TEST_POSTGRES === "1";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: onPostgres ? ["tests/integration/**/*.test.{ts,tsx}", "tests/processes/**/*.test.ts"] : ["tests/unit/**/*.test.{ts,tsx}", "tests/integration/**/*.test.{ts,tsx}"],
    exclude: onPostgres ? ["tests/integration/embedded/**", "**/node_modules/**"] : ["**/node_modules/**"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/database.ts"],
    pool: "forks",
    // A timeout here only catches a test that hangs; it is not a speed check. vitest's 5 s
    // default fails tests that hash passwords or migrate a file on a loaded 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    restoreMocks: true,
  },
});
