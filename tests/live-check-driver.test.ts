// The live check's control flow against a stand-in `pulumi` command on PATH: a small script this
// test writes into a temporary folder, which records every call (arguments and the backend,
// passphrase and clock it was given) and fails where told. No network, no Pulumi CLI.
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { runLiveCheck, type RunOptions } from "../live/runner";
import type { Probes, Timing } from "../live/context";
import type { CallResult } from "../live/checks/score";
import type { LiveReport } from "../live/report";
import { fixtures } from "./helpers/openssl-certs";
import { tempDirs } from "./helpers/tmp";

const STANDIN = String.raw`#!/usr/bin/env node
// Stand-in pulumi for tests/live-check-driver.test.ts.
const fs = require("fs");
const path = require("path");
const args = process.argv.slice(2);
const log = process.env.STANDIN_LOG;
const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)) : [];
const record = (extra) => fs.appendFileSync(log, JSON.stringify({ args, backend: process.env.PULUMI_BACKEND_URL ?? null, passphraseFile: process.env.PULUMI_CONFIG_PASSPHRASE_FILE ?? null, passphrase: process.env.PULUMI_CONFIG_PASSPHRASE ?? null, now: process.env.SSL_ML_CLUSTER_NOW ?? null, ...extra }) + "\n");
const cmd = args[0] === "stack" || args[0] === "config" ? args.slice(0, 2).join(" ") : args[0];
const flag = (f) => args[args.indexOf(f) + 1];
if (cmd === "up" && process.env.STANDIN_HANG === "up") {
  // As Pulumi: the first SIGINT cancels gracefully (which takes a moment), a second one terminates.
  let n = 0;
  process.on("SIGINT", () => {
    record({ event: "SIGINT", n: ++n });
    const exit = () => { record({ event: "exited", forced: n > 1 }); process.exit(255); };
    if (n === 1) setTimeout(exit, Number(process.env.STANDIN_CANCEL_MS || 500));
    else exit();
  });
  // Its process group (Linux: /proc/self/stat's fifth field), to tell whether a terminal's Ctrl-C reaches it.
  const stat = fs.existsSync("/proc/self/stat") ? fs.readFileSync("/proc/self/stat", "utf8") : "";
  const pgrp = stat ? Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) : null;
  record({ event: "waiting", ownGroup: pgrp === null ? null : pgrp === process.pid });
  setInterval(() => undefined, 1000);
  setTimeout(() => process.exit(3), 120000); // never outlives a broken test
  return;
}
const upAt = Number(process.env.STANDIN_FAIL_UP_AT || 0);
const failing =
  (process.env.STANDIN_FAIL || "").split(",").includes(cmd) ||
  (cmd === "up" && upAt > 0 && calls.filter((c) => c.args[0] === "up" && !c.event).length + 1 === upAt);
record(failing ? { failed: true } : {});
if (failing) {
  console.error("error: " + (process.env.STANDIN_FAIL_MESSAGE || "the stand-in was told to fail " + cmd));
  process.exit(1);
}
// As the real CLI: a passphrase stack cannot be updated or destroyed without its settings file (the salt).
const settings = flag("--stack") && path.join(flag("--cwd"), "Pulumi." + flag("--stack") + ".yaml");
if ((cmd === "up" || cmd === "destroy") && !fs.existsSync(settings)) {
  console.error("error: no encryptionsalt: " + settings + " is missing");
  process.exit(1);
}
const ups = calls.filter((c) => c.args[0] === "up" && !c.event && !c.failed).length + (cmd === "up" ? 1 : 0);
if (cmd === "up" && process.env.STANDIN_UP_PRINTS) console.log(process.env.STANDIN_UP_PRINTS);
switch (cmd) {
  case "version": console.log("v3.248.0"); break;
  case "stack init": fs.writeFileSync(path.join(flag("--cwd"), "Pulumi." + args[2] + ".yaml"), "encryptionsalt: v1:stand-in\n"); break;
  case "stack rm": fs.rmSync(path.join(flag("--cwd"), "Pulumi." + flag("--stack") + ".yaml"), { force: true }); break;
  case "stack output": {
    const all = JSON.parse(fs.readFileSync(process.env.STANDIN_OUTPUTS, "utf8"));
    const outputs = all[Math.min(Math.max(ups, 1), all.length) - 1];
    // As the real CLI: a secret output shows as "[secret]" unless --show-secrets.
    if (!args.includes("--show-secrets") && outputs.endpointKeys) outputs.endpointKeys = "[secret]";
    console.log(JSON.stringify(outputs));
    break;
  }
  case "stack history": console.log(JSON.stringify([{ kind: "update", result: "succeeded", resourceChanges: { same: 12, update: 2 } }])); break;
  default: break;
}
`;

