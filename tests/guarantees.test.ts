// docs/guarantees.md: secrets never in plain text, determinism, safe defaults.
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { at, isWireSecret, Recorder } from "./mocks";
import { runPlan } from "../sdk/offline/plan";
import { build, quickstartArgs, T } from "./helpers/component";
import { fixtures } from "./helpers/openssl-certs";
import { ACME_EMAIL } from "./helpers/example-configs";
import type { SslMlClusterArgs } from "../sdk/types";

const EX = path.resolve(__dirname, "..", "examples");

/** A Cloudflare API token given to the component: it may appear only inside a secret. */
const TOKEN = "cf-guarantee-token-Zq81Lm";
const CONFIG: Record<string, Record<string, string>> = {
  "acme-cloudflare": { acmeEmail: ACME_EMAIL, cloudflareApiToken: TOKEN },
  "azure-dns": { acmeEmail: ACME_EMAIL },
};

/**
 * Paths of private-key material (a PEM block, or base64 of one), or of one of `tokens` (plain or
 * base64), that is not inside a secret.
 */
export function plainKeyMaterial(
  v: unknown,
  where: string,
  found: string[] = [],
  tokens: string[] = [TOKEN],
): string[] {
  if (isWireSecret(v)) return found;
  if (typeof v === "string") {
    if (tokens.some((t) => v.includes(t) || v.includes(Buffer.from(t).toString("base64"))))
      found.push(`${where} (token)`);
    else if (/PRIVATE KEY/.test(v)) found.push(where);
    else if (
      v.length >= 40 &&
      /^[A-Za-z0-9+/=\s]+$/.test(v) &&
      /PRIVATE KEY/.test(Buffer.from(v, "base64").toString("latin1"))
    ) {
      found.push(`${where} (base64)`);
    }
  } else if (Array.isArray(v)) v.forEach((x, i) => plainKeyMaterial(x, `${where}[${i}]`, found));
  else if (v && typeof v === "object")
    for (const [k, x] of Object.entries(v)) plainKeyMaterial(x, `${where}.${k}`, found);
  return found;
}

/** Everything registered, with the engine's additionalSecretOutputs applied to outputs as the engine does. */
function leaks(rec: Recorder): string[] {
  assert.ok(rec.registrations.length > 0, "the scan sees the registrations");
  const found: string[] = [];
  for (const r of rec.registrations) {
    plainKeyMaterial(r.inputs, `${r.name}.inputs`, found);
    const outputs = Object.fromEntries(
      Object.entries(r.outputs).filter(([k]) => !r.additionalSecretOutputs.includes(k)),
    );
    plainKeyMaterial(outputs, `${r.name}.outputs`, found);
  }
  [...rec.infos, ...rec.warnings].forEach((m, i) => plainKeyMaterial(m, `log[${i}]`, found));
  return found;
}

