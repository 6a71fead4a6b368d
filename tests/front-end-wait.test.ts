// The front end's address awaited during `up` (docs/limits.md, "Waits, not races"): the offline model
// answers with no address for the first N reads, and the offline runtime's virtual clock runs the
// waits (a 15-minute wait takes no real time). Expected times below are worked out by hand from the
// documented schedule: sleep 5 s, then 1.5 times the last sleep, capped at 30 s, the last read at the
// deadline.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { setupOfflineRuntime, resolveOutput } from "../sdk/offline/runtime";
import type { OfflineRuntimeOptions } from "../sdk/offline/runtime";
import { SslMlCluster } from "../sdk/component";
import type { SslMlClusterArgs } from "../sdk/types";
import { settle } from "./mocks";
import { quickstartArgs, T } from "./helpers/component";
import { checkedFrontEndWaitMinutes } from "../sdk/cluster/wait-rules";
import { kubeTarget, setFrontEndServiceReader } from "../sdk/cluster/kube-service-reader";
import {
  formatDuration,
  realClock,
  setWaitClock,
  virtualClock,
  waitFor,
  WaitExpired,
} from "../sdk/common/wait";

// The offline model's default front end (documentation range, RFC 5737).
const FE = "203.0.113.10";
const GET_COMPUTE = "azure-native:machinelearningservices:getCompute";
const K8S_WAIT = "waiting for Service azureml/azureml-fe to get a load-balancer address";
const AKS_WAIT =
  "waiting for compute aks-ssl to list its front end's address (systemServices ScoringFrontEnd publicIpAddress)";

function aksArgs(extra: Partial<SslMlClusterArgs> = {}): SslMlClusterArgs {
  return {
    hostname: "scoring.example.com",
    resourceGroupName: "rg-ml",
    workspaceName: "ws-ml",
    location: "eastus",
    cluster: { kind: "aks", nodeCount: 3, vmSize: "Standard_D3_v2", computeName: "aks-ssl" },
    certificate: { selfSigned: {} },
    dns: { cloudflare: { zoneId: "0123456789abcdef0123456789abcdef" } },
    ...extra,
  };
}

async function run(args: SslMlClusterArgs, options: OfflineRuntimeOptions) {
  const { recorder: rec, model } = setupOfflineRuntime(options);
  const c = new SslMlCluster("ml", args);
  let error: Error | undefined;
  let frontEndIp: unknown;
  try {
    ({ frontEndIp } = await settle(rec, {
      frontEndIp: c.frontEndIp,
      hostname: c.hostname,
      dnsRecord: c.dnsRecord,
    }));
  } catch (e) {
    error = e as Error;
  }
  const waits = rec.infos.filter((m) => m.startsWith("waiting for"));
  const getComputes = rec.invocations.filter((i) => i.token === GET_COMPUTE);
  return { rec, model, c, frontEndIp, error, waits, getComputes };
}

describe("frontEndWaitMinutes (pure rule)", () => {
  it("defaults to 15 and keeps a number of minutes in (0, 120]", () => {
    assert.equal(checkedFrontEndWaitMinutes(undefined), 15);
    assert.equal(checkedFrontEndWaitMinutes(0.5), 0.5);
    assert.equal(checkedFrontEndWaitMinutes(120), 120);
  });

  for (const bad of [0, -1, 120.5, Number.NaN, Number.POSITIVE_INFINITY, "15", null]) {
    it(`refuses ${String(bad)} naming the argument, the range and the default`, () => {
      assert.throws(
        () => checkedFrontEndWaitMinutes(bad),
        (e: Error) =>
          e.name === "ArgumentError" &&
          e.message ===
            `frontEndWaitMinutes: must be a number of minutes greater than 0 and at most 120 (default 15), got ${typeof bad === "number" ? String(bad) : JSON.stringify(bad)}; or pass frontEndIp to skip the wait`,
      );
    });
  }

  it("is checked with the other arguments, before anything is registered", () => {
    const { recorder } = setupOfflineRuntime({});
    assert.throws(
      () => new SslMlCluster("ml", quickstartArgs({ frontEndWaitMinutes: 0 })),
      /^ArgumentError: frontEndWaitMinutes: must be a number of minutes greater than 0/,
    );
    assert.equal(recorder.registrations.length, 0);
  });
});

