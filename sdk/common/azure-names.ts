import * as pulumi from "@pulumi/pulumi";
import { ArgumentError } from "../errors";
import type { SslMlClusterArgs } from "../types";

// Azure's name rules for the arguments that end up in ARM request paths and templates. Each rule
// returns a problem (a sentence fragment) or undefined; the `checked…` functions throw an
// ArgumentError naming the argument. Pure.

/**
 * A resource group: 1–90 letters (Unicode letters allowed), digits, '_', '-', '.', '(' and ')', not
 * ending in '.' (ARM: `^[-\w._()]+$`, "Char.IsLetterOrDigit() and '-', '_', '(', ')' and '.'; the
 * name cannot end with '.'",
 * https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
 */
export function resourceGroupNameProblem(v: string): string | undefined {
  if (!/^[\p{L}\p{Nd}_().-]{1,90}$/u.test(v)) {
    return "is not a resource group name: use 1–90 letters, digits, '_', '-', '.', '(' or ')'";
  }
  if (v.endsWith(".")) return "is not a resource group name: it must not end with '.'";
  return undefined;
}

/** Azure ML workspaces and registries: 3–33 letters, digits, '_' or '-', a letter or digit first (ARM's pattern). */
const ML_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$/;

/** An Azure ML workspace. */
export function workspaceNameProblem(v: string): string | undefined {
  return ML_NAME.test(v)
    ? undefined
    : "is not an Azure ML workspace name: use 3–33 letters, digits, '_' or '-', a letter or digit first";
}

/** An Azure ML registry: the same rule as a workspace. */
export function registryNameProblem(v: string): string | undefined {
  return ML_NAME.test(v)
    ? undefined
    : "is not an Azure ML registry name: 3–33 letters, digits, '_' or '-', a letter or digit first";
}

/** A subscription ID: a GUID. */
export function subscriptionIdProblem(v: string): string | undefined {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)
    ? undefined
    : "is not a subscription ID (a GUID such as 00000000-0000-0000-0000-000000000000)";
}

/**
 * A region, as its name (`westeurope`, `eastus2`: `az account list-locations --query "[].name"`) or
 * its display name (`West Europe`, `East US 2`), which ARM also accepts for a resource's location;
 * the name is what Azure returns. Anything else (a path, a query, an ARM expression) is refused.
 */
export function locationProblem(v: string): string | undefined {
  return /^[A-Za-z][A-Za-z0-9]*(?: [A-Za-z0-9]+)*$/.test(v) && v.length <= 64
    ? undefined
    : "is not an Azure region: give its name, e.g. westeurope or eastus2";
}

/** An AKS Kubernetes version: `<major>.<minor>` (the latest patch) or `<major>.<minor>.<patch>`. */
export function kubernetesVersionProblem(v: string): string | undefined {
  return /^\d{1,3}\.\d{1,3}(?:\.\d{1,3})?$/.test(v)
    ? undefined
    : "is not a Kubernetes version: give <major>.<minor> or <major>.<minor>.<patch>, e.g. 1.31 or 1.31.5";
}

type Rule = (v: string) => string | undefined;

/**
 * The component's own name: it prefixes every child's logical name and the Azure names derived
 * from it, and a new AKS cluster takes `<name>-aks` plus the 8 random hex characters of
 * azure-native's autonaming (`test` becomes `test614742c2`: provider/pkg/provider/autonaming_test.go
 * in pulumi/pulumi-azure-native). A managed cluster's name is 1–63 letters, digits, '_' or '-',
 * a letter or digit first and last (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftcontainerservice),
 * so the name is 1–51 of those, a letter or digit first: nothing that reads as a path (`/`, `..`),
 * a query (`?`) or an ARM expression (`[x]`) ever reaches a request path or a template.
 */
export function componentNameProblem(v: string): string | undefined {
  return /^[A-Za-z0-9][A-Za-z0-9_-]{0,50}$/.test(v)
    ? undefined
    : "cannot be the component's name: Azure names are made from it (the AKS cluster `<name>-aks…`); use 1–51 letters, digits, '-' or '_', a letter or digit first";
}

/** The component's name when `componentNameProblem` accepts it; else an ArgumentError naming it. */
export function checkedComponentName(name: unknown): string {
  if (typeof name !== "string") {
    throw new ArgumentError("name", `must be a string, got ${JSON.stringify(name) ?? typeof name}`);
  }
  return checkedName("name", componentNameProblem, name);
}

/** The argument's value when the rule accepts it; else an ArgumentError naming the argument. */
export function checkedName(argument: string, rule: Rule, value: string): string {
  const problem = rule(value);
  if (problem) throw new ArgumentError(argument, `${JSON.stringify(value)} ${problem}`);
  return value;
}

/** The named `pulumi.Input` arguments and their rules: checked plain by `validateAzureNames`, and when known. */
function namedInputs(args: SslMlClusterArgs): [string, Rule, unknown][] {
  return [
    ["resourceGroupName", resourceGroupNameProblem, args.resourceGroupName],
    ["workspaceName", workspaceNameProblem, args.workspaceName],
    ["location", locationProblem, args.location],
  ];
}

/** Checks resourceGroupName, workspaceName and location when plain, and cluster.kubernetesVersion (always plain). */
export function validateAzureNames(args: SslMlClusterArgs): void {
  for (const [argument, rule, value] of namedInputs(args)) {
    if (typeof value === "string") checkedName(argument, rule, value);
    else if (typeof value === "number" || typeof value === "boolean") {
      throw new ArgumentError(argument, `must be a string, got ${JSON.stringify(value)}`);
    }
  }
  const version: unknown = args.cluster?.kubernetesVersion;
  if (version !== undefined) {
    if (typeof version !== "string") {
      throw new ArgumentError(
        "cluster.kubernetesVersion",
        `must be a string such as "1.31", got ${typeof version}`,
      );
    }
    checkedName("cluster.kubernetesVersion", kubernetesVersionProblem, version);
  }
}

/**
 * The args with resourceGroupName, workspaceName and location given as an Output (or a promise)
 * checked once known, as the hostname is: a shallow copy, so `args` is never changed; plain values
 * are passed on as they are (`validateAzureNames` checked them), and with none to check the args
 * themselves are returned.
 */
export function withCheckedAzureNames(args: SslMlClusterArgs): SslMlClusterArgs {
  const pending = namedInputs(args).filter(([, , v]) => v !== undefined && typeof v !== "string");
  if (pending.length === 0) return args;
  const out: SslMlClusterArgs = { ...args };
  for (const [argument, rule, value] of pending) {
    const checked = pulumi.output(value as pulumi.Input<string>).apply((s) => checkedName(argument, rule, s));
    if (argument === "resourceGroupName") out.resourceGroupName = checked;
    else if (argument === "workspaceName") out.workspaceName = checked;
    else out.location = checked;
  }
  return out;
}
