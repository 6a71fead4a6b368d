// Rules of `services`: names per cluster kind, the assets of a Kubernetes online deployment, and
// the fields a legacy AKS web service ignores. Pure: no Pulumi, no I/O.
import { ArgumentError } from "../errors";
import { AuthMode, type ClusterKind } from "../enums";
import type { ServiceArgs } from "../types";
import { checkEnumValue } from "../common/enum-value";
import { checkKeys, intIn, isPlainString } from "../common/check-keys";
import { parseAssetReference } from "./assets";

/** The fields of a service. */
const SERVICE_KEYS = [
  "name",
  "model",
  "environment",
  "scoringScript",
  "codeId",
  "instanceType",
  "instanceCount",
  "authMode",
];
const SERVICE_NAME = /^[a-zA-Z][a-zA-Z0-9-]{1,30}[a-zA-Z0-9]$/;
const LEGACY_SERVICE_NAME = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;

/**
 * The assets of a Kubernetes online deployment, as Azure's schema wants them: an environment always
 * (the Kubernetes deployment schema marks it required; MLflow no-code deployment is for managed
 * endpoints only), a model unless the environment is a custom container that holds it, and a
 * scoring script only with the code asset that holds it. Plain references are parsed here; an
 * Output is parsed when known, with the same message.
 */
function validateDeploymentAssets(path: string, s: ServiceArgs, managed: boolean): void {
  if (managed && (s.environment === undefined || s.environment === "") && s.model === undefined) {
    // A managed deployment without an environment is an MLflow no-code deployment: it needs the model.
    throw new ArgumentError(
      `${path}.environment`,
      "is required unless model is an MLflow model (a managed deployment without an environment deploys the MLflow model as it is): give environment, or model",
    );
  }
  if (!managed && (s.environment === undefined || s.environment === "")) {
    throw new ArgumentError(
      `${path}.environment`,
      "is required on the kubernetes kind: the Kubernetes online deployment schema requires an environment " +
        "(e.g. azureml:my-env:1, or a curated one such as azureml://registries/azureml/environments/sklearn-1.5/versions/1)",
    );
  }
  if (s.scoringScript !== undefined && s.codeId === undefined) {
    throw new ArgumentError(
      `${path}.codeId`,
      `is required with scoringScript ${JSON.stringify(s.scoringScript)}: give the code asset that holds it, e.g. azureml:my-code:1`,
    );
  }
  if (s.codeId !== undefined && s.scoringScript === undefined) {
    throw new ArgumentError(
      `${path}.scoringScript`,
      "is required with codeId: name the scoring script inside the code asset, e.g. score.py",
    );
  }
  if (
    s.scoringScript !== undefined &&
    (typeof s.scoringScript !== "string" || s.scoringScript.trim() === "")
  ) {
    throw new ArgumentError(
      `${path}.scoringScript`,
      "must be the path of the script inside the code asset, e.g. score.py",
    );
  }
  if (isPlainString(s.model)) parseAssetReference(`${path}.model`, s.model, "models");
  if (isPlainString(s.environment)) parseAssetReference(`${path}.environment`, s.environment, "environments");
  if (isPlainString(s.codeId)) parseAssetReference(`${path}.codeId`, s.codeId, "codes");
}

/**
 * Checks the service list and returns it sorted by name (deterministic registration order).
 * `managed`: managed online endpoints (sdk/managed/), which also take `requestTimeoutSeconds` and
 * may leave out the environment of an MLflow model.
 */
export function validateServices(services: unknown, kind: ClusterKind, managed = false): ServiceArgs[] {
  const keys = managed ? [...SERVICE_KEYS, "requestTimeoutSeconds"] : SERVICE_KEYS;
  if (services === undefined) return [];
  if (!Array.isArray(services)) throw new ArgumentError("services", "must be an array of { name, model, … }");
  const seen = new Map<string, number>();
  services.forEach((s: ServiceArgs, i: number) => {
    const path = `services[${i}]`;
    checkKeys(path, s, keys);
    if (!s || !isPlainString(s.name))
      throw new ArgumentError(`${path}.name`, "is required and must be a string");
    const rule = kind === "aks" ? LEGACY_SERVICE_NAME : SERVICE_NAME;
    if (!rule.test(s.name)) {
      throw new ArgumentError(
        `${path}.name`,
        `${JSON.stringify(s.name)} is not a valid ${kind === "aks" ? "service" : "endpoint"} name: use 3–32 characters, ` +
          `a letter first, then ${kind === "aks" ? "lower-case letters" : "letters"}, digits and '-', not ending in '-'`,
      );
    }
    const key = s.name.toLowerCase();
    if (seen.has(key)) {
      throw new ArgumentError(
        `${path}.name`,
        `${JSON.stringify(s.name)} is already used by services[${seen.get(key)}] (names are case-insensitive in Azure); give each service its own name`,
      );
    }
    seen.set(key, i);
    if (kind === "kubernetes") validateDeploymentAssets(path, s, managed);
    intIn(`${path}.instanceCount`, s.instanceCount, 1, 100, 1);
    checkEnumValue(`${path}.authMode`, s.authMode, Object.values(AuthMode), '"Key" or "AMLToken"');
    if (s.instanceType !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/.test(s.instanceType)) {
      throw new ArgumentError(
        `${path}.instanceType`,
        `${JSON.stringify(s.instanceType)} is not an instance type name`,
      );
    }
  });
  return [...services].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Legacy web services (`aks` kind) are deployed by the v1 tooling; only their names matter here. */
export function legacyServiceWarnings(services: ServiceArgs[], warnings: string[]): void {
  services.forEach((svc) => {
    const ignored = SERVICE_KEYS.filter((k) => k !== "name" && svc[k as keyof ServiceArgs] !== undefined);
    if (ignored.length > 0) {
      warnings.push(
        `services "${svc.name}": ${ignored.join(", ")} ${ignored.length === 1 ? "is" : "are"} ignored on cluster.kind "aks" (services there are deployed by other tooling; only the name is used)`,
      );
    }
  });
}