describe("waitFor (virtual clock)", () => {
  let prev: ReturnType<typeof setWaitClock>;
  // A clock far from zero: elapsed times are measured from the first read, not from the clock's zero.
  beforeEach(() => (prev = setWaitClock(virtualClock(1_000_000))));
  afterEach(() => setWaitClock(prev));

  it("reads until a value comes, sleeping 5 s, then 1.5 times longer each time", async () => {
    let reads = 0;
    const seen: number[] = [];
    const v = await waitFor({
      read: async () => (++reads === 4 ? { value: "ok" } : { note: `read ${reads}` }),
      deadlineMs: 60_000,
      onWaiting: (elapsed) => seen.push(elapsed),
    });
    assert.equal(v, "ok");
    assert.equal(reads, 4);
    assert.deepEqual(seen, [0, 5_000, 12_500]); // 0, +5 s, +7.5 s
  });

  it("caps the interval and reads a last time at the deadline, then throws WaitExpired", async () => {
    const seen: number[] = [];
    const err = await waitFor({
      read: async () => ({ note: "nothing" }),
      deadlineMs: 120_000,
      onWaiting: (elapsed) => seen.push(elapsed),
    }).catch((e: unknown) => e);
    assert.ok(err instanceof WaitExpired);
    assert.equal(err.name, "WaitExpired");
    assert.equal(err.message, "no value after 2m (8 reads)");
    // Sleeps 5, 7.5, 11.25, 16.875, 25.3125, then 30 (the cap, not 37.97), then what is left (24.0625).
    assert.deepEqual(seen, [0, 5_000, 12_500, 23_750, 40_625, 65_937.5, 95_937.5]);
    assert.equal(err.elapsedMs, 120_000);
    assert.equal(err.reads, 8);
    assert.equal(err.lastNote, "nothing");
  });

  it("needs no progress callback", async () => {
    let reads = 0;
    assert.equal(
      await waitFor({ read: async () => (++reads === 2 ? { value: 7 } : {}), deadlineMs: 60_000 }),
      7,
    );
  });

  it("uses the clock set with setWaitClock, and gives the one it replaced back", async () => {
    const slept: number[] = [];
    const mine = {
      now: () => slept.reduce((a, b) => a + b, 42),
      sleep: async (ms: number) => void slept.push(ms),
    };
    const before = setWaitClock(mine);
    try {
      let reads = 0;
      await waitFor({ read: async () => (++reads === 3 ? { value: true } : {}), deadlineMs: 60_000 });
      assert.deepEqual(slept, [5_000, 7_500]);
    } finally {
      assert.equal(setWaitClock(before), mine);
    }
  });

  it("has a real clock that reads the machine's time and sleeps", async () => {
    const lo = Date.now();
    const t = realClock.now();
    assert.ok(t >= lo && t <= Date.now());
    await realClock.sleep(1); // resolves
  });

  it("ends at once when a read throws", async () => {
    let reads = 0;
    await assert.rejects(
      waitFor({
        read: async () => {
          reads++;
          throw new Error("HTTP 403");
        },
        deadlineMs: 60_000,
      }),
      /HTTP 403/,
    );
    assert.equal(reads, 1);
  });

  it("runs side-by-side sleeps of the virtual clock in overlapping time, earliest first", async () => {
    const clock = virtualClock(1_000);
    const woke: string[] = [];
    await Promise.all([
      clock.sleep(7_000).then(() => woke.push(`a@${clock.now()}`)),
      clock.sleep(5_000).then(() => woke.push(`b@${clock.now()}`)),
    ]);
    assert.deepEqual(woke, ["b@6000", "a@8000"]);
  });

  it("formats durations as the progress lines show them", () => {
    assert.equal(formatDuration(130_000), "2m10s");
    assert.equal(formatDuration(900_000), "15m");
    assert.equal(formatDuration(0), "0s");
    assert.equal(formatDuration(3_905_000), "1h5m5s");
  });
});

