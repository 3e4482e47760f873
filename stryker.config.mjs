// Mutation testing (npm run test:mutation, not part of npm test): do the tests notice when the
// access policy is changed? Stryker changes app/auth/policy.ts one small edit at a time and runs
// the tests that cover it; a mutant that no test notices "survives". Scope-dropping breaks that
// Stryker cannot make are in tests/bench/breaks.ts (npm run test:breaks).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: ["app/auth/policy.ts"],
  coverageAnalysis: "perTest",
  vitest: { configFile: "vitest.config.ts", related: true },
  reporters: ["clear-text", "progress"],
  thresholds: { high: 95, low: 90, break: null },
  concurrency: 2,
  timeoutMS: 60000,
  tempDirName: ".stryker-tmp",
};
