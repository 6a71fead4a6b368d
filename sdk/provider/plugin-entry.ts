/**
 * `pulumi package add` / the engine run this package as a source-based component plugin through
 * `@pulumi/pulumi/cmd/run-plugin`, which `require`s the package's `main` (this build's index) and
 * then starts the stock ComponentProvider for the components it exports. That provider hands
 * Output-wrapped inputs straight to the constructor, so when run-plugin is the process's main
 * module, the index starts this package's provider first, synchronously; run-plugin's own host then
 * finds a server already listening (`isServing` in @pulumi/pulumi/provider/server.js) and returns.
 * For anyone else who loads the package this is one string test, and nothing heavy is loaded.
 */
export function runByPluginHost(mainFile: string | undefined = require.main?.filename): boolean {
  return mainFile !== undefined && /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]run-plugin[\\/]/.test(mainFile);
}

export function hostIfRunAsPlugin(): void {
  if (!runByPluginHost()) return;
  // Loaded only here: the provider module pulls in the TypeScript compiler (the analyzer).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const host = require("./host") as typeof import("./host");
  void host.startProvider();
}