describe("the front end's address, kubernetes kind", () => {
  it("waits during up until azureml-fe has an address, with progress on the component", async () => {
    const r = await run(quickstartArgs(), { frontEndReadsWithoutAddress: 3 });
    assert.equal(r.error, undefined);
    assert.equal(r.frontEndIp, FE);
    assert.equal(r.rec.one(T.dns).inputs.content, FE, "the DNS record gets the awaited address");
    // Service.get (read 1), then reads 2 and 3 through the kubeconfig without one, read 4 with it.
    assert.equal(r.model.frontEndReads, 4);
    assert.deepEqual(r.waits, [`${K8S_WAIT} (0s of 15m)`, `${K8S_WAIT} (5s of 15m)`]);
    assert.equal(await pulumi.isSecret(r.c.frontEndIp), false, "the address is not secret");
    assert.ok(!r.rec.infos.some((m) => /offline-token|kubeconfig|BEGIN/.test(m)), "no credential in the log");
  });

  it("reads through the kubeconfig Azure gave, shows what each read saw, and stops on a refusal", async () => {
    const { recorder: rec, model } = setupOfflineRuntime({ frontEndReadsWithoutAddress: 1 });
    const servers: string[] = [];
    const answers = [
      { note: "Service azureml/azureml-fe does not exist yet" },
      { status: { loadBalancer: { ingress: [{ ip: "198.51.100.20" }] } } },
    ];
    setFrontEndServiceReader(async (kubeconfig, namespace, name) => {
      servers.push(`${kubeTarget(kubeconfig).server.host} ${namespace}/${name}`);
      return answers.shift()!;
    });
    const c = new SslMlCluster("ml", quickstartArgs());
    const out = await settle(rec, { frontEndIp: c.frontEndIp });
    assert.equal(out.frontEndIp, "198.51.100.20");
    assert.equal(model.frontEndReads, 1, "only Service.get went to the model");
    // listClusterUserCredentials' server for cluster ml-aks (the model's answer).
    assert.deepEqual(
      servers,
      [0, 1].map(() => `${servers[0].split(" ")[0]} azureml/azureml-fe`),
    );
    assert.match(servers[0], /^ml-aks-[0-9a-f]{8}\.hcp\.eastus\.azmk8s\.io /);
    assert.deepEqual(
      rec.infos.filter((m) => m.startsWith("waiting for")),
      [`${K8S_WAIT} (0s of 15m); last read: Service azureml/azureml-fe does not exist yet`],
    );

    const { recorder: rec2 } = setupOfflineRuntime({ frontEndReadsWithoutAddress: 1 });
    let reads = 0;
    setFrontEndServiceReader(async () => {
      reads++;
      throw new Error(
        "the API server x.hcp.eastus.azmk8s.io:443 refused the cluster user's credentials (HTTP 403) reading Service azureml/azureml-fe",
      );
    });
    const c2 = new SslMlCluster("ml", quickstartArgs());
    await assert.rejects(
      settle(rec2, { frontEndIp: c2.frontEndIp }),
      (e: Error) =>
        e.message ===
        "the API server x.hcp.eastus.azmk8s.io:443 refused the cluster user's credentials (HTTP 403) reading Service azureml/azureml-fe; " +
          "look at it with kubectl -n azureml get svc azureml-fe (EXTERNAL-IP) and kubectl -n azureml describe svc azureml-fe (its events), or pass frontEndIp",
    );
    assert.equal(reads, 1, "a refusal ends the wait at once");
  });

  it("logs the progress on the component itself", async () => {
    const { recorder: rec } = setupOfflineRuntime({ frontEndReadsWithoutAddress: 2 });
    const log = pulumi.log as unknown as { info: (m: string, r?: pulumi.Resource) => Promise<void> };
    const original = log.info;
    const on: [string, pulumi.Resource | undefined][] = [];
    log.info = (m, r) => {
      on.push([m, r]);
      return original(m, r);
    };
    try {
      const c = new SslMlCluster("ml", quickstartArgs());
      await settle(rec, { frontEndIp: c.frontEndIp });
      const waits = on.filter(([m]) => m.startsWith("waiting for"));
      assert.equal(waits.length, 1);
      assert.equal(waits[0][1], c);
    } finally {
      log.info = original;
    }
  });

  it("does not wait when the first read has the address", async () => {
    const r = await run(quickstartArgs(), {});
    assert.equal(r.frontEndIp, FE);
    assert.equal(r.model.frontEndReads, 1);
    assert.deepEqual(r.waits, []);
  });

  it("fails at the deadline with what was awaited, the commands to look at it, and frontEndIp", async () => {
    const r = await run(quickstartArgs({ frontEndWaitMinutes: 1 }), { frontEndPending: true });
    assert.ok(r.error, "the up fails");
    assert.equal(r.error.name, "ComponentError");
    // 1 + the reads at 0, 5, 12.5, 23.75, 40.625 and 60 s.
    assert.equal(
      r.error.message,
      "Service azureml/azureml-fe got no load-balancer address within 1m (6 reads); " +
        "look at it with kubectl -n azureml get svc azureml-fe (EXTERNAL-IP) and kubectl -n azureml describe svc azureml-fe (its events); " +
        "then run pulumi up again, raise frontEndWaitMinutes, or pass frontEndIp",
    );
    assert.equal(r.model.frontEndReads, 7);
    assert.equal(r.waits.length, 5);
    assert.equal(r.waits[4], `${K8S_WAIT} (41s of 1m)`);
  });

  it("skips the wait when frontEndIp is given", async () => {
    const r = await run(quickstartArgs({ frontEndIp: "198.51.100.7" }), { frontEndPending: true });
    assert.equal(r.frontEndIp, "198.51.100.7");
    assert.equal(r.model.frontEndReads, 0, "azureml-fe is not read at all");
    assert.equal(r.rec.byType(T.svc).length, 0);
  });

  it("never waits in preview: the address is unknown, and no read follows Service.get", async () => {
    const r = await run(quickstartArgs(), { preview: true, frontEndReadsWithoutAddress: 5 });
    assert.equal(r.error, undefined);
    assert.equal(r.frontEndIp, undefined, "unknown in preview");
    assert.equal(r.model.frontEndReads, 1);
    assert.deepEqual(r.waits, []);
  });

  it("shows in preview the address the first read has", async () => {
    const r = await run(quickstartArgs(), { preview: true });
    assert.equal(r.frontEndIp, FE);
  });
});

