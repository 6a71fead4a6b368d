// The assets the live deployment needs, made by the program itself: an environment from a public
// Microsoft inference image and a code asset holding score.py, uploaded to the workspace's default
// datastore with Entra ID (code-blob.ts). No model: score.py needs none (the deployment's `model`
// is optional).
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import { CodeBlob } from "./code-blob";
import { blobUrl } from "./upload";

/**
 * Azure ML's minimal CPU inference image (Python 3.9, azureml-inference-server-http, runs as a
 * non-root user), from the table "Inference minimal base images" of
 * https://learn.microsoft.com/azure/machine-learning/concept-prebuilt-docker-images-inference
 */
export const INFERENCE_IMAGE = "mcr.microsoft.com/azureml/minimal-ubuntu22.04-py39-cpu-inference:latest";

/** The datastore every workspace is created with (the default one azure-ai-ml uploads code to). */
export const DEFAULT_DATASTORE = "workspaceblobstore";

export const SCORE_PY = path.join(__dirname, "score.py");

export interface AssetArgs {
  resourceGroupName: pulumi.Input<string>;
  workspaceName: pulumi.Input<string>;
  environmentVersion: string;
  codeVersion: string;
  /** A created workspace: read its datastore only once it exists. */
  dependsOn?: pulumi.Resource[];
}

export interface LiveAssets {
  environmentId: pulumi.Output<string>;
  codeId: pulumi.Output<string>;
  blob: CodeBlob;
}

/**
 * Asset versions are kept on destroy (`retainOnDelete`): Azure ML archives rather than deletes
 * them (`az ml environment archive`), and their names carry the stack's, so runs never collide.
 */
export function liveAssets(name: string, a: AssetArgs): LiveAssets {
  const datastore = machinelearningservices.getDatastoreOutput(
    { name: DEFAULT_DATASTORE, resourceGroupName: a.resourceGroupName, workspaceName: a.workspaceName },
    { dependsOn: a.dependsOn },
  );
  const blobStore = datastore.properties.apply((p) => {
    if (p.datastoreType !== "AzureBlob" || !p.accountName || !p.containerName)
      throw new Error(
        `the workspace's ${DEFAULT_DATASTORE} is not an Azure Blob datastore with an account and a container (it is ${p.datastoreType}); the live check uploads score.py there`,
      );
    // The account's blob endpoint from the datastore: protocol, account, endpoint suffix (the URL form of
    // https://learn.microsoft.com/rest/api/storageservices/naming-and-referencing-containers--blobs--and-metadata).
    return {
      accountUrl: `${p.protocol ?? "https"}://${p.accountName}.blob.${p.endpoint ?? "core.windows.net"}`,
      containerName: p.containerName,
    };
  });
  const script = fs.readFileSync(SCORE_PY);
  // A content-addressed folder, as azure-ai-ml uploads code (LocalUpload/<hash>/…): a changed
  // script is a new folder, never an overwrite under a registered code version.
  const folder = `ssl-ml-live/${name}/${crypto.createHash("sha256").update(script).digest("hex").slice(0, 16)}`;
  const blobName = `${folder}/score.py`;
  const blob = new CodeBlob(`${name}-score`, {
    accountUrl: blobStore.accountUrl,
    containerName: blobStore.containerName,
    blobName,
    contentType: "text/x-python",
    contentBase64: script.toString("base64"),
    url: blobStore.apply((b) => blobUrl({ ...b, blobName })),
  });
  const code = new machinelearningservices.CodeVersion(
    `${name}-code`,
    {
      resourceGroupName: a.resourceGroupName,
      workspaceName: a.workspaceName,
      name: `${name}-code`,
      version: a.codeVersion,
      properties: {
        // The folder that holds score.py; the deployment names the script relative to it.
        codeUri: blob.url.apply((u) => u.slice(0, u.lastIndexOf("/"))),
        description: "ssl-ml-cluster live check: score.py",
        isAnonymous: false,
      },
    },
    { retainOnDelete: true },
  );
  const env = new machinelearningservices.EnvironmentVersion(
    `${name}-env`,
    {
      resourceGroupName: a.resourceGroupName,
      workspaceName: a.workspaceName,
      name: `${name}-env`,
      version: a.environmentVersion,
      properties: {
        image: INFERENCE_IMAGE,
        osType: "Linux",
        description: "ssl-ml-cluster live check: Azure ML's minimal CPU inference image",
      },
    },
    { retainOnDelete: true },
  );
  return { environmentId: env.id, codeId: code.id, blob };
}
