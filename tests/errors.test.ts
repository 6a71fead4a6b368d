// Errors as `pulumi up` prints them: its program runner prints a RunError as its message alone and
// a ResourceError against its resource, without a stack trace (cmd/run/run.js in @pulumi/pulumi),
// and the runtime prefixes `error serializing property` to errors thrown inside an input.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentError, ComponentError } from "../sdk/errors";
import { CertificateError, inspectCertificate } from "../sdk/certificates/rules/inspect";
import { SslMlCluster } from "../sdk/component";
import { freshRuntime } from "./mocks";
import { quickstartArgs } from "./helpers/component";
import { programFailure } from "./helpers/program-failure";

describe("errors as pulumi up prints them", () => {
  it("an argument error before registration is a RunError with one clean line", () => {
    freshRuntime();
    let err: unknown;
    try {
      new SslMlCluster("ml", quickstartArgs({ hostname: "bad host" }));
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof ArgumentError);
    assert.equal(pulumi.RunError.isInstance(err), true);
    assert.equal(
      (err as Error).message,
      "hostname: \"bad host\" contains \" \"; only letters, digits, '-' and '.' are allowed (use punycode for IDNs)",
    );
  });

  it("a certificate error is a RunError too", () => {
    const report = inspectCertificate({ cert: "not a certificate" });
    const err = new CertificateError(report);
    assert.equal(pulumi.RunError.isInstance(err), true);
    assert.match(err.message, /^certificate check failed:\n {2}PEM_INVALID: /);
  });

  it("an Output argument that fails in the pipeline keeps its one line (no 'error serializing property')", async () => {
    const err = await programFailure(
      quickstartArgs({ cluster: { existingClusterId: pulumi.output("/subscriptions/x") } }),
    );
    assert.equal(pulumi.RunError.isInstance(err), true, String(err));
    assert.equal(
      (err as Error).message,
      'cluster.existingClusterId: "/subscriptions/x" is not an AKS resource ID (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ContainerService/managedClusters/<name>)',
    );
  });

  it("a bad Output asset reference fails with the field name", async () => {
    const err = await programFailure(
      quickstartArgs({
        services: [{ name: "iris", model: pulumi.output("iris-v1"), environment: "azureml:env:1" }],
      }),
    );
    assert.equal(pulumi.RunError.isInstance(err), true, String(err));
    assert.match(
      (err as Error).message,
      /^services\[0\]\.model: "iris-v1" is not an asset reference; give azureml:my-model:1/,
    );
  });

  for (const answer of ["", "garbage"] as const) {
    it(`an ${answer ? "unparsable" : "empty"} kubeconfig is refused against the component, naming frontEndIp`, async () => {
      const err = await programFailure(quickstartArgs(), { kubeconfigAnswer: answer });
      assert.ok(err instanceof ComponentError, String(err));
      assert.equal(pulumi.ResourceError.isInstance(err), true);
      assert.equal((err as ComponentError).hideStack, true);
      assert.match(
        (err as Error).message,
        new RegExp(
          `^Azure returned ${answer ? "a kubeconfig that names no cluster server" : "no kubeconfig"} for the cluster's user credentials.*pass frontEndIp`,
        ),
      );
      assert.ok((err as ComponentError).resource instanceof SslMlCluster, "reported against the component");
    });
  }
});
