// The Azure ML workspace the live check uses: the one the user names (default), or a new one with
// the storage account and key vault a workspace needs (config createWorkspace).
import * as crypto from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import * as storage from "@pulumi/azure-native/storage";

export interface LiveWorkspace {
  workspaceName: pulumi.Output<string>;
  /** The workspace's storage account (its resource group holds the datastore's account). */
  storageAccountId: pulumi.Output<string | undefined>;
  /** What reads of the workspace wait for (the created workspace), or nothing. */
  dependsOn: pulumi.Resource[];
}

/** The workspace the user named: read, never created or changed. */
export function existingWorkspace(resourceGroupName: string, workspaceName: string): LiveWorkspace {
  const ws = machinelearningservices.getWorkspaceOutput({ resourceGroupName, workspaceName });
  return {
    workspaceName: pulumi.output(workspaceName),
    storageAccountId: ws.apply((w) => w.storageAccount),
    dependsOn: [],
  };
}

/**
 * A new workspace (Azure refuses one without a storage account and a key vault). Storage account
 * names are 3–24 lower-case letters and digits, key vault names 3–24 letters, digits and '-':
 * both derive from the workspace name, so they are the same run to run.
 */
export function createdWorkspace(
  resourceGroupName: string,
  workspaceName: string,
  location: string,
): LiveWorkspace {
  const h = crypto.createHash("sha256").update(`${resourceGroupName}/${workspaceName}`).digest("hex");
  const client = authorization.getClientConfigOutput();
  const account = new storage.StorageAccount("live-ws-storage", {
    resourceGroupName,
    location,
    accountName: `smllive${h.slice(0, 12)}`,
    kind: storage.Kind.StorageV2,
    sku: { name: storage.SkuName.Standard_LRS },
    allowBlobPublicAccess: false,
    minimumTlsVersion: storage.MinimumTlsVersion.TLS1_2,
  });
  const vault = new keyvault.Vault("live-ws-vault", {
    resourceGroupName,
    location,
    vaultName: `sml-live-${h.slice(0, 12)}`,
    properties: {
      tenantId: client.tenantId,
      sku: { family: keyvault.SkuFamily.A, name: keyvault.SkuName.Standard },
      enableRbacAuthorization: true,
    },
  });
  const ws = new machinelearningservices.Workspace("live-ws", {
    resourceGroupName,
    location,
    workspaceName,
    identity: { type: machinelearningservices.ManagedServiceIdentityType.SystemAssigned },
    sku: { name: "Basic", tier: machinelearningservices.SkuTier.Basic },
    storageAccount: account.id,
    keyVault: vault.id,
    description: "made by the ssl-ml-cluster live check (config createWorkspace); destroyed with its stack",
  });
  return {
    workspaceName: ws.name,
    storageAccountId: account.id.apply((id): string | undefined => id),
    dependsOn: [ws],
  };
}
