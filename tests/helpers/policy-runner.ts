// Runs the policy pack's policies over resources the way Pulumi's policy engine calls them
// (@pulumi/policy's server.js: validateResource per resource with getConfig / notApplicable,
// validateStack once), without starting the gRPC server a PolicyPack starts.
import type {
  Policies,
  PolicyConfigSchema,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import { unwrapSecrets } from "../../sdk/offline/secrets";
import type { Recorder } from "../../sdk/offline/recorder";

export interface PolicyResource {
  type: string;
  name: string;
  props: Record<string, unknown>;
  urn?: string;
}

export interface Violation {
  policy: string;
  level: string;
  name?: string;
  message: string;
}

class NotApplicable extends Error {}

function configFor(schema: PolicyConfigSchema | undefined, given: object | undefined): object {
  const defaults = Object.fromEntries(
    Object.entries(schema?.properties ?? {})
      .filter(([, p]) => (p as { default?: unknown }).default !== undefined)
      .map(([k, p]) => [k, (p as { default?: unknown }).default]),
  );
  return { ...defaults, ...(given ?? {}) };
}

const urnOf = (r: PolicyResource) => r.urn ?? `urn:pulumi:test::p::${r.type}::${r.name}`;

/** Every violation the policies report for these resources; `config` is the pack's config by policy name. */
export async function runPolicies(
  policies: Policies,
  resources: PolicyResource[],
  config: Record<string, Record<string, unknown>> = {},
): Promise<Violation[]> {
  const out: Violation[] = [];
  for (const policy of policies) {
    const cfg = config[policy.name] ?? {};
    const level = (cfg.enforcementLevel as string | undefined) ?? policy.enforcementLevel ?? "advisory";
    if (level === "disabled") continue;
    const merged = configFor(policy.configSchema, cfg);
    if ("validateResource" in policy && policy.validateResource) {
      const validations = Array.isArray(policy.validateResource)
        ? policy.validateResource
        : [policy.validateResource];
      for (const r of resources) {
        const args = {
          type: r.type,
          name: r.name,
          urn: urnOf(r),
          props: r.props,
          getConfig: () => merged,
          notApplicable: (reason?: string) => {
            throw new NotApplicable(reason);
          },
        } as unknown as ResourceValidationArgs;
        for (const v of validations) {
          try {
            await v(args, (message) => out.push({ policy: policy.name, level, name: r.name, message }));
          } catch (e) {
            if (!(e instanceof NotApplicable)) throw e;
          }
        }
      }
    }
    if ("validateStack" in policy && policy.validateStack) {
      const args = {
        resources: resources.map((r) => ({ ...r, urn: urnOf(r) })),
        getConfig: () => merged,
      } as unknown as StackValidationArgs;
      await policy.validateStack(args, (message, urn) =>
        out.push({
          policy: policy.name,
          level,
          name: resources.find((r) => urnOf(r) === urn)?.name,
          message,
        }),
      );
    }
  }
  return out;
}

/** The custom resources an offline plan registered, with their inputs as the engine hands them to policies. */
export function planResources(rec: Recorder): PolicyResource[] {
  return rec.registrations
    .filter((r) => r.custom && r.op === "register" && !r.type.startsWith("pulumi:providers:"))
    .map((r) => ({
      type: r.type,
      name: r.name,
      urn: r.urn,
      props: unwrapSecrets(r.inputs) as Record<string, unknown>,
    }));
}
