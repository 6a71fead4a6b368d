import * as crypto from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { unwrapSecrets } from "./secrets";

// The offline model's answers for what the live program (live/program) makes besides the
// component: Azure ML asset versions, the default datastore, a storage blob, endpoint keys.
// Shapes from the azure-rest-api-specs examples of Microsoft.MachineLearningServices 2025-12-01
// (examples/Workspace/EnvironmentVersion/createOrUpdate.json, …/CodeVersion/createOrUpdate.json,
// examples/Datastore/get.json) and of the Blob service's URL form
// (https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata).

type Dict = Record<string, unknown>;

const hex = (seed: string, n: number) => crypto.createHash("sha256").update(seed).digest("hex").slice(0, n);

const WORKSPACE_ASSETS: Record<string, { collection: string; type: string }> = {
  "azure-native:machinelearningservices:EnvironmentVersion": {
    collection: "environments",
    type: "Microsoft.MachineLearningServices/workspaces/environments/versions",
  },
  "azure-native:machinelearningservices:CodeVersion": {
    collection: "codes",
    type: "Microsoft.MachineLearningServices/workspaces/codes/versions",
  },
};
const BLOB = "azure-native:storage:Blob";
const GET_DATASTORE = "azure-native:machinelearningservices:getDatastore";
const LIST_KEYS = "azure-native:machinelearningservices:listOnlineEndpointKeys";

/** Whether this model answers a resource type or an invoke token. */
export function isAssetToken(token: string): boolean {
  return token in WORKSPACE_ASSETS || token === BLOB || token === GET_DATASTORE || token === LIST_KEYS;
}

const workspaceId = (sub: string, rg: unknown, ws: unknown) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${ws}`;

/** A created asset version, a blob: the ID and state Azure answers with. */
export function assetResource(
  args: pulumi.runtime.MockResourceArgs,
  sub: string,
  createdAt: string,
): { id: string; state: Dict } {
  const inputs = args.inputs as Dict;
  const plain = unwrapSecrets(inputs) as Dict;
  if (args.type === BLOB) {
    const name = String(plain.blobName ?? args.name);
    const url = `https://${plain.accountName}.blob.core.windows.net/${plain.containerName}/${name}`;
    return { id: url, state: { ...inputs, blobName: name, url, type: plain.type ?? "Block" } };
  }
  const asset = WORKSPACE_ASSETS[args.type];
  const name = String(plain.name);
  const version = String(plain.version ?? "1");
  const props = (plain.properties ?? {}) as Dict;
  const extra = asset.collection === "environments" ? { environmentType: "UserCreated" } : {};
  return {
    id: `${workspaceId(sub, plain.resourceGroupName, plain.workspaceName)}/${asset.collection}/${name}/versions/${version}`,
    state: {
      ...inputs,
      name: version,
      type: asset.type,
      properties: { ...props, ...extra, isArchived: false, provisioningState: "Succeeded" },
      systemData: { createdAt, createdByType: "User" },
      azureApiVersion: "2025-12-01",
    },
  };
}

/** getDatastore (the workspace's default blob store) and listOnlineEndpointKeys. */
export function assetInvoke(token: string, inputs: Dict, sub: string): Dict {
  if (token === LIST_KEYS) {
    const seed = `${inputs.resourceGroupName}/${inputs.workspaceName}/${inputs.endpointName}`;
    return { primaryKey: hex(`primary|${seed}`, 32), secondaryKey: hex(`secondary|${seed}`, 32) };
  }
  const ws = workspaceId(sub, inputs.resourceGroupName, inputs.workspaceName);
  // Azure names the default container azureml-blobstore-<workspace GUID>.
  const g = hex(ws, 32);
  const guid = `${g.slice(0, 8)}-${g.slice(8, 12)}-${g.slice(12, 16)}-${g.slice(16, 20)}-${g.slice(20)}`;
  return {
    id: `${ws}/datastores/${inputs.name}`,
    name: inputs.name,
    type: "Microsoft.MachineLearningServices/workspaces/datastores",
    properties: {
      datastoreType: "AzureBlob",
      accountName: `st${hex(`${ws}|account`, 14)}`,
      containerName: `azureml-blobstore-${guid}`,
      endpoint: "core.windows.net",
      protocol: "https",
      isDefault: true,
      credentials: { credentialsType: "AccountKey", secrets: { secretsType: "AccountKey" } },
      serviceDataAccessAuthIdentity: "None",
    },
    systemData: { createdAt: "2026-01-01T00:00:00.0000000+00:00", createdByType: "Application" },
    azureApiVersion: "2025-12-01",
  };
}
