// `services`: the real-time services (re-exported by sdk/types.ts).
import * as pulumi from "@pulumi/pulumi";
import type { AuthMode } from "../enums";

/** A real-time service. */
export interface ServiceArgs {
  /** Endpoint / service name: 3–32 characters, a letter first, letters, digits and `-`. Required. */
  name: string;
  /**
   * Model asset: `azureml:<name>:<version>` (expanded to the workspace's
   * `…/workspaces/<ws>/models/<name>/versions/<version>` ARM ID), a full ARM ID, or a registry ID
   * `azureml://registries/<registry>/models/<name>/versions/<version>`. Default: none (a
   * custom-container environment that holds its model).
   */
  model?: pulumi.Input<string>;
  /**
   * Environment asset, in the same three forms as `model` (`environments`). Required on the
   * `kubernetes` kind (the Kubernetes online deployment schema requires one).
   */
  environment?: pulumi.Input<string>;
  /** Scoring script, relative to the code asset (e.g. `score.py`). Needs `codeId`. Default: none. */
  scoringScript?: string;
  /** Code asset holding the scoring script, in the same three forms as `model` (`codes`). Needs `scoringScript`. Default: none. */
  codeId?: pulumi.Input<string>;
  /** Kubernetes instance type. Default: the compute's default instance type. */
  instanceType?: string;
  /** Replicas. Default: 1. */
  instanceCount?: number;
  /** `Key` or `AMLToken`. Default: `Key`. */
  authMode?: AuthMode;
}
