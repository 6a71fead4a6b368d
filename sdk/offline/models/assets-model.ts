import * as crypto from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { unwrapSecrets } from "../secrets";

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
/** What a created workspace needs (live/program with createWorkspace). */
const WORKSPACE_PARTS: Record<string, (sub: string, p: Dict) => { id: string; name: string; extra: Dict }> = {
  "azure-native:machinelearningservices:Workspace": (sub, p) => ({
    id: workspaceId(sub, p.resourceGroupName, p.workspaceName),
    name: String(p.workspaceName),
    extra: {
      type: "Microsoft.MachineLearningServices/workspaces",
      workspaceId: guidOf(workspaceId(sub, p.resourceGroupName, p.workspaceName)),
      discoveryUrl: `https://${p.location}.api.azureml.ms/discovery`,
      provisioningState: "Succeeded",
    },
  }),
  "azure-native:storage:StorageAccount": (sub, p) => ({
    id: `/subscriptions/${sub}/resourceGroups/${p.resourceGroupName}/providers/Microsoft.Storage/storageAccounts/${p.accountName}`,
    name: String(p.accountName),
    extra: {
      type: "Microsoft.Storage/storageAccounts",
      primaryEndpoints: { blob: `https://${p.accountName}.blob.core.windows.net/` },
      provisioningState: "Succeeded",
    },
  }),
  "azure-native:keyvault:Vault": (sub, p) => ({
    id: `/subscriptions/${sub}/resourceGroups/${p.resourceGroupName}/providers/Microsoft.KeyVault/vaults/${p.vaultName}`,
    name: String(p.vaultName),
    extra: {
      type: "Microsoft.KeyVault/vaults",
      properties: {
        ...(p.properties as Dict),
        vaultUri: `https://${p.vaultName}.vault.azure.net/`,
        provisioningState: "Succeeded",
      },
    },
  }),
};
const GET_DATASTORE = "azure-native:machinelearningservices:getDatastore";
const LIST_KEYS = "azure-native:machinelearningservices:listOnlineEndpointKeys";

/** Whether this model answers a resource type or an invoke token. */
export function isAssetToken(token: string): boolean {
  return (
    token in WORKSPACE_ASSETS ||
    token in WORKSPACE_PARTS ||
    token === BLOB ||
    token === GET_DATASTORE ||
    token === LIST_KEYS
  );
}

function workspaceId(sub: string, rg: unknown, ws: unknown): string {
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${ws}`;
}

function guidOf(seed: string): string {
  const g = hex(seed, 32);
  return `${g.slice(0, 8)}-${g.slice(8, 12)}-${g.slice(12, 16)}-${g.slice(16, 20)}-${g.slice(20)}`;
}

/** A created asset version, a blob: the ID and state Azure answers with. */
export function assetResource(
  args: pulumi.runtime.MockResourceArgs,
  sub: string,
  createdAt: string,
): { id: string; state: Dict } {
  const inputs = args.inputs as Dict;
  const plain = unwrapSecrets(inputs) as Dict;
  if (args.type in WORKSPACE_PARTS) {
    const { id, name, extra } = WORKSPACE_PARTS[args.type](sub, plain);
    return { id, state: { ...inputs, name, ...extra, azureApiVersion: "2025-12-01" } };
  }
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
  const guid = guidOf(ws);
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
