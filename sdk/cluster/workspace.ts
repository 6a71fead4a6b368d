import * as pulumi from "@pulumi/pulumi";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import { ArgumentError } from "../errors";

/** What the ML resources need from the Azure ML workspace, as Azure reports it. */
export interface WorkspaceFacts {
  /** The workspace's ARM ID: the base of `azureml:<name>:<version>` asset IDs. */
  id: pulumi.Output<string>;
  /** The workspace's region: every ML compute, endpoint and deployment lives there. */
  location: pulumi.Output<string>;
}

/**
 * Reads the workspace once. Asset IDs are built from the ID Azure returns (not from a guessed
 * subscription), and ML resources take the workspace's region whatever `location` says, as
 * azure-ai-ml and azureml-core do.
 */
export function workspaceFacts(
  parent: pulumi.Resource,
  resourceGroupName: pulumi.Input<string>,
  workspaceName: pulumi.Input<string>,
): WorkspaceFacts {
  const ws = machinelearningservices.getWorkspaceOutput({ resourceGroupName, workspaceName }, { parent });
  const location = pulumi.all([ws.location, workspaceName]).apply(([loc, wsName]) => {
    if (!loc) {
      throw new ArgumentError(
        "workspaceName",
        `Azure returned no region for workspace ${wsName}; check that the workspace exists in resourceGroupName`,
      );
    }
    return loc.toLowerCase().replace(/\s+/g, "");
  });
  const id = pulumi.all([ws.id, workspaceName]).apply(([wsId, wsName]) => {
    if (!wsId) throw new ArgumentError("workspaceName", `Azure returned no ID for workspace ${wsName}`);
    return wsId;
  });
  return { id, location };
}
