// SslMlManagedEndpoints through the provider's construct (every other Pulumi language): the same
// children and outputs as the direct TypeScript use, the Cloudflare token a secret whatever the
// caller sent, and the direct use's errors.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { at, freshRuntime, settle } from "./mocks";
import { children, hostInputs, Wire } from "./helpers/construct";
import { buildManaged, M, managedArgs, ZONE_ID } from "./helpers/managed";
import { SslMlClusterProvider } from "../sdk/provider/provider";
import type { SslMlManagedEndpointsArgs } from "../sdk/types";

const ROOT = path.resolve(__dirname, "..");
const OUTPUTS = [
  "hostname",
  "scoringUris",
  "scoringUri",
  "frontDoorEndpoint",
  "certificate",
  "dnsRecords",
  "originHosts",
];

async function viaConstruct(wire: Record<string, Wire>) {
  const rec = freshRuntime();
  const provider = new SslMlClusterProvider({ dirname: ROOT });
  const result = await provider.construct("ml", M.component, await hostInputs(wire), {});
  const state = result.state as Record<string, pulumi.Input<unknown>>;
  const out = await settle(rec, Object.fromEntries(OUTPUTS.map((k) => [k, state[k]])));
  return { rec, out };
}

const plainWire = (args: SslMlManagedEndpointsArgs): Record<string, Wire> =>
  Object.fromEntries(Object.entries(args).map(([k, v]) => [k, { value: v }]));

describe("SslMlManagedEndpoints through the provider's construct", function () {
  this.timeout(60_000);

  it("plain inputs: the same children and outputs as the direct use", async () => {
    const d = await buildManaged(managedArgs());
    const c = await viaConstruct(plainWire(managedArgs()));
    assert.deepEqual(children(c.rec), children(d.rec));
    assert.deepEqual(c.out, d.out);
    assert.deepEqual(c.out.scoringUris, { iris: "https://ml.example.com/iris/score" });
  });

  it("the Cloudflare token, sent plain, is a secret on the provider it makes", async () => {
    const args = managedArgs({ dns: { cloudflare: { zoneId: ZONE_ID, apiToken: "t".repeat(40) } } });
    const c = await viaConstruct(plainWire(args));
    const provider = c.rec.one("pulumi:providers:cloudflare");
    assert.deepEqual(at(provider.inputs, "apiToken"), { value: "t".repeat(40), secret: true });
  });

  it("a refused certificate source fails with the direct use's message", async () => {
    const provider = new SslMlClusterProvider({ dirname: ROOT });
    freshRuntime();
    await assert.rejects(
      provider.construct(
        "ml",
        M.component,
        await hostInputs(plainWire(managedArgs({ certificate: { selfSigned: {} } }))),
        {},
      ),
      /certificate\.selfSigned.*publicly trusted CA/,
    );
  });
});
