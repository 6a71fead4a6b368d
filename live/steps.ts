// The live check's steps, in order, per kind. Each is timed and reported by the runner; a step that
// passed is skipped by `--resume`. docs/limits.md ties each open question to its step.
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { replaceFile } from "../sdk/common/private-file";
import { checkDns } from "./checks/dns";
import { startLoop, summarize } from "./checks/loop";
import { assertOwnHost, type CallTarget } from "./checks/score";
import { checkServed, normalizeFingerprint } from "./checks/tls";
import { preflightConfig } from "./checks/preflight";
import { Interrupted, type Context, type StackOutputs } from "./context";
import type { StepResult, ZeroDowntime } from "./report";

export interface StepOutcome {
  result?: StepResult;
  detail?: string;
  zeroDowntime?: ZeroDowntime;
}

export interface Step {
  name: string;
  run(ctx: Context): Promise<StepOutcome>;
}

/** A step that failed after measuring: the figures go into the report with the error. */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly zeroDowntime?: ZeroDowntime,
  ) {
    super(message);
  }
}

const portOf = (uri: string) => Number(new URL(uri).port || 443);
const firstUri = (o: StackOutputs) => Object.values(o.scoringUris)[0];
const servedPem = (ctx: Context) => path.join(ctx.state.dir, "served.pem");

function describeChanges(c: Record<string, number>): string {
  const parts = Object.entries(c)
    .filter(([k, n]) => k !== "same" && n > 0)
    .map(([k, n]) => `${k} ${n}`);
  return parts.length ? `pulumi: ${parts.join(", ")}` : "pulumi: no change";
}

/** `pulumi config set` of `config`, then `pulumi up`. */
function upStep(
  name: string,
  config: Record<string, string>,
  note?: (ctx: Context) => Promise<string>,
): Step {
  return {
    name,
    async run(ctx) {
      await ctx.pulumi.setConfig(config);
      await ctx.pulumi.up();
      const changes = await ctx.pulumi.lastChanges();
      const o = await ctx.refreshOutputs();
      return {
        detail: [describeChanges(changes), `front end ${o.frontEndIp}`, note ? await note(ctx) : ""]
          .filter(Boolean)
          .join("; "),
      };
    },
  };
}

function dnsStep(name: string): Step {
  return {
    name,
    async run(ctx) {
      const o = await ctx.outputs();
      const answers = await ctx.until(`DNS for ${o.hostname}`, () =>
        checkDns(o.hostname, o.frontEndIp, ctx.probes.resolve),
      );
      return { detail: `${o.hostname} -> ${answers.join(", ")} (public resolver)` };
    },
  };
}

/** The address DNS gives for the stack's hostname (through the same resolver as the DNS step). */
async function addressOf(ctx: Context, o: StackOutputs): Promise<string> {
  const [address] = await ctx.probes.resolve(o.hostname);
  if (!address) throw new Error(`${o.hostname} has no DNS answer`);
  return address;
}

/** Waits until the front end serves `fingerprint` for the hostname, through DNS. */
async function waitServed(ctx: Context, o: StackOutputs, fingerprint: string, publicCa: boolean) {
  return ctx.until(`the front end serving ${fingerprint.slice(0, 23)}…`, async () => {
    const served = await ctx.probes.handshake(await addressOf(ctx, o), portOf(firstUri(o)), o.hostname);
    checkServed(served, o.hostname, fingerprint, publicCa);
    return served;
  });
}

function tlsStep(name: string, publicCa = false): Step {
  return {
    name,
    async run(ctx) {
      const o = await ctx.outputs();
      if (!o.certificate) throw new Error("the stack has no certificate output");
      const served = await waitServed(ctx, o, o.certificate.fingerprintSha256, publicCa);
      // The served leaf, now known to be the stack's: the trust anchor of `verify --ca` (self-signed).
      replaceFile(servedPem(ctx), served.pem, 0o644);
      return {
        detail: `${served.tlsVersion}, ${served.fingerprint.slice(0, 23)}… = the stack's certificate`,
      };
    },
  };
}

/** The loop's target for a URI: only the stack's own hostname, at the address DNS gives. */
async function callTarget(
  ctx: Context,
  o: StackOutputs,
  service: string,
  withKey: boolean,
): Promise<CallTarget> {
  const t: CallTarget = {
    uri: o.scoringUris[service],
    hostname: o.hostname,
    address: await addressOf(ctx, o),
  };
  assertOwnHost(t);
  if (withKey) {
    const key = o.endpointKeys?.[service];
    if (!key) throw new Error(`the stack has no endpoint key for ${service} (endpointKeys output)`);
    t.key = key;
  }
  return t;
}