describe("guarantee: private keys never in plain text", () => {
  const f = fixtures();
  const scenarios: [string, SslMlClusterArgs][] = [
    ["kubernetes, self-signed", quickstartArgs()],
    ["kubernetes, self-signed RSA", quickstartArgs({ certificate: { selfSigned: { algorithm: "RSA" } } })],
    [
      "kubernetes, imported PEM",
      quickstartArgs({
        certificate: { imported: { certPem: f.read("fullchain.pem"), keyPem: f.read("leaf.key") } },
      }),
    ],
    [
      "kubernetes, imported bundle file",
      quickstartArgs({ certificate: { imported: { certFile: f.file("bundle-with-key.pem") } } }),
    ],
    [
      "kubernetes, imported PFX secret",
      quickstartArgs({
        certificate: {
          imported: {
            pfxBase64: pulumi.secret(f.bytes("leaf.pfx").toString("base64")),
            password: pulumi.secret("pfxpass"),
          },
        },
      }),
    ],
    [
      "kubernetes, encrypted key",
      quickstartArgs({
        certificate: {
          imported: { certPem: f.read("fullchain.pem"), keyPem: f.read("leaf.enc.key"), password: "s3cret" },
        },
      }),
    ],
    ["aks, self-signed", quickstartArgs({ cluster: { kind: "aks" }, services: [{ name: "svc" }] })],
    [
      "aks, imported, existing cluster",
      quickstartArgs({
        cluster: {
          kind: "aks",
          existingClusterId:
            "/subscriptions/s/resourceGroups/r/providers/Microsoft.ContainerService/managedClusters/c",
        },
        services: [{ name: "svc" }],
        certificate: { imported: { certPem: f.read("fullchain.pem"), keyPem: f.read("leaf.key") } },
      }),
    ],
    [
      "kubernetes, acme through Cloudflare, token given as plain text",
      quickstartArgs({
        certificate: { acme: { email: "ops@contoso.com" } },
        dns: { cloudflare: { zoneId: "0123456789abcdef0123456789abcdef", apiToken: TOKEN } },
      }),
    ],
    [
      "kubernetes, acme through Azure DNS",
      quickstartArgs({
        certificate: { acme: { email: "ops@contoso.com", keyType: "P256" } },
        dns: { azure: { zoneName: "example.com", resourceGroupName: "rg-dns" } },
      }),
    ],
    [
      "aks, acme through Cloudflare",
      quickstartArgs({
        cluster: { kind: "aks" },
        services: [{ name: "svc" }],
        certificate: { acme: { email: "ops@contoso.com" } },
        dns: { cloudflare: { zoneId: "0123456789abcdef0123456789abcdef", apiToken: TOKEN } },
      }),
    ],
  ];
  for (const [title, args] of scenarios) {
    it(`${title}: no key material outside secrets, outputs not secret but key-free`, async () => {
      const { rec, out, c } = await build(args);
      assert.deepEqual(leaks(rec), []);
      assert.ok(out.certificate && out.scoringUris, "the outputs scanned are there");
      assert.deepEqual(plainKeyMaterial(out, "outputs"), []);
      const keyBearing = rec.registrations.filter(
        (r) =>
          JSON.stringify(r.inputs).includes("PRIVATE KEY") ||
          JSON.stringify(r.inputs).includes("LS0tLS1CRUdJTiBQUklWQVRFIEtFWS") ||
          JSON.stringify(r.inputs).includes("LS0tLS1CRUdJTiBFQyBQUklWQVRF"),
      );
      assert.ok(keyBearing.length > 0, "the scan saw the key somewhere (inside a secret)");
      assert.equal(await pulumi.isSecret(c.certificate as pulumi.Output<unknown>), false);
    });
  }

  for (const example of ["quickstart", "legacy-aks", "existing-cluster", "acme-cloudflare", "azure-dns"]) {
    it(`examples/${example}: plan, registrations and stack outputs are key-free`, async () => {
      const { plan, recorder } = await runPlan(path.join(EX, example), { config: CONFIG[example] });
      assert.deepEqual(leaks(recorder), []);
      assert.equal(plan.resources.length, recorder.registrations.length);
      assert.ok(Object.keys(plan.outputs).length > 0, "the stack outputs scanned are there");
      assert.doesNotMatch(
        JSON.stringify(plan),
        /PRIVATE KEY|LS0tLS1CRUdJTiBQUklWQVRF|LS0tLS1CRUdJTiBFQyBQUklWQVRF|LS0tLS1CRUdJTiBSU0EgUFJJVkFURS/,
      );
      assert.ok(!JSON.stringify(plan).includes(TOKEN), "no token in the plan");
    });
  }

  it("the scanner itself finds plain and base64 key material, and tokens", () => {
    const pem = f.read("leaf.key");
    assert.deepEqual(plainKeyMaterial({ a: pem, b: Buffer.from(pem).toString("base64") }, "x"), [
      "x.a",
      "x.b (base64)",
    ]);
    assert.deepEqual(
      plainKeyMaterial(
        { c: { CF_DNS_API_TOKEN: TOKEN }, d: `Bearer ${Buffer.from(TOKEN).toString("base64")}`, e: "other" },
        "y",
      ),
      ["y.c.CF_DNS_API_TOKEN (token)", "y.d (token)"],
    );
  });
});

