// Azure's name rules for resourceGroupName, workspaceName, location and cluster.kubernetesVersion
// (issue 22, item 3): plain values refused before anything is registered, Output values once known.
// Accepted and refused names are literals from Azure's naming rules
// (https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { ArgumentError } from "../sdk/errors";
import { validateArgs } from "../sdk/validation/args";
import {
  kubernetesVersionProblem,
  locationProblem,
  resourceGroupNameProblem,
  withCheckedAzureNames,
  workspaceNameProblem,
} from "../sdk/common/azure-names";
import type { SslMlClusterArgs } from "../sdk/types";
import { build, quickstartArgs, T } from "./helpers/component";
import { programFailure } from "./helpers/program-failure";

const base = (extra: Partial<SslMlClusterArgs> = {}): SslMlClusterArgs => ({
  hostname: "ml.example.com",
  resourceGroupName: "rg-ml",
  workspaceName: "ws-ml",
  certificate: { selfSigned: {} },
  ...extra,
});

function refused(args: SslMlClusterArgs, argument: string, message: RegExp): void {
  assert.throws(
    () => validateArgs(args),
    (e: unknown) => {
      assert.ok(e instanceof ArgumentError, `an ArgumentError, got ${String(e)}`);
      assert.equal(e.argument, argument);
      assert.match(e.message, message);
      return true;
    },
  );
}

describe("Azure name rules", () => {
  it("resource groups: 1–90 letters (Unicode too), digits, _ - . ( ), not ending in '.'", () => {
    for (const ok of ["r", "rg-ml", "RG_prod.(eu)", "Grüße", "東京-rg", "a..b", ".x", "9".repeat(90)]) {
      assert.equal(resourceGroupNameProblem(ok), undefined, ok);
    }
    for (const bad of ["", "rg.", "..", "rg/x", "rg?x", "rg#x", "rg%2Fx", "rg x", "[rg]", "9".repeat(91)]) {
      assert.ok(resourceGroupNameProblem(bad), bad);
    }
  });
  it("workspaces: 3–33, a letter or digit first, then letters, digits, '_' or '-'", () => {
    for (const ok of ["ws1", "ws-ml", "1_a", "A".repeat(33)])
      assert.equal(workspaceNameProblem(ok), undefined, ok);
    for (const bad of ["ws", "-ws", "_ws", "ws.ml", "ws ml", "ws/x", "A".repeat(34), "xws?"]) {
      assert.ok(workspaceNameProblem(bad), bad);
    }
  });
  it("regions: a name (westeurope, eastus2) or a display name (West Europe, East US 2)", () => {
    for (const ok of ["westeurope", "eastus2", "WestEurope", "West Europe", "East US 2", "usgovvirginia"]) {
      assert.equal(locationProblem(ok), undefined, ok);
    }
    for (const bad of [
      "",
      " westeurope",
      "westeurope ",
      "West  Europe",
      "west-europe",
      "2east",
      "eu/west",
      "[x]",
      "a".repeat(65),
    ]) {
      assert.ok(locationProblem(bad), bad);
    }
  });
  it("Kubernetes versions: <major>.<minor> or <major>.<minor>.<patch>", () => {
    for (const ok of ["1.31", "1.31.5", "1.9.10"]) assert.equal(kubernetesVersionProblem(ok), undefined, ok);
    for (const bad of ["1", "v1.31", "1.31.5.1", "1.31-rc1", "1.31.", " 1.31", "1.31 ", "latest"]) {
      assert.ok(kubernetesVersionProblem(bad), bad);
    }
  });
});