function scoreStep(name: string): Step {
  return {
    name,
    async run(ctx) {
      const o = await ctx.outputs();
      const done: string[] = [];
      for (const service of Object.keys(o.scoringUris)) {
        const t = await callTarget(ctx, o, service, true);
        await ctx.until(`a 200 with the score from ${t.uri}`, async () => {
          const r = await ctx.probes.call(t);
          if (!r.ok) throw new Error(r.error ?? "failed");
          if (
            o.certificate &&
            normalizeFingerprint(r.fingerprint ?? "") !==
              normalizeFingerprint(o.certificate.fingerprintSha256)
          )
            throw new Error(`served ${r.fingerprint}, not the stack's certificate`);
        });
        done.push(service);
      }
      return { detail: `200 and the expected score from ${done.join(", ")}` };
    },
  };
}

function verifyStep(name: string, selfSigned: boolean): Step {
  return {
    name,
    async run(ctx) {
      const o = await ctx.outputs();
      // The outputs verify reads, without the endpoint keys or any other secret (nothing secret on disk).
      const rest = Object.fromEntries(
        Object.entries(o.raw).filter(([k]) => k !== "endpointKeys" && !ctx.pulumi.secretOutputs.has(k)),
      );
      const file = path.join(ctx.state.dir, "outputs.json");
      replaceFile(file, JSON.stringify(rest, null, 2), 0o600);
      const ca = selfSigned && fs.existsSync(servedPem(ctx)) ? servedPem(ctx) : undefined;
      return { detail: await ctx.probes.verify(file, ca, Math.round(ctx.timing.waitMs / 1000)) };
    },
  };
}

/**
 * A change applied while the scoring loop runs: `apply` sets config (or the clock), then `pulumi
 * up`; with `newCertificate`, the loop also waits until the front end serves the new certificate.
 * The loop keeps calling for `holdMs` after that. Reports the zero-downtime figures.
 */
function measuredChange(
  name: string,
  apply: (ctx: Context, before: StackOutputs) => Promise<void>,
  o: {
    newCertificate?: boolean;
    withKey: boolean;
    /**
     * The up is expected to fail with this message (the component refuses the change before any
     * step): the step passes when it does, and reports the calls as for any other change.
     */
    expectRefusal?: { message: RegExp; undo: (ctx: Context) => Promise<void> };
  },
): Step {
  return {
    name,
    async run(ctx) {
      const before = await ctx.outputs();
      const target = await callTarget(ctx, before, Object.keys(before.scoringUris)[0], o.withKey);
      const interval = ctx.timing.loopIntervalMs;
      const from = Date.now();
      const loop = startLoop({
        call: () => ctx.probes.call(target),
        intervalMs: interval,
        maxCalls: Math.ceil(ctx.timing.loopMaxMs / interval),
        maxMs: ctx.timing.loopMaxMs,
      });
      let changes: Record<string, number> | undefined;
      let after: StackOutputs | undefined;
      let error: Error | undefined;
      try {
        await apply(ctx, before);
        await ctx.pulumi.up();
        changes = await ctx.pulumi.lastChanges();
        after = await ctx.refreshOutputs();
        const fpBefore = before.certificate?.fingerprintSha256;
        const fpAfter = after.certificate?.fingerprintSha256;
        if (o.newCertificate) {
          if (!fpAfter || fpAfter === fpBefore) throw new Error("the stack's certificate did not change");
          await waitServed(ctx, after, fpAfter, false);
        }
        await ctx.sleep(ctx.timing.holdMs);
        ctx.checkInterrupted();
      } catch (e) {
        error = e as Error;
      }
      let refused: string | undefined;
      if (
        o.expectRefusal &&
        error &&
        !(error instanceof Interrupted) &&
        o.expectRefusal.message.test(error.message)
      ) {
        const line = error.message.split("\n").find((l) => o.expectRefusal!.message.test(l)) ?? error.message;
        // The component's message, without the CLI's prefix (".. exited with 1: error: ").
        const at = line.lastIndexOf("error: ");
        refused = at >= 0 ? line.slice(at + "error: ".length) : line;
        error = undefined;
        await o.expectRefusal.undo(ctx);
      } else if (o.expectRefusal && !error) {
        error = new Error("the up was expected to be refused before any step, and it succeeded");
      }
      const results = await loop.stop();
      const trusted = [before.certificate?.fingerprintSha256, after?.certificate?.fingerprintSha256].filter(
        (f): f is string => !!f,
      );
      const z: ZeroDowntime = { ...summarize(results, from, Date.now(), trusted), changes };
      if (error) throw error instanceof Interrupted ? error : new StepFailure(error.message, z);
      const why = z.failures[0]
        ? `; most frequent failure: ${z.failures[0].error} (${z.failures[0].count})`
        : "";
      return {
        result: z.failed === 0 ? "ok" : "degraded",
        detail: `${refused ? `refused as expected (${refused.trim().slice(0, 240)}); ` : ""}${z.failed} of ${z.calls} calls failed, longest gap ${(z.longestGapMs / 1000).toFixed(2)} s; ${describeChanges(changes ?? {})}${why}`,
        zeroDowntime: z,
      };
    },
  };
}

