// Mutation testing (`npm run mutation`; never part of `npm test`): Stryker 9 runs the mocha suite
// against each mutant of sdk/. https://stryker-mutator.io/docs/stryker-js/configuration/
// The TypeScript checker (drops mutants that do not compile) is optional: install
// @stryker-mutator/typescript-checker and set STRYKER_TS_CHECK=1 to use it.
const typeCheck = process.env.STRYKER_TS_CHECK === "1";

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "mocha",
  // .mocharc.json loads ts-node (transpile only) and the test helpers; the runner reads it.
  mochaOptions: {
    config: ".mocharc.json",
    spec: ["tests/**/*.test.ts"],
  },
  mutate: ["sdk/**/*.ts", "!sdk/**/*.d.ts"],
  // Mutants are compiled by ts-node without type checks; keep Stryker's own check hints out of sdk/.
  disableTypeChecks: "sdk/**/*.ts",
  checkers: typeCheck ? ["typescript"] : [],
  tsconfigFile: "tsconfig.json",
  coverageAnalysis: "perTest",
  // The suite starts servers and child processes: two runners on a shared 2-core machine.
  concurrency: 2,
  timeoutMS: 60_000,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: "reports/stryker-incremental.json",
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 85, low: 70, break: null },
  // The sandbox copies the project, bin/ as `npm ci` built it (tests of the package read it); the
  // mutants run through ts-node, in process and in the CLI child processes the tests start.
  ignorePatterns: ["reports", ".stryker-tmp"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};
