import * as pulumi from "@pulumi/pulumi";
import { packageRoot } from "./package-root";
import { SslMlClusterProvider } from "./provider";

/**
 * Serves the component to the Pulumi engine (the plugin host for every other language). Resolves
 * once the gRPC server listens; the server keeps the process alive.
 */
export function startProvider(args: string[] = process.argv.slice(2)): Promise<void> {
  const provider = new SslMlClusterProvider({ dirname: packageRoot(), programDir: process.cwd() });
  return pulumi.provider.main(provider, args);
}
