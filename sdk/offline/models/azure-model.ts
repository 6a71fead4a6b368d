import type * as pulumi from "@pulumi/pulumi";
import { unwrapSecrets } from "../secrets";
import { checkInvokeArgs } from "./invoke-args";
import { assetInvoke, assetResource, isAssetToken } from "./assets-model";
import { Dict, hex, ModelAnswer, OfflineModelState } from "./model-state";
import { INVOKE_MODELS, RESOURCE_MODELS } from "./model-table";

export {
  DEFAULT_FRONT_END_IP,
  DEFAULT_SUBSCRIPTION,
  INTERNAL_FRONT_END_IP,
  type OfflineModelOptions,
} from "./model-state";

/**
 * An offline model of the providers this component uses, answering as the real APIs do (shapes
 * from the examples of https://github.com/Azure/azure-rest-api-specs, e.g.
 * specification/machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2025-12-01/examples/):
 * Azure resource IDs and provisioning states,
 * real keys and certificates for @pulumi/tls, Cloudflare records echoed with their metadata.
 * It dispatches by type and invoke token to one module per API family (model-table.ts); the state
 * they share is OfflineModelState (model-state.ts).
 */
export class OfflineModel extends OfflineModelState implements pulumi.runtime.Mocks {
  async newResource(args: pulumi.runtime.MockResourceArgs): Promise<ModelAnswer> {
    const inputs = args.inputs as Dict;
    const plain = unwrapSecrets(inputs) as Dict;
    const model = RESOURCE_MODELS.get(args.type);
    if (model) return model(this, args, inputs, plain);
    if (isAssetToken(args.type)) return assetResource(args, this.sub, this.created);
    if (args.type.startsWith("pulumi:providers:"))
      return { id: hex(`provider|${args.name}`, 36), state: inputs };
    return { id: `${args.name}-id`, state: inputs };
  }

  /**
   * Answers an invoke, after checking its arguments as the provider would. A refusal carries its
   * message in `details` too: Pulumi's runtime reports an invoke error by that gRPC field.
   */
  call(args: pulumi.runtime.MockCallArgs): Dict {
    try {
      const inputs = unwrapSecrets(args.inputs) as Dict;
      checkInvokeArgs(args.token, inputs);
      return this.answer(args.token, inputs);
    } catch (e) {
      if (e instanceof Error) Object.assign(e, { details: e.message });
      throw e;
    }
  }

  private answer(token: string, inputs: Dict): Dict {
    const model = INVOKE_MODELS.get(token);
    if (model) return model(this, inputs);
    if (isAssetToken(token)) return assetInvoke(token, inputs, this.sub);
    throw new Error(`offline model: no answer for ${token}`);
  }
}
