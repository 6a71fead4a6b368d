// Pure tests of sdk/services/online.ts's traffic template (issue 28 item 8), apart from
// services-mutants.test.ts because importing online.ts loads azure-native (slow for Stryker, which
// reloads the specs for each mutant). Expected values: ARM's template syntax and the endpoint PUT.
import assert from "node:assert/strict";
import { trafficTemplate } from "../sdk/services/online";

describe("services mutants: trafficTemplate (pure)", () => {
  // The template's outer shape: https://learn.microsoft.com/azure/azure-resource-manager/templates/syntax
  // ($schema of a resource-group deployment, contentVersion). The resource: the endpoint PUT of
  // Microsoft.MachineLearningServices/workspaces/onlineEndpoints, named <workspace>/<endpoint>.
  const base = {
    workspaceName: "ws-1",
    endpointName: "ep-1",
    location: "westeurope",
    properties: { authMode: "Key", traffic: { other: 100 }, description: "[d]" },
  };
  it("PUTs the endpoint with traffic {default: 100}, its identity, and no tags when none are given", () => {
    assert.deepEqual(trafficTemplate(base), {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      resources: [
        {
          type: "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
          apiVersion: "2025-12-01",
          name: "ws-1/ep-1",
          location: "westeurope",
          identity: { type: "SystemAssigned" },
          properties: { authMode: "Key", traffic: { default: 100 }, description: "[[d]" },
        },
      ],
    });
  });
  it("repeats the endpoint's tags as ARM literals", () => {
    const t = trafficTemplate({ ...base, tags: { "[k]": "[subscription().id]", env: "dev" } });
    const [resource] = t.resources as Record<string, unknown>[];
    assert.deepEqual(resource.tags, { "[[k]": "[[subscription().id]", env: "dev" });
    assert.deepEqual(base.properties.traffic, { other: 100 }, "the input is not mutated");
  });
});
