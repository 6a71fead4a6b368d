import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import { SslMlCluster, SSL_ML_CLUSTER_TYPE } from "../component";
import type { SslMlClusterArgs, SslMlManagedEndpointsArgs } from "../types";
import { validateArgs } from "../validation/args";
import { SslMlManagedEndpoints, SSL_ML_MANAGED_ENDPOINTS_TYPE } from "../managed/component";
import { validateManagedArgs } from "../managed/args-rules";
import { PackageSchema, resolveInputs } from "./resolve-inputs";
import { withSecretInputs } from "./secret-inputs";

/** The fields holding file paths: relative ones are resolved against the program's directory. */
const FILE_FIELDS = ["certFile", "keyFile", "chainFile", "pfxFile"] as const;

export interface SslMlClusterProviderOptions {
  /** The package root (holds package.json, tsconfig.json and schema.json). */
  dirname: string;
  /**
   * The directory relative file paths resolve against. Default: the provider's working directory,
   * which the Pulumi engine sets to the program's directory when it starts a plugin
   * (docs/languages.md, "Relative paths").
   */
  programDir?: string;
}

/**
 * The source-based component provider for other Pulumi languages. It differs from
 * `@pulumi/pulumi/provider/experimental`'s ComponentProvider in two ways: `getSchema` serves the
 * committed schema.json (made by that ComponentProvider's analyzer with `npm run schema`, and checked
 * by a test), so a plugin start does not compile the package; and `construct` turns the host's
 * inputs (plain, or Output-wrapped when secret or dependent) into the TypeScript API's arguments
 * before it builds the component, so both kinds build the same resources, and makes every input
 * the schema marks `secret` a secret, whether the caller's SDK marked it or not.
 */
export class SslMlClusterProvider extends ComponentProvider {
  private readonly schemaText: string;
  private readonly packageSchema: PackageSchema;
  private readonly programDir: string;

  constructor(opts: SslMlClusterProviderOptions) {
    super({
      components: [SslMlCluster, SslMlManagedEndpoints],
      name: "ssl-ml-cluster",
      dirname: opts.dirname,
    });
    this.schemaText = fs.readFileSync(path.join(opts.dirname, "schema.json"), "utf8");
    this.packageSchema = JSON.parse(this.schemaText) as PackageSchema;
    this.programDir = opts.programDir ?? process.cwd();
  }

  async getSchema(): Promise<string> {
    return this.schemaText;
  }

  /**
   * The arguments `construct` builds the component with: the host's inputs in the TypeScript API's
   * shape, relative files resolved, and every input the schema marks `secret` a secret Output.
   */
  async componentArgs(
    type: string,
    inputs: pulumi.Inputs,
  ): Promise<{ args: SslMlClusterArgs; dependencies: pulumi.Resource[]; unknown: string[] }> {
    if (type !== SSL_ML_CLUSTER_TYPE && type !== SSL_ML_MANAGED_ENDPOINTS_TYPE)
      throw new Error(`unknown resource type ${type}`);
    const resolved = await resolveInputs(this.packageSchema, type, inputs);
    const managed = type === SSL_ML_MANAGED_ENDPOINTS_TYPE;
    const asSent = managed ? resolved.args : resolveFilePaths(resolved.args, this.programDir);
    // Checked as sent first: a plain malformed token or a misplaced field gets the direct use's
    // error before anything registers (the component skips such checks on a secret Output).
    if (managed) validateManagedArgs(asSent as unknown as SslMlManagedEndpointsArgs);
    else validateArgs(asSent as unknown as SslMlClusterArgs);
    const args = withSecretInputs(this.packageSchema, type, asSent) as unknown as SslMlClusterArgs;
    return { args, dependencies: resolved.dependencies, unknown: resolved.unknown };
  }

  async construct(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<pulumi.provider.ConstructResult> {
    const { args, ...resolved } = await this.componentArgs(type, inputs);
    // The host passes dependsOn as a plain array of resources.
    const given = options.dependsOn as
      pulumi.Input<pulumi.Resource> | pulumi.Input<pulumi.Resource>[] | undefined;
    const dependsOn =
      resolved.dependencies.length === 0
        ? options.dependsOn
        : [...(given === undefined ? [] : Array.isArray(given) ? given : [given]), ...resolved.dependencies];
    const component =
      type === SSL_ML_MANAGED_ENDPOINTS_TYPE
        ? new SslMlManagedEndpoints(name, args as unknown as SslMlManagedEndpointsArgs, {
            ...options,
            dependsOn,
          })
        : new SslMlCluster(name, args, { ...options, dependsOn });
    if (resolved.unknown.includes("services")) {
      pulumi.log.warn(
        "services are not known yet in this preview (they come from a resource that is not created yet): " +
          "the preview shows no endpoints and unknown scoring URIs; `pulumi up` registers them",
        component,
      );
    }
    const state: Record<string, unknown> = {};
    for (const key of Object.keys(this.packageSchema.resources[type].properties)) {
      state[key] = (component as unknown as Record<string, unknown>)[key];
    }
    if (resolved.unknown.includes("services")) {
      state.scoringUris = pulumi.output(pulumi.unknown);
      state.scoringUri = pulumi.output(pulumi.unknown);
    }
    return { urn: component.urn, state };
  }
}

/** Makes `certificate.imported`'s relative file paths absolute against `programDir`. Never mutates. */
export function resolveFilePaths(args: Record<string, unknown>, programDir: string): Record<string, unknown> {
  const certificate = args.certificate as { imported?: Record<string, unknown> } | undefined;
  const imported = certificate?.imported;
  if (!imported || typeof imported !== "object") return args;
  const fixed: Record<string, unknown> = { ...imported };
  for (const f of FILE_FIELDS) {
    const v = fixed[f];
    if (typeof v === "string" && v !== "" && !path.isAbsolute(v)) fixed[f] = path.resolve(programDir, v);
  }
  return { ...args, certificate: { ...certificate, imported: fixed } };
}
