// The code asset's upload with Entra ID: a PUT Blob signed with a bearer token for Azure Storage
// (https://storage.azure.com/.default), not with the account key. Works on accounts that disallow
// shared keys (`allowSharedKeyAccess: false`, which many organisations enforce); the identity needs
// the data role "Storage Blob Data Contributor" on the account or the container
// (https://learn.microsoft.com/azure/storage/blobs/authorize-access-azure-active-directory).
import type { TokenCredential } from "@azure/identity";
import { BlobServiceClient } from "@azure/storage-blob";

export interface BlobTarget {
  /** `https://<account>.blob.<endpoint suffix>` (the datastore's account, protocol and endpoint). */
  accountUrl: string;
  containerName: string;
  blobName: string;
}

/** The blob's URL: the account's, the container, then the name (its `/` kept as folders). */
export function blobUrl(t: BlobTarget): string {
  return `${t.accountUrl.replace(/\/+$/, "")}/${t.containerName}/${t.blobName}`;
}

function blockBlob(t: BlobTarget, credential: TokenCredential) {
  return new BlobServiceClient(t.accountUrl, credential)
    .getContainerClient(t.containerName)
    .getBlockBlobClient(t.blobName);
}

/**
 * Uploads `content` as a block blob (one PUT Blob; it overwrites, as the same name always holds
 * the same content here). Returns the blob's URL. A 403 names the role to grant.
 */
export async function uploadBlob(
  t: BlobTarget & { content: Buffer; contentType: string },
  credential: TokenCredential,
): Promise<string> {
  try {
    await blockBlob(t, credential).uploadData(t.content, {
      blobHTTPHeaders: { blobContentType: t.contentType },
    });
  } catch (e) {
    throw new Error(`uploading ${blobUrl(t)} with Entra ID failed: ${explain(e)}`);
  }
  return blobUrl(t);
}

/** Deletes the blob; a blob already gone is not an error. */
export async function deleteBlob(t: BlobTarget, credential: TokenCredential): Promise<void> {
  try {
    await blockBlob(t, credential).deleteIfExists();
  } catch (e) {
    throw new Error(`deleting ${blobUrl(t)} with Entra ID failed: ${explain(e)}`);
  }
}

function explain(e: unknown): string {
  const status = (e as { statusCode?: number }).statusCode;
  const message = (e as Error).message?.split("\n")[0] ?? String(e);
  if (status === 403)
    return `403 ${message}; the signed-in identity needs the role Storage Blob Data Contributor on the storage account (az role assignment create --role "Storage Blob Data Contributor" --assignee <id> --scope <storage account ID>)`;
  return status ? `${status} ${message}` : message;
}
