// The inputs schema.json marks secret (a key, a password, a PKCS#12, an API token) through `construct`,
// sent plain, as a Python, Go, .NET or YAML program whose SDK does not mark them would send them:
// the component gets them as secrets, and nothing the engine would record (a child's inputs or
// outputs, the component's outputs, a log line) holds them in plain text.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { at, freshRuntime, isWireSecret, Recorder } from "./mocks";
import { quickstartArgs, T } from "./helpers/component";
import { direct, frontEnd, hostInputs, plainWire, viaConstruct } from "./helpers/construct";
import { fixtures } from "./helpers/openssl-certs";
import { SslMlClusterProvider } from "../sdk/provider/provider";
import type { SslMlClusterArgs } from "../sdk/types";

const ROOT = path.resolve(__dirname, "..");
const ZONE = "0123456789abcdef0123456789abcdef";
const TOKEN = "cf-plain-token-Q8v3Lr2Wn5";
const PASSWORD = "pfxpass";

// How the provider host serializes `construct`'s state for the engine (internal, so typed here).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rpc = require("@pulumi/pulumi/runtime/rpc") as {
  serializeResourceProperties(label: string, props: Record<string, unknown>): Promise<[unknown, unknown]>;
};

/**
 * Where a wire-form value holds one of `needles` outside a secret: in plain text, or inside a
 * base64 string (the extension's protected settings are base64 PEM).
 */
function plaintext(v: unknown, needles: string[], where: string, found: string[] = []): string[] {
  if (isWireSecret(v)) return found;
  if (typeof v === "string") {
    const decoded = Buffer.from(v, "base64").toString("latin1");
    for (const n of needles) if (v.includes(n) || decoded.includes(n)) found.push(`${where}: ${n}`);
  } else if (Array.isArray(v)) {
    v.forEach((x, i) => plaintext(x, needles, `${where}[${i}]`, found));
  } else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) plaintext(x, needles, `${where}.${k}`, found);
  }
  return found;
}

/** Every place of a construct run that the engine would record, searched for the needles. */
async function recordedPlaintext(
  c: { rec: Recorder; state: Record<string, unknown> },
  needles: string[],
): Promise<string[]> {
  assert.ok(c.rec.registrations.length > 5, "the component registered its children");
  const found: string[] = [];
  for (const r of c.rec.registrations) {
    plaintext(r.inputs, needles, `${r.name} inputs`, found);
    // The engine makes a resource's additionalSecretOutputs secret before it records them.
    const outputs = Object.entries(r.outputs).filter(([k]) => !r.additionalSecretOutputs.includes(k));
    plaintext(Object.fromEntries(outputs), needles, `${r.name} outputs`, found);
  }
  const [state] = await rpc.serializeResourceProperties("construct", c.state);
  plaintext(state, needles, "component outputs", found);
  plaintext([...c.rec.warnings, ...c.rec.infos], needles, "log", found);
  return found;
}

/** A run of base64 from the middle of a PEM private key: in the key, and nowhere else. */
function keyMaterial(pem: string): string {
  const body = pem.split("\n").filter((l) => l && !l.startsWith("-----"));
  return body[Math.floor(body.length / 2)];
}

