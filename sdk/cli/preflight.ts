// `ssl-ml-cluster preflight`: plans the program offline (as `plan` does), derives what its `pulumi up`
// needs from Azure and Cloudflare (sdk/preflight/needs.ts), and asks them, read-only, whether these
// credentials can do it. Azure's SDKs are loaded only here, when the command runs.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import { UsageError } from "../errors";
import { azureCredential, AzureCredentialError, subscriptionId } from "../common/azure-credential";
import type { KeyVaultSecretRequest } from "../certificates/sources/keyvault-reader";
import { acmeAzureZones } from "../preflight/acme-zones";
import { KeyVaultNeed, PlanExtras, PlannedResourceLike, stackNeeds } from "../preflight/needs";
import { formatPreflight, PreflightOptions, PreflightResult, runPreflight } from "../preflight/run";
import { fail, SIGN_IN_FIX } from "../preflight/check";
import { missingConfig, parseConfig, programConfig } from "./plan-command";

export interface PreflightCommandOptions {
  stack?: string;
  config?: string[];
  json?: boolean;
  subscription?: string;
  verbose?: boolean;
}

/** What tests replace: the environment, the credential and where the SDK clients send requests. */
export type PreflightDeps = Partial<Omit<PreflightOptions, "credential">> & {
  credential?: PreflightOptions["credential"];
  /** `az account show` for the CLI route's subscription; tests answer without a CLI. */
  azAccountId?: () => string | undefined;
};

function azAccountId(): string | undefined {
  try {
    return (
      execFileSync("az", ["account", "show", "--query", "id", "-o", "tsv"], {
        stdio: ["ignore", "pipe", "ignore"],
        timeout: 30_000,
      })
        .toString()
        .trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/** A plan JSON (`plan --json` or `plan --snapshot`) given in place of the program folder. */
function readPlanFile(file: string): PlannedResourceLike[] | undefined {
  if (!file.endsWith(".json") || !fs.existsSync(file) || !fs.statSync(file).isFile()) return undefined;
  let plan: { kind?: string; resources?: PlannedResourceLike[] };
  try {
    plan = JSON.parse(fs.readFileSync(file, "utf8")) as typeof plan;
  } catch (e) {
    throw new UsageError(
      `${file} is not JSON (${(e as Error).message}); give a program folder or the output of plan --json`,
    );
  }
  if (plan.kind !== "ssl-ml-cluster offline plan" || !Array.isArray(plan.resources))
    throw new UsageError(
      `${file} is not a plan printed by 'ssl-ml-cluster plan --json' (or saved by --snapshot)`,
    );
  return plan.resources;
}

async function plannedResources(input: string, o: PreflightCommandOptions, config: Record<string, string>) {
  const fromFile = readPlanFile(input);
  // A saved plan holds no invokes and masks the ACME challenge's zone: those needs are not derived.
  if (fromFile) return { resources: fromFile, keyVaults: [] as KeyVaultNeed[], extras: {} as PlanExtras };
  const keyVaults: KeyVaultNeed[] = [];
  const { runPlan } = await import("../offline/plan");
  const { plan, recorder } = await runPlan(input, {
    stack: o.stack,
    config,
    sourceMaps: o.verbose,
    stackTraces: o.verbose,
    onKeyVaultRead: (r: KeyVaultSecretRequest) =>
      keyVaults.push({ vaultUri: r.vaultUri, certificateName: r.certificateName, version: r.version }),
  }).catch((e: unknown) => {
    throw missingConfig(e) ?? e;
  });
  const extras: PlanExtras = {
    invocations: recorder.invocations.map((i) => ({ token: i.token, inputs: i.inputs })),
    acmeAzureZones: acmeAzureZones(recorder.registrations),
  };
  return { resources: plan.resources, keyVaults, extras };
}

export async function runPreflightCommand(
  input: string,
  o: PreflightCommandOptions,
  write: (s: string) => void,
  deps: PreflightDeps = {},
): Promise<number> {
  const env = deps.env ?? process.env;
  // A plan file carries its inputs; a program folder reads its stack file as plan does.
  const config = readPlanFile(input)
    ? parseConfig(o.config)
    : programConfig(input, o.stack, o.config, "preflight");
  const subscription =
    o.subscription ??
    config["azure-native:subscriptionId"] ??
    subscriptionId(env) ??
    (deps.azAccountId ?? azAccountId)();
  if (!subscription)
    throw new UsageError(
      "no subscription: give --subscription <id>, or export ARM_SUBSCRIPTION_ID, or sign in with az login",
    );
  const { resources, keyVaults, extras } = await plannedResources(input, o, config);
  const needs = stackNeeds(resources, subscription, keyVaults, extras);
  let result: PreflightResult;
  let signed: ReturnType<typeof azureCredential> | undefined;
  try {
    signed = deps.credential ? undefined : azureCredential(env);
  } catch (e) {
    if (!(e instanceof AzureCredentialError)) throw e;
    result = { ok: false, checks: [fail("sign-in", e.message, SIGN_IN_FIX)] };
  }
  if (deps.credential || signed) {
    result = await runPreflight(needs, {
      ...deps,
      env,
      credential: deps.credential ?? signed!.credential,
      signIn: deps.signIn ?? signed?.description,
      cloudflareToken: deps.cloudflareToken ?? config["cloudflare:apiToken"] ?? env.CLOUDFLARE_API_TOKEN,
    });
  }
  write(o.json ? JSON.stringify(result!, null, 2) + "\n" : formatPreflight(result!));
  return result!.ok ? 0 : 1;
}
