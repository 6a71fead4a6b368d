// The offline model checks the arguments of every invoke the component makes, as the providers do
// (issue 22: getDnsRecords({}) and getZoneOutput({}) used to pass). Required arguments come from the
// providers' own signatures: azure-native's d.ts files, and Cloudflare's Terraform schemas
// (cloudflare_dns_records: zone_id Required; cloudflare_zone: ExactlyOneOf(filter, zone_id)).
import * as assert from "node:assert/strict";
import * as cloudflare from "@pulumi/cloudflare";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import * as authorization from "@pulumi/azure-native/authorization";
import { freshRuntime, resolveOutput } from "./mocks";

const ZONE = "0123456789abcdef0123456789abcdef";

describe("offline model: invoke arguments", () => {
  beforeEach(() => {
    freshRuntime();
  });

  it("getDnsRecords needs zoneId", async () => {
    await assert.rejects(
      cloudflare.getDnsRecords({}),
      /cloudflare:index\/getDnsRecords:getDnsRecords: missing required argument "zoneId"/,
    );
    const ok = await cloudflare.getDnsRecords({ zoneId: ZONE, name: { exact: "ml.example.com" } });
    assert.equal(ok.zoneId, ZONE);
    assert.deepEqual(ok.results, []);
  });

  it("getZone needs exactly one of zoneId and filter", async () => {
    await assert.rejects(
      resolveOutput(cloudflare.getZoneOutput({})),
      /cloudflare:index\/getZone:getZone: exactly one of "zoneId" and "filter" must be given/,
    );
    await assert.rejects(
      cloudflare.getZone({ zoneId: ZONE, filter: { name: "example.com" } }),
      /exactly one of "zoneId" and "filter"/,
    );
    assert.equal((await cloudflare.getZone({ zoneId: ZONE })).zoneId, ZONE);
  });

  it("getWorkspace needs resourceGroupName and workspaceName", async () => {
    await assert.rejects(
      machinelearningservices.getWorkspace({ resourceGroupName: "rg-ml" } as never),
      /getWorkspace: missing required argument "workspaceName"/,
    );
    await assert.rejects(
      resolveOutput(
        machinelearningservices.getWorkspaceOutput({ resourceGroupName: "", workspaceName: "ws-ml" }),
      ),
      /getWorkspace: missing required argument "resourceGroupName"/,
    );
    const ws = await machinelearningservices.getWorkspace({
      resourceGroupName: "rg-ml",
      workspaceName: "ws-ml",
    });
    assert.equal(ws.name, "ws-ml");
  });

  it("getManagedCluster and listManagedClusterUserCredentials need resourceGroupName and resourceName", async () => {
    await assert.rejects(
      containerservice.getManagedCluster({ resourceGroupName: "rg" } as never),
      /getManagedCluster: missing required argument "resourceName"/,
    );
    await assert.rejects(
      containerservice.listManagedClusterUserCredentials({ resourceName: "aks" } as never),
      /listManagedClusterUserCredentials: missing required argument "resourceGroupName"/,
    );
    await assert.rejects(
      containerservice.getManagedCluster({ resourceGroupName: "rg", resourceName: 7 } as never),
      /argument "resourceName" must be a string, got 7/,
    );
    const mc = await containerservice.getManagedCluster({ resourceGroupName: "rg", resourceName: "aks" });
    assert.equal(mc.name, "aks");
  });

  it("getClientConfig takes no arguments", async () => {
    assert.match((await authorization.getClientConfig()).subscriptionId, /^[0-9a-f-]{36}$/);
  });

  it("getOnlineEndpoint and getOnlineDeployment need their path; a missing resource answers 404", async () => {
    await assert.rejects(
      machinelearningservices.getOnlineEndpoint({
        resourceGroupName: "rg-ml",
        workspaceName: "ws-ml",
      } as never),
      /getOnlineEndpoint: missing required argument "endpointName"/,
    );
    await assert.rejects(
      machinelearningservices.getOnlineDeployment({
        resourceGroupName: "rg-ml",
        workspaceName: "ws-ml",
        endpointName: "iris",
      } as never),
      /getOnlineDeployment: missing required argument "deploymentName"/,
    );
    await assert.rejects(
      machinelearningservices.getOnlineEndpoint({
        resourceGroupName: "rg-ml",
        workspaceName: "ws-ml",
        endpointName: "iris",
      }),
      /Status=404 Code="ResourceNotFound"/,
    );
  });
});