describe("the front end's address, legacy aks kind", () => {
  it("calls getCompute during up until systemServices lists the ScoringFrontEnd", async () => {
    const r = await run(aksArgs(), { frontEndReadsWithoutAddress: 2 });
    assert.equal(r.error, undefined);
    assert.equal(r.frontEndIp, FE);
    assert.equal(r.rec.one(T.dns).inputs.content, FE);
    // The compute's PUT answer (read 1), getCompute without it (read 2), getCompute with it (read 3).
    assert.equal(r.getComputes.length, 2);
    for (const g of r.getComputes)
      assert.deepEqual(g.inputs, {
        resourceGroupName: "rg-ml",
        workspaceName: "ws-ml",
        computeName: "aks-ssl",
      });
    assert.deepEqual(r.waits, [`${AKS_WAIT} (0s of 15m); last read: systemServices is null`]);
    assert.equal(await pulumi.isSecret(r.c.frontEndIp), false);
  });

  it("does not call getCompute when the compute's answer has the address", async () => {
    const r = await run(aksArgs(), {});
    assert.equal(r.frontEndIp, FE);
    assert.equal(r.getComputes.length, 0);
  });

  it("fails at the deadline naming the compute, az ml compute show and frontEndIp", async () => {
    const r = await run(aksArgs({ frontEndWaitMinutes: 1 }), { systemServicesNull: true });
    assert.ok(r.error);
    assert.equal(
      r.error.message,
      "compute aks-ssl listed no front-end address within 1m (6 reads; last: systemServices is null); " +
        "look at it with az ml compute show --name aks-ssl --resource-group rg-ml --workspace-name ws-ml, or kubectl get svc azureml-fe -n default on the cluster; " +
        "then run pulumi up again, raise frontEndWaitMinutes, or pass frontEndIp (the EXTERNAL-IP of Service azureml-fe, or the scoring IP shown in Azure ML studio)",
    );
    assert.equal(r.getComputes.length, 6);
  });

  const managed = (extra: Partial<SslMlClusterArgs> = {}): SslMlClusterArgs => ({
    resourceGroupName: "rg",
    workspaceName: "ws-ml",
    cluster: { kind: "aks", computeName: "aks-ssl" },
    certificate: { microsoftManaged: { leafDomainLabel: "x" } },
    ...extra,
  });

  it("Microsoft-managed: waits for the name Azure gives the front end as well", async () => {
    const { recorder: rec, model } = setupOfflineRuntime({ frontEndReadsWithoutAddress: 3 });
    const c = new SslMlCluster("ml", managed());
    const out = await settle(rec, { hostname: c.hostname, frontEndIp: c.frontEndIp });
    // The workspace's region (the offline model's getWorkspace answers westeurope).
    assert.match(String(out.hostname), /^x[0-9a-f]{6}\.westeurope\.cloudapp\.azure\.com$/);
    assert.equal(out.frontEndIp, FE);
    // The PUT's answer (read 1), then each wait's first getCompute (reads 2, 3) without, its second with.
    assert.equal(model.frontEndReads, 5);
    assert.equal(rec.invocations.filter((i) => i.token === GET_COMPUTE).length, 4);
    assert.deepEqual(
      rec.infos.filter((m) => m.startsWith("waiting for")).sort(),
      [
        `${AKS_WAIT} (0s of 15m); last read: systemServices is null`,
        "waiting for compute aks-ssl to name its front end (sslConfiguration.cname) (0s of 15m); last read: sslConfiguration.cname is empty",
      ].sort(),
    );
    assert.equal(await pulumi.isSecret(c.hostname), false);
  });

  it("Microsoft-managed: fails at the deadline when Azure gives no name", async () => {
    const r = await run(managed({ frontEndWaitMinutes: 1 }), { managedCnameMissing: true });
    assert.ok(r.error);
    assert.equal(
      r.error.message,
      "certificate.microsoftManaged: Azure returned no name for the front end on compute aks-ssl within 1m (6 reads; last: sslConfiguration.cname is empty); " +
        "look at it with az ml compute show --name aks-ssl --resource-group rg --workspace-name ws-ml (or in Azure ML studio); " +
        "then run pulumi up again, raise frontEndWaitMinutes, or use an imported certificate with your own hostname",
    );
  });

  it("never waits in preview: no getCompute, the address unknown", async () => {
    const r = await run(aksArgs(), { preview: true, frontEndReadsWithoutAddress: 5 });
    assert.equal(r.error, undefined);
    assert.equal(r.getComputes.length, 0);
    assert.equal(await resolveOutput(r.c.frontEndIp), undefined);
    assert.deepEqual(r.waits, []);
  });
});
