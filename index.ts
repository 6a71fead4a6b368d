// The package's TypeScript entry point for @pulumi/pulumi's component analyzer, which looks for the
// component from package.json's exports/main (mapped .js -> .ts, which here would be bin/sdk/*.ts)
// or from index.ts in the package root. The npm package itself is bin/sdk (package.json).
export * from "./sdk/index";