async function withNow<T>(fn: () => Promise<T>): Promise<T> {
  const prev = { now: process.env.SSL_ML_CLUSTER_NOW, token: process.env.CLOUDFLARE_API_TOKEN };
  process.env.SSL_ML_CLUSTER_NOW = "2027-01-10T00:00:00Z";
  delete process.env.CLOUDFLARE_API_TOKEN;
  try {
    return await fn();
  } finally {
    for (const [k, v] of [
      ["SSL_ML_CLUSTER_NOW", prev.now],
      ["CLOUDFLARE_API_TOKEN", prev.token],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe("secret inputs sent plain through construct", () => {
  const f = fixtures();
  const bundleArgs = () =>
    quickstartArgs({ certificate: { imported: { certPem: f.read("bundle-with-key.pem") } } });
  const pemArgs = () =>
    quickstartArgs({
      certificate: { imported: { certPem: f.read("fullchain.pem"), keyPem: f.read("leaf.key") } },
    });
  const pfx = () => f.bytes("leaf.pfx").toString("base64");
  const pfxArgs = () =>
    quickstartArgs({ certificate: { imported: { pfxBase64: pfx(), password: PASSWORD } } });
  const acmeArgs = (): SslMlClusterArgs =>
    quickstartArgs({
      certificate: { acme: { email: "ops@example.org" } },
      dns: { cloudflare: { zoneId: ZONE, apiToken: TOKEN } },
    });

  it("the component gets each one as a secret Output; the rest as sent", async () => {
    const provider = new SslMlClusterProvider({ dirname: ROOT });
    const secret = async (v: unknown) => pulumi.Output.isInstance(v) && (await pulumi.isSecret(v));
    const imp = async (args: SslMlClusterArgs) => {
      const got = await provider.componentArgs(T.component, await hostInputs(plainWire(args)));
      return got.args.certificate.imported!;
    };
    const pem = await imp(pemArgs());
    assert.equal(await secret(pem.certPem), true, "certPem");
    assert.equal(await secret(pem.keyPem), true, "keyPem");
    const p = await imp(pfxArgs());
    assert.equal(await secret(p.pfxBase64), true, "pfxBase64");
    assert.equal(await secret(p.password), true, "password");
    const files = quickstartArgs({
      certificate: {
        imported: { certFile: f.file("fullchain.pem"), keyFile: f.file("leaf.key"), chainPem: "x" },
      },
    });
    const byFile = await imp(files);
    assert.equal(byFile.certFile, f.file("fullchain.pem"), "a file path stays a plain string");
    assert.equal(await secret(byFile.chainPem), false, "chainPem holds certificates only");
    const acme = await provider.componentArgs(T.component, await hostInputs(plainWire(acmeArgs())));
    assert.equal(await secret(acme.args.dns!.cloudflare!.apiToken), true, "apiToken");
    assert.equal(acme.args.dns!.cloudflare!.zoneId, ZONE, "the zone ID is not secret");
    assert.equal(acme.args.hostname, "ml.example.com");
  });

  it("a PEM key: secret in the front end's settings; nowhere in plain text", async () => {
    const key = f.read("leaf.key");
    const c = await viaConstruct(() => plainWire(pemArgs()));
    assert.equal(frontEnd(c.rec).secret, true);
    assert.equal(frontEnd(c.rec).key, key, "the key itself reached it");
    assert.deepEqual(await recordedPlaintext(c, [keyMaterial(key)]), []);
    const d = await direct(pemArgs());
    assert.deepEqual(
      c.out.certificate,
      d.out.certificate,
      "the certificate's public facts as in the direct use",
    );
    assert.equal(await pulumi.isSecret(pulumi.output(c.state.certificate)), false, "and not secret");
  });

  it("a key inside certPem (a bundle): nowhere in plain text, and the certificate output stays public", async () => {
    const c = await viaConstruct(() => plainWire(bundleArgs()));
    assert.deepEqual(await recordedPlaintext(c, [keyMaterial(f.read("leaf.key"))]), []);
    const cert = c.out.certificate as { subject: string };
    assert.equal(cert.subject, "CN=ml.example.com");
    assert.equal(await pulumi.isSecret(pulumi.output(c.state.certificate)), false);
  });

  it("a PKCS#12 and its password: nowhere in plain text", async () => {
    const c = await viaConstruct(() => plainWire(pfxArgs()));
    assert.equal(frontEnd(c.rec).secret, true);
    assert.equal(frontEnd(c.rec).key.includes(keyMaterial(f.read("leaf.key"))), true, "the key reached it");
    const needles = [PASSWORD, pfx().slice(200, 260), keyMaterial(f.read("leaf.key"))];
    assert.deepEqual(await recordedPlaintext(c, needles), []);
  });

  it("a Cloudflare API token: secret in the DNS-01 challenge; nowhere in plain text", async () => {
    const c = await withNow(() => viaConstruct(() => plainWire(acmeArgs())));
    const challenge = (c.rec.one("acme:index/certificate:Certificate").inputs.dnsChallenges as unknown[])[0];
    const config = at(challenge as Record<string, unknown>, "config");
    assert.equal(config.secret, true);
    assert.deepEqual(
      config.value,
      { CLOUDFLARE_DNS_API_TOKEN: TOKEN, CLOUDFLARE_ZONE_API_TOKEN: TOKEN },
      "the token itself reached it, under lego's names",
    );
    // The explicit Cloudflare provider made from the same token holds it as a secret too.
    assert.equal(at(c.rec.one("pulumi:providers:cloudflare").inputs, "apiToken").secret, true);
    assert.deepEqual(await recordedPlaintext(c, [TOKEN]), []);
  });

  it("a malformed plain token is refused before anything registers, as in the direct use", async () => {
    const bad = (): SslMlClusterArgs => ({
      ...acmeArgs(),
      dns: { cloudflare: { zoneId: ZONE, apiToken: "two words" } },
    });
    const expected = await direct(bad()).then(
      () => assert.fail("the direct use must refuse the token"),
      (e: Error) => e.message,
    );
    assert.match(
      expected,
      /^dns\.cloudflare\.apiToken: must be a Cloudflare API token \(one word, no spaces\)/,
    );
    const rec = freshRuntime();
    const provider = new SslMlClusterProvider({ dirname: ROOT });
    await assert.rejects(
      provider.construct("ml", T.component, await hostInputs(plainWire(bad())), {}),
      (e: Error) => e.message === expected,
    );
    await rec.settled();
    assert.deepEqual(rec.registrations, [], "nothing registered");
  });

  it("a key that does not match the certificate fails with the direct use's message", async () => {
    const mismatch = () =>
      quickstartArgs({
        certificate: { imported: { certPem: f.read("fullchain.pem"), keyPem: f.read("ec.key") } },
      });
    const expected = await direct(mismatch()).then(
      () => assert.fail("the direct use must refuse the key"),
      (e: Error) => e.message,
    );
    assert.match(expected, /KEY_MISMATCH/);
    await assert.rejects(
      viaConstruct(() => plainWire(mismatch())),
      (e: Error) => e.message === expected,
    );
  });
});