/** The stand-in's endpoint key: distinctive, so a search of the state folder finds any copy. */
const KEY = "stand-in-endpoint-key-6f1c2e9a0b7d4853";

const FP = (c: string) =>
  Array(32)
    .fill(c + c)
    .join(":");

/** Outputs after each `up` (the stand-in answers the one of the last up): RSA, rotated, rotated, rotated, ECDSA. */
function outputsSequence(): Record<string, unknown>[] {
  const base = {
    kind: "kubernetes",
    hostname: "ml.example.com",
    frontEndIp: "203.0.113.10",
    scoringUris: { "sml-live": "https://ml.example.com/api/v1/endpoint/sml-live/score" },
    endpointKeys: { "sml-live": KEY },
  };
  const cert = (fp: string) => ({
    fingerprintSha256: fp,
    rotatesAfter: "2027-01-02T00:00:00.000Z",
    selfSigned: true,
  });
  return [FP("A"), FP("B"), FP("B"), FP("B"), FP("C")].map((fp) => ({ ...base, certificate: cert(fp) }));
}

const TIMING: Timing = { waitMs: 2_000, pollMs: 10, holdMs: 60, loopIntervalMs: 20, loopMaxMs: 3_000 };

interface Call {
  args: string[];
  backend: string | null;
  passphraseFile: string | null;
  passphrase: string | null;
  now: string | null;
  event?: string;
  failed?: boolean;
}