describe("validateArgs: the name rules, naming the argument and the fix", () => {
  it("refuses rg/../../x?y=1 as resourceGroupName", () => {
    refused(
      base({ resourceGroupName: "rg/../../x?y=1" }),
      "resourceGroupName",
      /^resourceGroupName: "rg\/\.\.\/\.\.\/x\?y=1" is not a resource group name: use 1–90 letters, digits, '_', '-', '\.', '\(' or '\)'$/,
    );
    refused(base({ resourceGroupName: "rg." }), "resourceGroupName", /must not end with '\.'/);
  });
  it("refuses a workspace name outside 3–33 letters, digits, '_' or '-'", () => {
    refused(
      base({ workspaceName: "ws/../x" }),
      "workspaceName",
      /^workspaceName: "ws\/\.\.\/x" is not an Azure ML workspace name: use 3–33 letters, digits, '_' or '-', a letter or digit first$/,
    );
    refused(base({ workspaceName: "ws" }), "workspaceName", /3–33/);
  });
  it("refuses a location that is no region name, and one that is not a string", () => {
    refused(
      base({ location: "westeurope?x=1" }),
      "location",
      /^location: "westeurope\?x=1" is not an Azure region: give its name, e\.g\. westeurope or eastus2$/,
    );
    refused(base({ location: 5 as unknown as string }), "location", /must be a string, got 5/);
  });
  it("refuses a Kubernetes version that AKS would not take", () => {
    refused(
      base({ cluster: { kubernetesVersion: "v1.31" } }),
      "cluster.kubernetesVersion",
      /^cluster\.kubernetesVersion: "v1\.31" is not a Kubernetes version: give <major>\.<minor> or <major>\.<minor>\.<patch>, e\.g\. 1\.31 or 1\.31\.5$/,
    );
    refused(
      base({ cluster: { kubernetesVersion: 1.31 as unknown as string } }),
      "cluster.kubernetesVersion",
      /must be a string/,
    );
  });
  it("accepts valid names, a display-name region and both version forms", () => {
    for (const extra of [
      { location: "West Europe" },
      { location: "eastus2", cluster: { kubernetesVersion: "1.31" } },
      { resourceGroupName: "Grüße_(rg).1", cluster: { kubernetesVersion: "1.31.5" } },
    ]) {
      assert.doesNotThrow(() => validateArgs(base(extra)), JSON.stringify(extra));
    }
  });
});

describe("Output names are checked once known", function () {
  this.timeout(60_000);
  it("plain args are returned as they are (nothing to check later)", () => {
    const args = quickstartArgs();
    assert.equal(withCheckedAzureNames(args), args);
  });
  it("an Output is wrapped in a copy; args are not changed", () => {
    const rg = pulumi.output("rg-ml");
    const args = quickstartArgs({ resourceGroupName: rg, location: pulumi.output("westeurope") });
    const checked = withCheckedAzureNames(args);
    assert.notEqual(checked, args);
    assert.equal(args.resourceGroupName, rg);
    assert.notEqual(checked.resourceGroupName, rg);
    assert.equal(checked.workspaceName, "ws-ml");
  });
  for (const [argument, value, message] of [
    [
      "resourceGroupName",
      "rg/../../x?y=1",
      /resourceGroupName: "rg\/\.\.\/\.\.\/x\?y=1" is not a resource group name/,
    ],
    ["workspaceName", "ws#x", /workspaceName: "ws#x" is not an Azure ML workspace name/],
    ["location", "west europe/x", /location: "west europe\/x" is not an Azure region/],
  ] as const) {
    it(`${argument}: a bad Output value fails the program`, async () => {
      const failure = await programFailure(quickstartArgs({ [argument]: pulumi.output(value) }));
      assert.ok(failure instanceof ArgumentError, String(failure));
      assert.equal(failure.argument, argument);
      assert.match(failure.message, message);
    });
  }
  it("good Output values reach Azure unchanged", async () => {
    const { rec } = await build(
      quickstartArgs({
        resourceGroupName: pulumi.output("rg-ml"),
        workspaceName: pulumi.output("ws-ml"),
        location: pulumi.output("westeurope"),
      }),
    );
    const ep = rec.one(T.endpoint).inputs;
    assert.equal(ep.resourceGroupName, "rg-ml");
    assert.equal(ep.workspaceName, "ws-ml");
    assert.equal(rec.one(T.aks).inputs.location, "westeurope");
  });
});
