import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { missingPrerequisites, parseArgs, DEFAULT_PROGRAM } from "../live/live-check";
import { liveTarget } from "../live/prerequisites";
import { interruptHandler } from "../live/interrupt";
import { secretValues } from "../live/pulumi";
import { reportTable } from "../live/report";

const CREDENTIALS =
  "Azure credentials (ARM_CLIENT_ID + ARM_CLIENT_SECRET + ARM_TENANT_ID, or LIVE_USE_AZ_CLI=1 after az login)";
const ZONE =
  "a DNS zone (LIVE_CLOUDFLARE_ZONE_ID with CLOUDFLARE_API_TOKEN, or LIVE_AZURE_DNS_ZONE with LIVE_AZURE_DNS_RESOURCE_GROUP)";

describe("live-check without credentials", () => {
  const all = {
    ARM_SUBSCRIPTION_ID: "s",
    ARM_CLIENT_ID: "c",
    ARM_CLIENT_SECRET: "x",
    ARM_TENANT_ID: "t",
    CLOUDFLARE_API_TOKEN: "cf",
    LIVE_RESOURCE_GROUP: "rg",
    LIVE_WORKSPACE: "ws",
    LIVE_HOSTNAME: "ml.example.com",
    LIVE_CLOUDFLARE_ZONE_ID: "z",
  };

  it("names exactly what is missing", () => {
    assert.deepEqual(missingPrerequisites({}, false), [
      "a Pulumi CLI on PATH (pulumi version failed)",
      "ARM_SUBSCRIPTION_ID",
      CREDENTIALS,
      "LIVE_RESOURCE_GROUP",
      "LIVE_WORKSPACE",
      "LIVE_HOSTNAME",
      ZONE,
    ]);
    assert.deepEqual(missingPrerequisites(all, true), []);
    // A zone half given names the other half.
    assert.deepEqual(missingPrerequisites({ ...all, CLOUDFLARE_API_TOKEN: "" }, true), [
      "CLOUDFLARE_API_TOKEN",
    ]);
    const azureDns = { ...all, LIVE_CLOUDFLARE_ZONE_ID: "", LIVE_AZURE_DNS_ZONE: "example.com" };
    assert.deepEqual(missingPrerequisites(azureDns, true), ["LIVE_AZURE_DNS_RESOURCE_GROUP"]);
    assert.deepEqual(
      missingPrerequisites({ ...azureDns, LIVE_AZURE_DNS_RESOURCE_GROUP: "rg-dns" }, true),
      [],
    );
    // az login instead of a service principal.
    assert.deepEqual(missingPrerequisites({ ...all, ARM_CLIENT_SECRET: "", LIVE_USE_AZ_CLI: "1" }, true), []);
    assert.deepEqual(missingPrerequisites({ ...all, ARM_CLIENT_SECRET: "" }, true), [CREDENTIALS]);
    // A new workspace needs its region.
    assert.deepEqual(missingPrerequisites(all, true, { createWorkspace: true }), [
      "LIVE_LOCATION (the region of the new workspace)",
    ]);
    // Resuming: the names come from the state folder; the credentials are still needed.
    const target = liveTarget(all);
    assert.deepEqual(
      missingPrerequisites({ ARM_CLIENT_ID: "c", ARM_CLIENT_SECRET: "x", ARM_TENANT_ID: "t" }, true, {
        resumeTarget: target,
      }),
      ["CLOUDFLARE_API_TOKEN"],
    );
    assert.deepEqual(missingPrerequisites({}, true, { resumeTarget: target }), [
      CREDENTIALS,
      "CLOUDFLARE_API_TOKEN",
    ]);
  });

  it("keeps the names it was given as the target of the run", () => {
    assert.deepEqual(liveTarget({ ...all, LIVE_LOCATION: "westeurope" }), {
      subscriptionId: "s",
      resourceGroupName: "rg",
      workspaceName: "ws",
      hostname: "ml.example.com",
      location: "westeurope",
      cloudflareZoneId: "z",
    });
    assert.deepEqual(
      liveTarget({
        ...all,
        LIVE_CLOUDFLARE_ZONE_ID: "",
        LIVE_AZURE_DNS_ZONE: "example.com",
        LIVE_AZURE_DNS_RESOURCE_GROUP: "rg-dns",
      }),
      {
        subscriptionId: "s",
        resourceGroupName: "rg",
        workspaceName: "ws",
        hostname: "ml.example.com",
        azureDnsZone: "example.com",
        azureDnsResourceGroup: "rg-dns",
      },
    );
  });

  it("the private variant (LIVE_SUBNET_ID) needs a private zone, not a public one, and checks the subnet ID", () => {
    const vnet = "/subscriptions/s/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml";
    const subnet = `${vnet}/subnets/snet-live`;
    const priv = { ...all, LIVE_CLOUDFLARE_ZONE_ID: "", LIVE_SUBNET_ID: subnet };
    assert.deepEqual(missingPrerequisites(priv, true), [
      "LIVE_PRIVATE_DNS_ZONE",
      "LIVE_PRIVATE_DNS_RESOURCE_GROUP",
    ]);
    const full = {
      ...priv,
      LIVE_PRIVATE_DNS_ZONE: "contoso.internal",
      LIVE_PRIVATE_DNS_RESOURCE_GROUP: "rg-pdns",
    };
    assert.deepEqual(missingPrerequisites(full, true), []);
    // A virtual network's ID is not a subnet's: the new cluster needs a subnet.
    assert.equal(missingPrerequisites({ ...full, LIVE_SUBNET_ID: vnet }, true).length, 1);
    assert.match(
      missingPrerequisites({ ...full, LIVE_SUBNET_ID: vnet }, true)[0],
      /^LIVE_SUBNET_ID as a subnet's resource ID/,
    );
    assert.deepEqual(liveTarget(full), {
      subscriptionId: "s",
      resourceGroupName: "rg",
      workspaceName: "ws",
      hostname: "ml.example.com",
      subnetId: subnet,
      privateDnsZone: "contoso.internal",
      privateDnsResourceGroup: "rg-pdns",
    });
  });

  it("skips in one line and exits 0", () => {
    const r = spawnSync(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", path.join(__dirname, "..", "live", "live-check.ts")],
      {
        encoding: "utf8",
        // No V8 code cache folder in the temporary directory (see tests/helpers/no-compile-cache.cjs).
        env: { PATH: "/nonexistent", HOME: process.env.HOME ?? "/tmp", DISABLE_V8_COMPILE_CACHE: "1" },
        timeout: 60_000,
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split("\n");
    assert.equal(lines.length, 1);
    assert.equal(
      lines[0],
      `live-check: skipped: missing a Pulumi CLI on PATH (pulumi version failed), ARM_SUBSCRIPTION_ID, ${CREDENTIALS}, LIVE_RESOURCE_GROUP, LIVE_WORKSPACE, LIVE_HOSTNAME, ${ZONE}`,
    );
  });

  it("reads its flags; a bad kind is a usage error", () => {
    assert.deepEqual(parseArgs([]), {
      kind: "kubernetes",
      keep: false,
      resume: undefined,
      createWorkspace: false,
      withReplacement: false,
      report: undefined,
      programDir: DEFAULT_PROGRAM,
    });
    assert.deepEqual(
      parseArgs([
        "--kind",
        "aks",
        "--keep",
        "--resume",
        "/s",
        "--create-workspace",
        "--with-replacement",
        "--report",
        "r.json",
        "--program",
        "p",
      ]),
      {
        kind: "aks",
        keep: true,
        resume: "/s",
        createWorkspace: true,
        withReplacement: true,
        report: "r.json",
        programDir: "p",
      },
    );
    assert.throws(() => parseArgs(["--kind", "managed"]), /Allowed choices are kubernetes, aks/);
    assert.throws(() => parseArgs(["--destroy-everything"]), /unknown option '--destroy-everything'/);
  });

  it("prints a table: step, time, result and the zero-downtime figures", () => {
    const table = reportTable([
      { step: "up (RSA)", seconds: 612.34, result: "ok", detail: "pulumi: create 14" },
      {
        step: "rotate certificate",
        seconds: 95.5,
        result: "degraded",
        zeroDowntime: {
          calls: 380,
          failed: 3,
          longestGapMs: 1250,
          fingerprintBefore: "AB:CD:EF:01:23:45:67:89:AB:CD",
          fingerprintAfter: "01:02:03:04:05:06:07:08:09:0A",
          failures: [{ error: "HTTP 502", count: 3 }],
        },
      },
    ]);
    assert.equal(
      table,
      [
        "step                time     result    calls  failed  longest gap  certificate before -> after",
        "up (RSA)            612.3 s  ok",
        "rotate certificate  95.5 s   degraded  380    3       1.25 s       ABCDEF012345 -> 010203040506",
      ].join("\n"),
    );
  });
});

describe("live-check Ctrl-C handler", () => {
  function harness(running = true) {
    let t = 1_000;
    const sent: number[] = [];
    const lines: string[] = [];
    const abort = new AbortController();
    const handler = interruptHandler({
      abort,
      pulumi: () => ({
        interrupt: () => {
          if (running) sent.push(t);
          return running;
        },
      }),
      out: (l) => lines.push(l),
      now: () => t,
      windowMs: 5_000,
    });
    return { handler, sent, lines, abort, at: (ms: number) => (t = ms) };
  }

  it("the first stops the run and sends pulumi one SIGINT; a late second only says how to force; a prompt one forces, once", () => {
    const h = harness();
    h.handler();
    assert.equal(h.abort.signal.aborted, true);
    assert.deepEqual(h.sent, [1_000]);
    assert.match(h.lines[1], /pulumi is cancelling .* Ctrl-C again within 5 s forces it/);
    h.at(6_001); // 5.001 s later: outside the window
    h.handler();
    assert.deepEqual(h.sent, [1_000]);
    assert.match(h.lines.at(-1)!, /^live-check: still waiting for pulumi to cancel; Ctrl-C again within 5 s/);
    h.at(11_001); // exactly 5 s after the previous one: inside
    h.handler();
    assert.deepEqual(h.sent, [1_000, 11_001]);
    assert.match(h.lines.at(-1)!, /^live-check: second Ctrl-C: pulumi was told to stop at once/);
    h.at(11_500);
    h.handler();
    assert.deepEqual(h.sent, [1_000, 11_001], "forced once only");
  });

  it("with no pulumi command running, it stops the run and promises nothing about pulumi", () => {
    const h = harness(false);
    h.handler();
    assert.equal(h.abort.signal.aborted, true);
    assert.deepEqual(h.lines, [
      "live-check: interrupted; stopping without destroying (the stack stays resumable)",
    ]);
  });
});

describe("live-check secret outputs", () => {
  it("are the string values --show-secrets reveals and the masked output does not show, at any depth", () => {
    const full = {
      hostname: "ml.example.com",
      endpointKeys: { a: "key-a", b: "key-b" },
      nested: { plain: "p", token: "tok-1" },
      count: 2,
    };
    const masked = {
      hostname: "ml.example.com",
      endpointKeys: "[secret]",
      nested: { plain: "p", token: "[secret]" },
      count: 2,
    };
    assert.deepEqual(secretValues(full, masked), ["key-a", "key-b", "tok-1"]);
    assert.deepEqual(secretValues(full, full), []);
  });
});
