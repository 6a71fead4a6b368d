// score.py in the workspace's default datastore, uploaded with Entra ID (live/program/upload.ts)
// by a dynamic resource: Pulumi runs its provider in its own process (the program's folder, the
// same environment, so the same ARM_* variables), creating, replacing and deleting the blob with
// the stack. azure-native's `storage.Blob` would sign with the account key instead
// (listStorageAccountKeys), which accounts with `allowSharedKeyAccess: false` refuse.
import * as pulumi from "@pulumi/pulumi";
import { liveCredential } from "./credential";
import { blobUrl, deleteBlob, uploadBlob, type BlobTarget } from "./upload";

/** What the provider receives and keeps in the state (nothing secret). */
export interface CodeBlobInputs extends BlobTarget {
  /** The file's bytes, base64 (a few hundred bytes: score.py). */
  contentBase64: string;
  contentType: string;
  /** The blob's URL (known before the upload: the code asset points at its folder). */
  url: string;
}

type Props = { [K in keyof CodeBlobInputs]: pulumi.Input<CodeBlobInputs[K]> };

/**
 * The provider Pulumi serializes with the resource. Modules are required inside its methods only
 * through the two imported above, which name packages in live/program/package.json.
 */
export const codeBlobProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: CodeBlobInputs) {
    const content = Buffer.from(inputs.contentBase64, "base64");
    await uploadBlob({ ...inputs, content }, liveCredential());
    return { id: blobUrl(inputs), outs: inputs };
  },
  async diff(_id: string, olds: CodeBlobInputs, news: CodeBlobInputs) {
    const replaces = (["accountUrl", "containerName", "blobName"] as const).filter(
      (k) => olds[k] !== news[k],
    );
    const changes =
      replaces.length > 0 ||
      olds.contentBase64 !== news.contentBase64 ||
      olds.contentType !== news.contentType ||
      olds.url !== news.url;
    return { changes, replaces, deleteBeforeReplace: false };
  },
  async update(_id: string, _olds: CodeBlobInputs, news: CodeBlobInputs) {
    await uploadBlob({ ...news, content: Buffer.from(news.contentBase64, "base64") }, liveCredential());
    return { outs: news };
  },
  async delete(_id: string, props: CodeBlobInputs) {
    await deleteBlob(props, liveCredential());
  },
};

export class CodeBlob extends pulumi.dynamic.Resource {
  declare readonly url: pulumi.Output<string>;

  constructor(name: string, props: Props, opts?: pulumi.CustomResourceOptions) {
    super(codeBlobProvider, name, props, opts, undefined, "CodeBlob");
  }
}
