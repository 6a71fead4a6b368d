// construct as the provider host calls it (other Pulumi languages): inputs go through the host's own
// deserializeInputs (@pulumi/pulumi/provider/server), so a secret or dependent top-level input
// arrives as an Output, exactly as in a deployment.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { at, freshRuntime, Recorder, resolveOutput, settle } from "../mocks";
import { T } from "./component";
import { SslMlCluster } from "../../sdk/component";
import { SslMlClusterProvider } from "../../sdk/provider/provider";
import type { SslMlClusterArgs } from "../../sdk/types";

const ROOT = path.resolve(__dirname, "..", "..");
// The host's own deserialization of construct inputs (internal to @pulumi/pulumi, so typed here).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deserializeInputs } = require("@pulumi/pulumi/provider/server") as {
  deserializeInputs(
    inputs: { toJavaScript(): unknown },
    dependencies: Map<string, { getUrnsList(): string[] }>,
  ): Promise<pulumi.Inputs>;
};
// The wire signatures of @pulumi/pulumi/runtime/rpc (a secret, an unknown value).
export const SIG = "4dabf18193072939515e22adb298388d";
export const SECRET = "1b47061264138c4ac30d75fd1eb44270";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const OUTPUT_VALUE = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

export const OUTPUTS = [
  "hostname",
  "frontEndIp",
  "scoringUris",
  "scoringUri",
  "certificate",
  "computeId",
  "dnsRecord",
  "keyVaultCertificate",
];

/** A top-level input as the engine sends it. */
export interface Wire {
  value: unknown;
  secret?: boolean;
  dependsOn?: string[];
}

/** The inputs `construct` receives for these wire values: the host's own deserialization. */
export async function hostInputs(wire: Record<string, Wire>): Promise<pulumi.Inputs> {
  const struct: Record<string, unknown> = {};
  const deps = new Map<string, { getUrnsList(): string[] }>();
  for (const [k, w] of Object.entries(wire)) {
    struct[k] = w.secret ? { [SIG]: SECRET, value: w.value } : w.value;
    if (w.dependsOn) deps.set(k, { getUrnsList: () => w.dependsOn! });
  }
  return deserializeInputs({ toJavaScript: () => struct }, deps);
}

export function plainWire(args: SslMlClusterArgs): Record<string, Wire> {
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, { value: v }]));
}

export function children(rec: Recorder): string[] {
  return rec.registrations.map((r) => `${r.op} ${r.type} ${r.name}`).sort();
}

export async function direct(args: SslMlClusterArgs) {
  const rec = freshRuntime();
  const c = new SslMlCluster("ml", args);
  const out = await settle(rec, Object.fromEntries(OUTPUTS.map((k) => [k, (c as never)[k]])));
  return { rec, out };
}

/** A resource registered before the component, standing for "another resource" in the program. */
class Model extends pulumi.CustomResource {
  constructor(name: string) {
    super("test:index:Model", name, {});
  }
}

export async function viaConstruct(
  wire: (modelUrn: string) => Record<string, Wire>,
  options: { preview?: boolean; programDir?: string } = {},
) {
  const rec = freshRuntime({ preview: options.preview });
  const modelUrn = await resolveOutput(new Model("model-source").urn);
  const provider = new SslMlClusterProvider({ dirname: ROOT, programDir: options.programDir });
  const inputs = await hostInputs(wire(modelUrn));
  const result = await provider.construct("ml", T.component, inputs, {});
  const state = result.state as Record<string, pulumi.Input<unknown>>;
  const out = await settle(rec, Object.fromEntries(OUTPUTS.map((k) => [k, state[k]])));
  return { rec, out, modelUrn, state, inputs };
}

/** The registrations without the stand-in "other resource". */
export function withoutSource(rec: Recorder): string[] {
  return children(rec).filter((c) => !c.includes("test:index:Model"));
}

/**
 * The certificate chain and key the front end receives (the extension's protected settings, whose
 * keys hold a dot: `scoringFe.sslKey`), decoded, and whether the settings are secret on the wire.
 */
export function frontEnd(rec: Recorder): { chain: string; key: string; secret: boolean } {
  const ps = at(rec.one(T.ext).inputs, "configurationProtectedSettings");
  const v = ps.value as Record<string, string>;
  const decode = (k: string) => {
    if (typeof v?.[k] !== "string") throw new Error(`the extension has no ${k}`);
    return Buffer.from(v[k], "base64").toString("utf8");
  };
  return { chain: decode("scoringFe.sslCert"), key: decode("scoringFe.sslKey"), secret: ps.secret };
}