describe("guarantee: determinism (same inputs and clock, byte-identical registrations)", () => {
  for (const example of ["quickstart", "legacy-aks", "existing-cluster", "acme-cloudflare", "azure-dns"]) {
    it(`examples/${example}`, async () => {
      process.env.SSL_ML_CLUSTER_NOW = "2027-01-10T00:00:00Z";
      try {
        const one = await runPlan(path.join(EX, example), { config: CONFIG[example] });
        const two = await runPlan(path.join(EX, example), { config: CONFIG[example] });
        // Completion order of async registrations is the runtime's business; the set of (URN, inputs) is ours.
        const wire = (r: typeof one) =>
          r.recorder.registrations
            .map((x) => JSON.stringify([x.urn, x.inputs, x.replacementTrigger ?? null]))
            .sort();
        const a = wire(one);
        const b = wire(two);
        assert.ok(a.length > 0, "registrations compared");
        assert.equal(a.length, b.length);
        a.forEach((line, i) =>
          assert.ok(line === b[i], `registration ${line.slice(0, 160)}… differs between runs`),
        );
        assert.equal(JSON.stringify(one.plan.outputs), JSON.stringify(two.plan.outputs));
      } finally {
        delete process.env.SSL_ML_CLUSTER_NOW;
      }
    });
  }

  it("service order in args does not change what is registered", async () => {
    const a = await build(
      quickstartArgs({
        services: [
          { name: "b-svc", model: "azureml:m:1", environment: "azureml:env:1" },
          { name: "a-svc", model: "azureml:m:2", environment: "azureml:env:1" },
        ],
      }),
    );
    const b = await build(
      quickstartArgs({
        services: [
          { name: "a-svc", model: "azureml:m:2", environment: "azureml:env:1" },
          { name: "b-svc", model: "azureml:m:1", environment: "azureml:env:1" },
        ],
      }),
    );
    const names = (r: typeof a) =>
      r.rec.registrations.filter((x) => x.type === T.endpoint || x.type === T.deployment).map((x) => x.name);
    assert.deepEqual(names(a), ["ml-a-svc", "ml-b-svc", "ml-a-svc-default", "ml-b-svc-default"]);
    assert.deepEqual(names(b), names(a));
    assert.deepEqual(Object.keys(a.out.scoringUris as object), ["a-svc", "b-svc"], "scoringUris keys sorted");
  });
});

describe("guarantee: safe defaults", () => {
  it("TLS is on unless turned off explicitly; off means a warning and http URIs", async () => {
    const on = await build(quickstartArgs());
    assert.equal(
      (on.rec.one(T.ext).inputs.configurationSettings as Record<string, string>).allowInsecureConnections,
      "False",
    );
    const off = await build(quickstartArgs({ tlsEnabled: false, certificate: undefined as never }));
    const settings = off.rec.one(T.ext).inputs.configurationSettings as Record<string, string>;
    assert.equal(settings.allowInsecureConnections, "True");
    assert.equal(settings.sslCname, undefined);
    assert.equal(off.rec.one(T.ext).inputs.configurationProtectedSettings, undefined);
    assert.ok(off.rec.warnings.some((w) => /tlsEnabled is false/.test(w)));
    assert.equal(off.out.scoringUri, "http://ml.example.com/api/v1/endpoint/iris/score");
    assert.equal(off.out.certificate, undefined);
  });

  it("legacy aks with TLS off sends status Disabled, with the warning", async () => {
    const off = await build(
      quickstartArgs({
        tlsEnabled: false,
        certificate: undefined as never,
        cluster: { kind: "aks" },
        services: [{ name: "svc" }],
      }),
    );
    // Nothing secret is sent, so nothing is hidden from the preview.
    assert.equal(at(off.rec.one(T.compute).inputs, "properties").secret, false);
    const props = off.rec.one(T.compute).inputs.properties as { properties: { sslConfiguration: unknown } };
    assert.deepEqual(props.properties.sslConfiguration, { status: "Disabled" });
    assert.ok(off.rec.warnings.some((w) => /tlsEnabled is false/.test(w)));
  });
});
