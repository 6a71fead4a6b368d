import { ArgumentError } from "../errors";
import {
  registryNameProblem,
  resourceGroupNameProblem,
  subscriptionIdProblem,
  workspaceNameProblem,
} from "../common/azure-names";

/** The asset collections a deployment refers to, as they appear in an ARM ID. */
export type AssetCollection = "models" | "environments" | "codes";

/** How an asset reference was written. */
export type AssetReference =
  /** `azureml:<name>:<version>`: expanded against the workspace's ARM ID. */
  | { form: "short"; name: string; version: string }
  /** A full ARM ID (passed on unchanged). */
  | { form: "arm"; id: string }
  /** `azureml://registries/<r>/<collection>/<name>/versions/<v>` (passed on unchanged). */
  | { form: "registry"; id: string }
  /**
   * A curated environment, `azureml:AzureML-<name>:<version>`: not stored in the workspace, so
   * azure-ai-ml sends it as written and Azure expands it (OperationOrchestrator.get_asset_arm_id,
   * CURATED_ENV_PREFIX). Passed on unchanged.
   */
  | { form: "curated"; id: string };

// Asset names and versions as Azure ML allows them: letters, digits, '.', '-', '_'; a letter or digit
// first; never '..' (checked in assetSegmentProblem).
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
// The forms are matched by shape first; each segment is then checked against Azure's rule for it,
// so a reference carrying '?', '#', '%2F' or '..' is refused with the segment named.
const SHORT = /^azureml:([^:/\s]+):([^:/\s]+)$/;
// azure-ai-ml's AMLVersionedArmId accepts the ID with or without the leading '/', and with the
// `azureml:` prefix (remove_aml_prefix):
// https://github.com/Azure/azure-sdk-for-python/blob/main/sdk/ml/azure-ai-ml/azure/ai/ml/_utils/_arm_id_utils.py
const ARM =
  /^(?:azureml:)?\/?subscriptions\/([^/\s]+)\/resourceGroups\/([^/\s]+)\/providers\/Microsoft\.MachineLearningServices\/workspaces\/([^/\s]+)\/(models|environments|codes)\/([^/\s]+)\/versions\/([^/\s]+)$/i;
const REGISTRY =
  /^azureml:\/\/registries\/([^/\s]+)\/(models|environments|codes)\/([^/\s]+)\/versions\/([^/\s]+)$/i;

/** What is wrong with an asset name or version segment, if anything. */
function assetSegmentProblem(v: string, rule: RegExp, what: string): string | undefined {
  if (!rule.test(v) || v.includes("..")) {
    return `is not an asset ${what}: letters, digits, '.', '-' and '_', a letter or digit first, no '..'`;
  }
  return undefined;
}
const nameProblem = (v: string) => assetSegmentProblem(v, NAME, "name");
const versionProblem = (v: string) => assetSegmentProblem(v, VERSION, "version");

/** Throws an ArgumentError naming `field` and the first segment that breaks Azure's rule for it. */
function checkSegments(
  field: string,
  value: string,
  segments: [string, string, (v: string) => string | undefined][],
): void {
  for (const [what, v, rule] of segments) {
    const problem = rule(v);
    if (problem) {
      throw new ArgumentError(field, `${JSON.stringify(value)}: the ${what} ${JSON.stringify(v)} ${problem}`);
    }
  }
}

/** azure-ai-ml's prefix of curated environments (constants/_common.py). */
const CURATED_ENV_PREFIX = "AzureML-";

const SINGULAR: Record<AssetCollection, string> = {
  models: "model",
  environments: "environment",
  codes: "code",
};

function examples(collection: AssetCollection): string {
  const one = SINGULAR[collection];
  return (
    `azureml:my-${one}:1, ` +
    `/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.MachineLearningServices/workspaces/<ws>/${collection}/my-${one}/versions/1, ` +
    `or azureml://registries/azureml/${collection}/my-${one}/versions/1`
  );
}

/**
 * Reads one asset reference the way `az ml` / azure-ai-ml does before it calls ARM; anything else is
 * an {@link ArgumentError} naming `field`, with an example of each accepted form. Pure.
 */
export function parseAssetReference(
  field: string,
  value: unknown,
  collection: AssetCollection,
): AssetReference {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ArgumentError(field, `must be an asset reference such as ${examples(collection)}`);
  }
  const v = value.trim();
  const short = SHORT.exec(v);
  if (short) {
    const [, name, version] = short;
    checkSegments(field, v, [
      ["name", name, nameProblem],
      ["version", version, versionProblem],
    ]);
    if (collection === "environments" && name.startsWith(CURATED_ENV_PREFIX))
      return { form: "curated", id: v };
    return { form: "short", name, version };
  }
  const arm = ARM.exec(v);
  if (arm) {
    const [, sub, rg, ws, kind, name, version] = arm;
    if (kind.toLowerCase() !== collection) {
      throw new ArgumentError(
        field,
        `${JSON.stringify(value)} is the ID of a ${SINGULAR[kind.toLowerCase() as AssetCollection]} asset, not a ${SINGULAR[collection]}; give a ${SINGULAR[collection]} such as ${examples(collection)}`,
      );
    }
    checkSegments(field, v, [
      ["subscription", sub, subscriptionIdProblem],
      ["resource group", rg, resourceGroupNameProblem],
      ["workspace", ws, workspaceNameProblem],
      ["name", name, nameProblem],
      ["version", version, versionProblem],
    ]);
    // Without the azureml: prefix and with one leading '/', as azure-ai-ml sends it.
    return { form: "arm", id: `/${v.slice(v.toLowerCase().indexOf("subscriptions/"))}` };
  }
  const reg = REGISTRY.exec(v);
  if (reg) {
    const [, registry, kind, name, version] = reg;
    if (kind.toLowerCase() !== collection) {
      throw new ArgumentError(
        field,
        `${JSON.stringify(value)} is a registry ${SINGULAR[kind.toLowerCase() as AssetCollection]}, not a ${SINGULAR[collection]}; give a ${SINGULAR[collection]} such as ${examples(collection)}`,
      );
    }
    checkSegments(field, v, [
      ["registry", registry, registryNameProblem],
      ["name", name, nameProblem],
      ["version", version, versionProblem],
    ]);
    return { form: "registry", id: v };
  }
  let hint = "";
  if (/^azureml:[^:/]+@/.test(v)) {
    hint =
      " (a label such as @latest is resolved by az ml with an extra call at deploy time and would make every preview differ; pin the version instead)";
  } else if (/^azureml:[^:/]+$/.test(v) || /^[A-Za-z0-9][A-Za-z0-9._-]*:[A-Za-z0-9._-]+$/.test(v)) {
    hint = " (write azureml:<name>:<version>, with the azureml: prefix and a version)";
  }
  throw new ArgumentError(
    field,
    `${JSON.stringify(value)} is not an asset reference${hint}; give ${examples(collection)}`,
  );
}

/** The ARM ID that Azure receives: the workspace's ID + `/<collection>/<name>/versions/<v>` for the short form. */
export function assetArmId(ref: AssetReference, collection: AssetCollection, workspaceId: string): string {
  if (ref.form !== "short") return ref.id;
  return `${workspaceId.replace(/\/+$/, "")}/${collection}/${ref.name}/versions/${ref.version}`;
}