describe("live-check driver against a stand-in pulumi", function () {
  this.timeout(120_000);
  const tmp = tempDirs();
  const leaf = fixtures().read("leaf.pem");

  function setup(extraEnv: Record<string, string> = {}) {
    const dir = tmp("live-driver-");
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, "pulumi"), STANDIN, { mode: 0o755 });
    const program = path.join(dir, "program");
    fs.mkdirSync(path.join(program, "node_modules", "ssl-ml-cluster"), { recursive: true });
    fs.writeFileSync(path.join(program, "Pulumi.yaml"), "name: stand-in\nruntime: nodejs\n");
    const outputsFile = path.join(dir, "outputs.json");
    fs.writeFileSync(outputsFile, JSON.stringify(outputsSequence()));
    const log = path.join(dir, "calls.jsonl");
    const env: NodeJS.ProcessEnv = {
      PATH: `${bin}:${path.dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: dir,
      LIVE_STATE_DIR: path.join(dir, "state"),
      STANDIN_LOG: log,
      STANDIN_OUTPUTS: outputsFile,
      ARM_SUBSCRIPTION_ID: "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345",
      ARM_CLIENT_ID: "c",
      ARM_CLIENT_SECRET: "s",
      ARM_TENANT_ID: "t",
      CLOUDFLARE_API_TOKEN: "cf",
      LIVE_RESOURCE_GROUP: "rg-ml",
      LIVE_WORKSPACE: "ws-ml",
      LIVE_HOSTNAME: "ml.example.com",
      LIVE_CLOUDFLARE_ZONE_ID: "0123456789abcdef0123456789abcdef",
      // The driver must take the passphrase from its own file, never from here.
      PULUMI_CONFIG_PASSPHRASE: "from-the-environment",
      ...extraEnv,
    };
    const calls = (): Call[] =>
      fs.existsSync(log)
        ? fs
            .readFileSync(log, "utf8")
            .trim()
            .split("\n")
            .map((l) => JSON.parse(l) as Call)
        : [];
    return { dir, program, env, calls, report: path.join(dir, "report.json") };
  }

  /** Probes that answer like a healthy front end serving the stack's current certificate. */
  function fakeProbes(current: () => string, verified: string[] = []): Probes {
    return {
      resolve: async (host) => (host === "ml.example.com" ? ["203.0.113.10"] : []),
      handshake: async () => ({
        fingerprint: current(),
        pem: leaf,
        tlsVersion: "TLSv1.3",
        publiclyTrusted: false,
      }),
      call: async (t): Promise<CallResult> => {
        assert.equal(t.address, "203.0.113.10");
        assert.equal(t.key, KEY);
        return { ok: true, start: Date.now(), end: Date.now(), status: 200, fingerprint: current() };
      },
      verify: async (file, ca) => {
        verified.push(fs.readFileSync(file, "utf8"), ca ? fs.readFileSync(ca, "utf8") : "");
        return "https://ml.example.com/api/v1/endpoint/sml-live/score: ok";
      },
      preflight: async () => "11 PASS, 0 SKIP, no FAIL",
    };
  }

  async function run(s: ReturnType<typeof setup>, o: Partial<RunOptions>, probes?: Probes) {
    const lines: string[] = [];
    const ups = () => s.calls().filter((c) => c.args[0] === "up" && !c.failed).length;
    const code = await runLiveCheck(
      {
        kind: "kubernetes",
        keep: false,
        createWorkspace: false,
        withReplacement: false,
        programDir: s.program,
        report: s.report,
        ...o,
      },
      {
        env: s.env,
        probes:
          probes ??
          fakeProbes(
            () =>
              (outputsSequence()[Math.max(ups(), 1) - 1].certificate as { fingerprintSha256: string })
                .fingerprintSha256,
          ),
        timing: TIMING,
        out: (l) => lines.push(l),
        signal: new AbortController().signal,
      },
    );
    return { code, lines };
  }

  const verbs = (calls: Call[]) =>
    calls.map((c) =>
      c.args[0] === "stack" || c.args[0] === "config" ? c.args.slice(0, 2).join(" ") : c.args[0],
    );

  it("up fails: destroys, removes the stack and its state, exit 1", async () => {
    const s = setup({ STANDIN_FAIL: "up" });
    const { code, lines } = await run(s, {});
    assert.equal(code, 1);
    const v = verbs(s.calls());
    assert.deepEqual(
      v.filter((x) => x !== "config set"),
      ["version", "stack init", "up", "destroy", "stack rm"],
    );
    const stack = s.calls()[1].args[2];
    assert.match(stack, /^live-[0-9a-f]{6}$/);
    assert.deepEqual(s.calls()[2].args.slice(0, 6), [
      "config",
      "set",
      "azure-native:subscriptionId",
      "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345",
      "--stack",
      stack,
    ]);
    assert.deepEqual(s.calls().find((c) => c.args[0] === "destroy")!.args, [
      "destroy",
      "--yes",
      "--skip-preview",
      "--stack",
      stack,
      "--cwd",
      s.program,
      "--non-interactive",
    ]);
    assert.equal(
      fs.existsSync(path.join(s.env.LIVE_STATE_DIR!, stack)),
      false,
      "state removed once destroyed",
    );
    const report = JSON.parse(fs.readFileSync(s.report, "utf8")) as LiveReport;
    assert.deepEqual(
      report.steps.map((r) => [r.step, r.result]),
      [
        ["install live/program dependencies", "ok"],
        ["init stack", "ok"],
        ["preflight", "ok"],
        ["up (RSA)", "failed"],
        ["destroy", "ok"],
      ],
    );
    assert.match(report.steps[3].detail!, /the stand-in was told to fail up/);
    assert.equal(report.result, "failed");
    assert.equal(report.stateDir, null);
    assert.equal(lines.at(-1), `live-check: the stack ${stack} was destroyed and its state removed`);
  });

  it("preflight fails: no pulumi up, the empty stack is removed, the FAIL and its fix reported, exit 1", async () => {
    const s = setup();
    const asked: { dir: string; stack: string; config: Record<string, string> }[] = [];
    const probes: Probes = {
      ...fakeProbes(() => FP("A")),
      preflight: async (dir, stack, config) => {
        asked.push({ dir, stack, config });
        throw new Error(
          "preflight: provider:Microsoft.KubernetesConfiguration: Microsoft.KubernetesConfiguration is NotRegistered (fix: az provider register -n Microsoft.KubernetesConfiguration)",
        );
      },
    };
    const { code } = await run(s, {}, probes);
    assert.equal(code, 1);
    assert.deepEqual(
      verbs(s.calls()).filter((x) => x !== "config set"),
      ["version", "stack init", "destroy", "stack rm"],
    );
    const stack = s.calls()[1].args[2];
    // The same program and configuration as the stack's (the init step's values).
    assert.equal(asked.length, 1);
    assert.equal(asked[0].dir, s.program);
    assert.equal(asked[0].stack, stack);
    assert.deepEqual(asked[0].config, {
      "azure-native:subscriptionId": "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345",
      resourceGroupName: "rg-ml",
      workspaceName: "ws-ml",
      hostname: "ml.example.com",
      kind: "kubernetes",
      certificateAlgorithm: "RSA",
      environmentVersion: "1",
      codeVersion: "1",
      cloudflareZoneId: "0123456789abcdef0123456789abcdef",
    });
    const sets = Object.fromEntries(
      s
        .calls()
        .filter((c) => c.args[0] === "config")
        .map((c) => [c.args[2], c.args[3]]),
    );
    for (const [k, v] of Object.entries(asked[0].config)) assert.equal(sets[k], v, `config ${k}`);
    const report = JSON.parse(fs.readFileSync(s.report, "utf8")) as LiveReport;
    assert.deepEqual(
      report.steps.map((r) => [r.step, r.result]),
      [
        ["install live/program dependencies", "ok"],
        ["init stack", "ok"],
        ["preflight", "failed"],
        ["destroy", "ok"],
      ],
    );
    assert.match(report.steps[2].detail!, /fix: az provider register -n Microsoft\.KubernetesConfiguration/);
  });

  it("destroy fails too: state and passphrase (0600) kept, the last lines say how to resume or finish; --resume finishes with the same backend", async () => {
    const s = setup({ STANDIN_FAIL: "up,destroy" });
    const { code, lines } = await run(s, {});
    assert.equal(code, 1);
    const stack = s.calls()[1].args[2];
    const dir = path.join(s.env.LIVE_STATE_DIR!, stack);
    assert.equal(fs.statSync(path.join(dir, "passphrase")).mode & 0o777, 0o600);
    assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
    const passphrase = fs.readFileSync(path.join(dir, "passphrase"), "utf8");
    assert.match(passphrase, /^[A-Za-z0-9_-]{32}\n$/);
    const backend = `file://${dir}/backend`;
    for (const c of s.calls().filter((x) => x.args[0] !== "version")) {
      assert.equal(c.backend, backend);
      assert.equal(c.passphraseFile, path.join(dir, "passphrase"));
      assert.equal(c.passphrase, null, "no passphrase in the environment of a pulumi command");
    }
    assert.equal(
      fs.readFileSync(path.join(dir, `Pulumi.${stack}.yaml`), "utf8"),
      "encryptionsalt: v1:stand-in\n",
    );
    const args = `--stack ${stack} --cwd ${s.program} --non-interactive`;
    assert.deepEqual(lines.slice(-7), [
      `live-check: the stack ${stack} may still have resources in Azure; its state is in ${dir}`,
      `live-check: resume:  npm run live-check -- --resume ${dir}`,
      "live-check: or finish by hand:",
      `  export PULUMI_BACKEND_URL=${backend} PULUMI_CONFIG_PASSPHRASE_FILE=${dir}/passphrase`,
      `  pulumi destroy --yes ${args}`,
      `  pulumi stack rm --yes ${args}`,
      `  rm -rf ${dir}`,
    ]);
    const report = JSON.parse(fs.readFileSync(s.report, "utf8")) as LiveReport;
    assert.deepEqual(
      report.steps.slice(-1).map((r) => [r.step, r.result]),
      [["destroy", "failed"]],
    );
    assert.equal(report.stateDir, dir);

    // The stack settings file went missing meanwhile: --resume restores it from the state folder.
    fs.rmSync(path.join(s.program, `Pulumi.${stack}.yaml`));
    const before = s.calls().length;
    s.env.STANDIN_FAIL = "";
    const again = await run(s, { resume: dir });
    assert.equal(again.code, 0);
    const resumed = s.calls().slice(before);
    assert.deepEqual(
      verbs(resumed),
      ["version", "destroy", "stack rm"],
      "a run that decided to destroy goes straight to destroy",
    );
    for (const c of resumed.slice(1)) {
      assert.equal(c.backend, backend);
      assert.equal(c.passphraseFile, path.join(dir, "passphrase"));
    }
    assert.equal(fs.existsSync(dir), false);
    assert.equal(fs.existsSync(path.join(s.program, `Pulumi.${stack}.yaml`)), false);
  });

  it("--keep: a failed up leaves the stack up, no destroy, and the finish lines", async () => {
    const s = setup({ STANDIN_FAIL: "up" });
    const { code, lines } = await run(s, { keep: true });
    assert.equal(code, 1);
    assert.deepEqual(
      verbs(s.calls()).filter((x) => x !== "config set"),
      ["version", "stack init", "up"],
    );
    const stack = s.calls()[1].args[2];
    assert.equal(lines.at(-1), `  rm -rf ${path.join(s.env.LIVE_STATE_DIR!, stack)}`);
    const state = JSON.parse(fs.readFileSync(path.join(s.env.LIVE_STATE_DIR!, stack, "state.json"), "utf8"));
    assert.equal(state.phase, "checks", "a kept run resumes at the failed step");
    assert.deepEqual(state.done, ["install live/program dependencies", "init stack", "preflight"]);

    // --resume continues at the failed step: no second stack init, the same backend, then destroy.
    const before = s.calls().length;
    s.env.STANDIN_FAIL = "";
    const again = await run(s, { resume: path.join(s.env.LIVE_STATE_DIR!, stack) });
    assert.equal(again.code, 0, again.lines.join("\n"));
    const resumed = verbs(s.calls().slice(before));
    assert.deepEqual(resumed.slice(0, 3), ["version", "config set", "up"]);
    assert.equal(resumed.includes("stack init"), false);
    assert.deepEqual(resumed.slice(-2), ["destroy", "stack rm"]);
    const report = JSON.parse(fs.readFileSync(s.report, "utf8")) as LiveReport;
    assert.equal(report.steps[0].step, "up (RSA)", "the steps that passed are not run again");
    assert.equal(report.result, "passed");
  });

  it("every step in order: checks, three measured changes under the scoring loop, ECDSA, destroy; figures in the report", async () => {
    const s = setup();
    const verified: string[] = [];
    const ups = () => s.calls().filter((c) => c.args[0] === "up" && !c.failed).length;
    const current = () =>
      (outputsSequence()[Math.max(ups(), 1) - 1].certificate as { fingerprintSha256: string })
        .fingerprintSha256;
    const { code, lines } = await run(s, {}, fakeProbes(current, verified));
    assert.equal(code, 0, lines.join("\n"));
    const report = JSON.parse(fs.readFileSync(s.report, "utf8")) as LiveReport;
    assert.deepEqual(
      report.steps.map((r) => [r.step, r.result]),
      [
        ["install live/program dependencies", "ok"],
        ["init stack", "ok"],
        ["preflight", "ok"],
        ["up (RSA)", "ok"],
        ["dns", "ok"],
        ["tls (RSA)", "ok"],
        ["score (RSA)", "ok"],
        ["verify (RSA)", "ok"],
        ["rotate certificate", "ok"],
        ["change environment version", "ok"],
        ["endpoint-only change", "ok"],
        ["switch to ECDSA", "ok"],
        ["tls (ECDSA)", "ok"],
        ["score (ECDSA)", "ok"],
        ["destroy", "ok"],
      ],
    );
    const rotate = report.steps.find((r) => r.step === "rotate certificate")!.zeroDowntime!;
    assert.equal(rotate.failed, 0);
    assert.ok(rotate.calls > 0);
    assert.equal(rotate.fingerprintBefore, FP("A"));
    assert.equal(rotate.fingerprintAfter, FP("B"));
    assert.deepEqual(rotate.changes, { same: 12, update: 2 });
    const ecdsa = report.steps.find((r) => r.step === "switch to ECDSA")!.zeroDowntime!;
    assert.equal(ecdsa.fingerprintBefore, FP("B"));
    assert.equal(ecdsa.fingerprintAfter, FP("C"));
    // The config each change set, and the clock: moved past rotatesAfter for every up from the rotation on.
    const sets = s
      .calls()
      .filter((c) => c.args[0] === "config")
      .map((c) => `${c.args[2]}=${c.args[3]}`);
    for (const kv of [
      "certificateAlgorithm=RSA",
      "environmentVersion=2",
      "endpointNote=changed by the live check",
      "certificateAlgorithm=ECDSA",
      "kind=kubernetes",
      "hostname=ml.example.com",
      "cloudflareZoneId=0123456789abcdef0123456789abcdef",
    ])
      assert.ok(sets.includes(kv), kv);
    assert.deepEqual(
      s
        .calls()
        .filter((c) => c.args[0] === "up")
        .map((c) => c.now),
      [
        null,
        "2027-01-02T00:01:00.000Z",
        "2027-01-02T00:01:00.000Z",
        "2027-01-02T00:01:00.000Z",
        "2027-01-02T00:01:00.000Z",
      ],
    );
    // verify read the outputs without the endpoint keys, and trusted the served leaf.
    assert.equal(verified.length, 2);
    assert.equal(JSON.parse(verified[0]).endpointKeys, undefined);
    assert.equal(JSON.parse(verified[0]).hostname, "ml.example.com");
    assert.equal(verified[1], leaf);
    // The table: one row per step, the figures on the measured ones.
    const header = lines.findIndex((l) => l.startsWith("step "));
    assert.match(
      lines[header],
      /^step\s+time\s+result\s+calls\s+failed\s+longest gap\s+certificate before -> after$/,
    );
    assert.match(
      lines[header + 9],
      /^rotate certificate\s+\d+\.\d s\s+ok\s+\d+\s+0\s+\d+\.\d\d s\s+AAAAAAAAAAAA -> BBBBBBBBBBBB$/,
    );
    assert.equal(lines.at(-1), `live-check: the stack ${report.stack} was destroyed and its state removed`);
  });

  it("no secret on disk: --show-secrets' output is not logged, and the endpoint key is redacted from every log and the report (issue 28 item 5)", async () => {
    const s = setup({
      // The first up prints the key before the run knows it is a secret; the second fails quoting it.
      STANDIN_UP_PRINTS: `listKeys answered ${KEY}`,
      STANDIN_FAIL_UP_AT: "2",
      STANDIN_FAIL_MESSAGE: `the endpoint refused the key ${KEY}`,
    });
    const { code, lines } = await run(s, { keep: true });
    assert.equal(code, 1);
    const stack = s.calls()[1].args[2];
    const dir = path.join(s.env.LIVE_STATE_DIR!, stack);
    const files = (d: string): string[] =>
      fs
        .readdirSync(d, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? files(path.join(d, e.name)) : [path.join(d, e.name)]));
    const all = [...files(s.env.LIVE_STATE_DIR!), s.report];
    assert.ok(
      all.some((f) => f.endsWith("-stack.log")),
      all.join("\n"),
    );
    for (const f of all) assert.equal(fs.readFileSync(f, "utf8").includes(KEY), false, f);
    assert.equal(lines.join("\n").includes(KEY), false, "nor in what it prints");
    // The logs are still there, with the secret replaced: the first up's (written before the key
    // was known) and the failed up's; and the --show-secrets call's log holds its command alone.
    const logs = fs.readdirSync(path.join(dir, "logs"));
    const ups = logs
      .filter((f) => f.endsWith("-up.log"))
      .map((f) => fs.readFileSync(path.join(dir, "logs", f), "utf8"));
    assert.deepEqual(
      ups.map((t) => t.split("\n").slice(1).join("\n")),
      ["listKeys answered [secret]\n", "error: the endpoint refused the key [secret]\n"],
    );
    const shown = logs
      .map((f) => fs.readFileSync(path.join(dir, "logs", f), "utf8"))
      .filter((t) => t.includes("--show-secrets"));
    assert.ok(shown.length > 0);
    for (const t of shown)
      assert.match(
        t,
        /^\$ pulumi stack output --json --show-secrets .*\n\(its output holds secrets: not kept\)\n$/,
      );
    const report = JSON.parse(fs.readFileSync(s.report, "utf8")) as LiveReport;
    assert.match(
      report.steps.find((r) => r.step === "rotate certificate")!.detail!,
      /refused the key \[secret\]$/,
    );
  });

  it("--with-replacement: the component's refusal of a new code asset is the expected answer; the config is put back", async () => {
    const s = setup({
      // The sixth up is the replacement step's: refused as the component refuses it (sdk/services/route.ts).
      STANDIN_FAIL_UP_AT: "6",
      STANDIN_FAIL_MESSAGE:
        "services[0].codeId: this change (codeId …/versions/1 → …/versions/2) replaces the deployment 'default', which azure-native does by deleting it first",
    });
    const { code, lines } = await run(s, { withReplacement: true });
    assert.equal(code, 0, lines.join("\n"));
    const report = JSON.parse(fs.readFileSync(s.report, "utf8")) as LiveReport;
    const step = report.steps.find((r) => r.step === "replace deployment (new code version)")!;
    assert.equal(step.result, "ok", step.detail);
    assert.match(step.detail ?? "", /^refused as expected \(.*replaces the deployment 'default'/);
    assert.equal(step.zeroDowntime!.failed, 0);
    const sets = s
      .calls()
      .filter((c) => c.args[0] === "config")
      .map((c) => `${c.args[2]}=${c.args[3]}`);
    assert.deepEqual(
      sets.filter((kv) => kv.startsWith("codeVersion=")),
      ["codeVersion=1", "codeVersion=2", "codeVersion=1"],
    );
  });

  it("--with-replacement: an up that is not refused fails the step", async () => {
    const s = setup();
    const { code } = await run(s, { withReplacement: true });
    assert.equal(code, 1);
    const report = JSON.parse(fs.readFileSync(s.report, "utf8")) as LiveReport;
    const step = report.steps.find((r) => r.step === "replace deployment (new code version)")!;
    assert.notEqual(step.result, "ok");
    assert.match(step.detail ?? "", /expected to be refused/);
  });

  it("a change whose scoring calls fail is reported as degraded with its figures, and the run fails at the end", async () => {
    const s = setup();
    const ups = () => s.calls().filter((c) => c.args[0] === "up" && !c.failed).length;
    const current = () =>
      (outputsSequence()[Math.max(ups(), 1) - 1].certificate as { fingerprintSha256: string })
        .fingerprintSha256;
    const probes = fakeProbes(current);
    const healthy = probes.call;
    // During the environment change (the third up), the front end answers 503.
    probes.call = async (t) =>
      ups() === 3
        ? {
            ok: false,
            start: Date.now(),
            end: Date.now(),
            status: 503,
            error: "HTTP 503: no healthy upstream",
          }
        : healthy(t);
    const { code } = await run(s, {}, probes);
    assert.equal(code, 1);
    const report = JSON.parse(fs.readFileSync(s.report, "utf8")) as LiveReport;
    const env = report.steps.find((r) => r.step === "change environment version")!;
    assert.equal(env.result, "degraded");
    assert.ok(env.zeroDowntime!.failed > 0);
    assert.deepEqual(env.zeroDowntime!.failures[0], {
      error: "HTTP 503: no healthy upstream",
      count: env.zeroDowntime!.failed,
    });
    assert.equal(report.steps.at(-1)!.step, "destroy", "the later steps still ran");
    assert.equal(report.result, "failed");
  });

  it("aks: a refusal of the legacy compute is reported as such, then destroyed", async () => {
    const s = setup({
      STANDIN_FAIL: "up",
      STANDIN_FAIL_MESSAGE: 'Code="BadRequest" Message="Creating AKS compute is no longer supported"',
    });
    const { code } = await run(s, { kind: "aks" });
    assert.equal(code, 1);
    assert.ok(s.calls().some((c) => c.args[0] === "config" && c.args[2] === "kind" && c.args[3] === "aks"));
    const report = JSON.parse(fs.readFileSync(s.report, "utf8")) as LiveReport;
    assert.equal(report.kind, "aks");
    assert.deepEqual(
      report.steps.slice(2).map((r) => [r.step, r.result]),
      [
        ["preflight", "ok"],
        ["up (aks, self-signed)", "failed"],
        ["destroy", "ok"],
      ],
    );
    assert.match(
      report.steps[3].detail!,
      /^Azure did not accept the legacy aks compute: pulumi up .* exited with 1: error: Code="BadRequest" Message="Creating AKS compute is no longer supported"$/,
    );
  });

  it("aks: self-signed, an in-place rotation under a handshake loop, then a Microsoft-managed certificate", async () => {
    const s = setup();
    const aks = (hostname: string, fp: string) => ({
      kind: "aks",
      hostname,
      frontEndIp: "203.0.113.20",
      scoringUris: { "sml-live": `https://${hostname}/api/v1/service/sml-live/score` },
      certificate: {
        fingerprintSha256: fp,
        rotatesAfter: "2027-01-02T00:00:00.000Z",
        selfSigned: fp !== FP("M"),
      },
    });
    // The Microsoft-managed name stands in as www.example.com (on the test certificate).
    fs.writeFileSync(
      s.env.STANDIN_OUTPUTS!,
      JSON.stringify([
        aks("ml.example.com", FP("A")),
        aks("ml.example.com", FP("B")),
        aks("www.example.com", FP("M")),
      ]),
    );
    const ups = () => s.calls().filter((c) => c.args[0] === "up" && !c.failed).length;
    const current = () => [FP("A"), FP("B"), FP("M")][Math.max(ups(), 1) - 1];
    const verified: string[] = [];
    const probes: Probes = {
      ...fakeProbes(current, verified),
      resolve: async () => ["203.0.113.20"],
      handshake: async () => ({
        fingerprint: current(),
        pem: leaf,
        tlsVersion: "TLSv1.2",
        publiclyTrusted: ups() === 3,
      }),
      call: async (t) => {
        assert.equal(t.key, undefined, "no key on the aks kind: any answer under 500 counts");
        return { ok: true, start: Date.now(), end: Date.now(), status: 404, fingerprint: current() };
      },
    };
    const { code, lines } = await run(s, { kind: "aks" }, probes);
    assert.equal(code, 0, lines.join("\n"));
    const report = JSON.parse(fs.readFileSync(s.report, "utf8")) as LiveReport;
    assert.deepEqual(
      report.steps.slice(2).map((r) => [r.step, r.result]),
      [
        ["preflight", "ok"],
        ["up (aks, self-signed)", "ok"],
        ["dns (aks)", "ok"],
        ["tls (aks)", "ok"],
        ["verify (aks)", "ok"],
        ["rotate certificate (aks sslConfiguration)", "ok"],
        ["up (aks, Microsoft-managed)", "ok"],
        ["dns (Azure's name)", "ok"],
        ["tls (Microsoft-managed)", "ok"],
        ["destroy", "ok"],
      ],
    );
    const rotation = report.steps[7].zeroDowntime!;
    assert.deepEqual(
      [rotation.fingerprintBefore, rotation.fingerprintAfter, rotation.failed],
      [FP("A"), FP("B"), 0],
    );
    assert.match(report.steps[8].detail!, /Azure's name: www\.example\.com$/);
    const sets = s
      .calls()
      .filter((c) => c.args[0] === "config")
      .map((c) => `${c.args[2]}=${c.args[3]}`);
    assert.ok(sets.includes("certificate=microsoftManaged"));
    assert.ok(sets.some((kv) => /^leafDomainLabel=sml[0-9a-f]{10}$/.test(kv)));
  });

  it("a missing workspace or zone is named before anything is created", async () => {
    const s = setup({ LIVE_WORKSPACE: "", LIVE_CLOUDFLARE_ZONE_ID: "" });
    const { code, lines } = await run(s, {});
    assert.equal(code, 0);
    assert.deepEqual(lines, [
      "live-check: skipped: missing LIVE_WORKSPACE, a DNS zone (LIVE_CLOUDFLARE_ZONE_ID with CLOUDFLARE_API_TOKEN, or LIVE_AZURE_DNS_ZONE with LIVE_AZURE_DNS_RESOURCE_GROUP)",
    ]);
    assert.deepEqual(verbs(s.calls()), ["version"]);
    assert.equal(fs.existsSync(s.env.LIVE_STATE_DIR!), false);
  });

  /** The driver in a child process of its own process group, as a shell runs it in a terminal. */
  function startDriver(s: ReturnType<typeof setup>) {
    const child = spawn(
      process.execPath,
      [
        "-r",
        "ts-node/register/transpile-only",
        path.join(__dirname, "..", "live", "live-check.ts"),
        "--program",
        s.program,
        "--report",
        s.report,
      ],
      {
        env: { ...s.env, DISABLE_V8_COMPILE_CACHE: "1" },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      },
    );
    let stdout = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stdout += c.toString()));
    const exited = new Promise<number | null>((r) => child.on("close", r));
    /** A terminal's Ctrl-C: SIGINT to every process of the foreground process group. */
    const ctrlC = () => process.kill(-child.pid!, "SIGINT");
    return { child, exited, ctrlC, out: () => stdout };
  }

  async function waitFor(s: ReturnType<typeof setup>, event: string, n = 1) {
    for (let i = 0; i < 600 && s.calls().filter((c) => c.event === event).length < n; i++)
      await new Promise((r) => setTimeout(r, 100));
  }

  it("Ctrl-C during up: pulumi (its own process group) gets exactly one SIGINT, the driver waits for it to exit, nothing is destroyed, the run is resumable (exit 130)", async () => {
    // The real driver in its own process: its preflight step would ask Azure, so it is skipped here.
    const s = setup({ STANDIN_HANG: "up", LIVE_SKIP_PREFLIGHT: "1" });
    const d = startDriver(s);
    try {
      await waitFor(s, "waiting");
      assert.ok(
        s.calls().some((c) => c.event === "waiting"),
        d.out(),
      );
      d.ctrlC();
      assert.equal(await d.exited, 130, d.out());
    } finally {
      if (d.child.exitCode === null) process.kill(-d.child.pid!, "SIGKILL");
    }
    // pulumi runs in a process group of its own, which a terminal's Ctrl-C does not reach
    // (where /proc tells: the kernel may merge two SIGINTs that arrive together, so the count
    // below alone cannot always see a second one).
    const ownGroup = (s.calls().find((c) => c.event === "waiting") as { ownGroup?: boolean | null }).ownGroup;
    if (ownGroup !== null) assert.equal(ownGroup, true, "pulumi is in its own process group");
    const events = s.calls().filter((c) => c.event && c.event !== "waiting");
    // Exactly one SIGINT (two would make Pulumi terminate instead of cancelling), and the stand-in's
    // graceful exit happened before the driver exited: it waited.
    assert.deepEqual(
      events.map((c) => [c.event, (c as { forced?: boolean }).forced ?? null]),
      [
        ["SIGINT", null],
        ["exited", false],
      ],
    );
    assert.equal(verbs(s.calls()).includes("destroy"), false);
    const stack = s.calls().find((c) => c.args[1] === "init")!.args[2];
    const dir = path.join(s.env.LIVE_STATE_DIR!, stack);
    const state = JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8"));
    assert.equal(state.phase, "checks");
    assert.deepEqual(state.done, ["install live/program dependencies", "init stack", "preflight"]);
    const out = d.out().trim().split("\n");
    assert.ok(
      out.some((l) => /pulumi is cancelling .* Ctrl-C again within 5 s/.test(l)),
      d.out(),
    );
    assert.equal(out.at(-6), `live-check: resume:  npm run live-check -- --resume ${dir}`);
    assert.equal((JSON.parse(fs.readFileSync(s.report, "utf8")) as LiveReport).result, "interrupted");
  });

  it("a second Ctrl-C soon after the first forces pulumi to stop (a second SIGINT), and says so", async () => {
    // The stand-in's graceful cancel takes a minute here: only a second SIGINT ends it sooner.
    const s = setup({ STANDIN_HANG: "up", STANDIN_CANCEL_MS: "60000", LIVE_SKIP_PREFLIGHT: "1" });
    const d = startDriver(s);
    try {
      await waitFor(s, "waiting");
      d.ctrlC();
      await waitFor(s, "SIGINT");
      d.ctrlC();
      assert.equal(await d.exited, 130, d.out());
    } finally {
      if (d.child.exitCode === null) process.kill(-d.child.pid!, "SIGKILL");
    }
    const events = s.calls().filter((c) => c.event && c.event !== "waiting");
    assert.deepEqual(
      events.map((c) => c.event),
      ["SIGINT", "SIGINT", "exited"],
    );
    assert.equal((events[2] as { forced?: boolean }).forced, true);
    assert.match(d.out(), /second Ctrl-C: pulumi was told to stop at once/);
  });
});
