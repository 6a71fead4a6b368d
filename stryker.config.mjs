// Mutation testing (`npm run mutation`; never part of `npm test`): Stryker 9 runs the mocha suite
// against each mutant of sdk/. https://stryker-mutator.io/docs/stryker-js/configuration/
// The TypeScript checker (drops mutants that do not compile) is optional: install
// @stryker-mutator/typescript-checker and set STRYKER_TS_CHECK=1 to use it.
const typeCheck = process.env.STRYKER_TS_CHECK === "1";

// Scoped runs (the whole suite against every mutant of sdk/ takes hours on 2 cores):
// STRYKER_MUTATE and STRYKER_SPEC take comma-separated globs, e.g.
//   STRYKER_MUTATE='sdk/dns/**/*.ts' STRYKER_SPEC='tests/dns-ownership.test.ts' npm run mutation
// Mutants are active only in the mocha process: a test that reaches the code through a spawned
// CLI child process does not kill them, so pick specs that call the code in process.
const list = (value) =>
  value
    ?.split(",")
    .map((glob) => glob.trim())
    .filter(Boolean);
const mutate = list(process.env.STRYKER_MUTATE) ?? ["sdk/**/*.ts"];
const spec = list(process.env.STRYKER_SPEC) ?? ["tests/**/*.test.ts"];
// STRYKER_GREP: a mocha --grep regex, e.g. '^(?!.*some title)' to leave out a test that fails
// before any mutant (Stryker stops when the initial run has a failure).
const grep = process.env.STRYKER_GREP || undefined;

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "mocha",
  // .mocharc.json loads ts-node (transpile only) and the test helpers; the runner reads it.
  mochaOptions: {
    config: ".mocharc.json",
    spec,
    ...(grep ? { grep } : {}),
  },
  mutate: [...mutate, "!sdk/**/*.d.ts"],
  // Mutants are compiled by ts-node without type checks; keep Stryker's own check hints out of sdk/.
  disableTypeChecks: "sdk/**/*.ts",
  checkers: typeCheck ? ["typescript"] : [],
  tsconfigFile: "tsconfig.json",
  // "all", not "perTest": much of sdk/ runs in Output callbacks that settle after the test that
  // started them, so per-test coverage credits the code to a later test (or none) and Stryker then
  // skips the test that kills the mutant, reporting it as surviving. "all" runs every selected spec
  // against each covered mutant (slower: scope the specs).
  // https://stryker-mutator.io/docs/stryker-js/configuration/#coverageanalysis-string
  coverageAnalysis: "all",
  // The suite starts servers and child processes: two runners on a shared 2-core machine.
  concurrency: 2,
  timeoutMS: 60_000,
  timeoutFactor: 2,
  // Not incremental: results of one scoped run would be reused by the next with other specs.
  incremental: false,
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