/** Moves the rotation clock past the certificate's rotatesAfter: the next `up` makes a new one. */
async function moveClock(ctx: Context, before: StackOutputs): Promise<void> {
  const after = before.certificate?.rotatesAfter;
  if (!after) throw new Error("the certificate output has no rotatesAfter (not a self-signed certificate?)");
  ctx.state.progress.clock = new Date(Date.parse(after) + 60_000).toISOString();
  ctx.state.save();
}

/**
 * `ssl-ml-cluster preflight` with the stack's configuration, before the first `pulumi up`: a FAIL
 * stops the run before anything is created in Azure (docs/preflight.md).
 */
function preflightStep(): Step {
  return {
    name: "preflight",
    async run(ctx) {
      const p = ctx.state.progress;
      return { detail: await ctx.probes.preflight(p.programDir, p.stack, preflightConfig(p)) };
    },
  };
}

const setConfig = (config: Record<string, string>) => (ctx: Context) => ctx.pulumi.setConfig(config);

/** Azure's answer when it no longer creates legacy AKS computes, as far as messages show it. */
export const AKS_REFUSED = /not supported|deprecat|retire|no longer|InvalidComputeType/i;

export function kubernetesSteps(withReplacement: boolean): Step[] {
  const steps: Step[] = [
    preflightStep(),
    upStep("up (RSA)", { certificateAlgorithm: "RSA" }),
    dnsStep("dns"),
    tlsStep("tls (RSA)"),
    scoreStep("score (RSA)"),
    verifyStep("verify (RSA)", true),
    measuredChange("rotate certificate", moveClock, { newCertificate: true, withKey: true }),
    measuredChange("change environment version", setConfig({ environmentVersion: "2" }), { withKey: true }),
    measuredChange("endpoint-only change", setConfig({ endpointNote: "changed by the live check" }), {
      withKey: true,
    }),
    measuredChange("switch to ECDSA", setConfig({ certificateAlgorithm: "ECDSA" }), {
      newCertificate: true,
      withKey: true,
    }),
    tlsStep("tls (ECDSA)"),
    scoreStep("score (ECDSA)"),
  ];
  if (withReplacement)
    steps.push(
      // azure-native replaces a deployment whose code asset changes, delete-first; the component
      // refuses that before any step (docs/live-check-and-traffic.md): the step checks the refusal
      // and that the endpoint kept answering meanwhile.
      measuredChange("replace deployment (new code version)", setConfig({ codeVersion: "2" }), {
        expectRefusal: {
          message: /replaces the deployment 'default'/,
          undo: setConfig({ codeVersion: "1" }),
        },
        withKey: true,
      }),
    );
  return steps;
}

export function aksSteps(stack: string): Step[] {
  const label = `sml${crypto.createHash("sha256").update(stack).digest("hex").slice(0, 10)}`;
  return [
    preflightStep(),
    upStep("up (aks, self-signed)", { certificateAlgorithm: "RSA" }),
    dnsStep("dns (aks)"),
    tlsStep("tls (aks)"),
    verifyStep("verify (aks)", true),
    measuredChange("rotate certificate (aks sslConfiguration)", moveClock, {
      newCertificate: true,
      withKey: false,
    }),
    upStep(
      "up (aks, Microsoft-managed)",
      { certificate: "microsoftManaged", leafDomainLabel: label },
      async (ctx) => {
        const o = await ctx.outputs();
        return `Azure's name: ${o.hostname}`;
      },
    ),
    dnsStep("dns (Azure's name)"),
    tlsStep("tls (Microsoft-managed)", true),
  ];
}
