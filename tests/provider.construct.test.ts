// construct as the provider host calls it (other Pulumi languages): inputs go through the host's own
// deserializeInputs (@pulumi/pulumi/provider/server), so a secret or dependent top-level input
// arrives as an Output, exactly as in a deployment. The component must build the same resources as
// the direct TypeScript use.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { at, freshRuntime, Recorder, resolveOutput, settle } from "./mocks";
import { quickstartArgs, T } from "./helpers/component";
import { fixtures } from "./helpers/openssl-certs";
import { SslMlCluster } from "../sdk/component";
import { SslMlClusterProvider } from "../sdk/provider/provider";
import type { SslMlClusterArgs } from "../sdk/types";

const ROOT = path.resolve(__dirname, "..");
// The host's own deserialization of construct inputs (internal to @pulumi/pulumi, so typed here).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { deserializeInputs } = require("@pulumi/pulumi/provider/server") as {
  deserializeInputs(
    inputs: { toJavaScript(): unknown },
    dependencies: Map<string, { getUrnsList(): string[] }>,
  ): Promise<pulumi.Inputs>;
};
// The wire signatures of @pulumi/pulumi/runtime/rpc (a secret, an unknown value).
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const OUTPUT_VALUE = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

const OUTPUTS = [
  "hostname",
  "frontEndIp",
  "scoringUris",
  "scoringUri",
  "certificate",
  "computeId",
  "dnsRecord",
];

/** A top-level input as the engine sends it. */
interface Wire {
  value: unknown;
  secret?: boolean;
  dependsOn?: string[];
}

/** The inputs `construct` receives for these wire values: the host's own deserialization. */
async function hostInputs(wire: Record<string, Wire>): Promise<pulumi.Inputs> {
  const struct: Record<string, unknown> = {};
  const deps = new Map<string, { getUrnsList(): string[] }>();
  for (const [k, w] of Object.entries(wire)) {
    struct[k] = w.secret ? { [SIG]: SECRET, value: w.value } : w.value;
    if (w.dependsOn) deps.set(k, { getUrnsList: () => w.dependsOn! });
  }
  return deserializeInputs({ toJavaScript: () => struct }, deps);
}

function plainWire(args: SslMlClusterArgs): Record<string, Wire> {
  return Object.fromEntries(Object.entries(args).map(([k, v]) => [k, { value: v }]));
}

function children(rec: Recorder): string[] {
  return rec.registrations.map((r) => `${r.op} ${r.type} ${r.name}`).sort();
}

async function direct(args: SslMlClusterArgs) {
  const rec = freshRuntime();
  const c = new SslMlCluster("ml", args);
  const out = await settle(rec, Object.fromEntries(OUTPUTS.map((k) => [k, (c as never)[k]])));
  return { rec, out };
}

/** A resource registered before the component, standing for "another resource" in the program. */
class Model extends pulumi.CustomResource {
  constructor(name: string) {
    super("test:index:Model", name, {});
  }
}
function otherResource(): pulumi.CustomResource {
  return new Model("model-source");
}

async function viaConstruct(
  wire: (modelUrn: string) => Record<string, Wire>,
  options: { preview?: boolean; programDir?: string } = {},
) {
  const rec = freshRuntime({ preview: options.preview });
  const modelUrn = await resolveOutput(otherResource().urn);
  const provider = new SslMlClusterProvider({ dirname: ROOT, programDir: options.programDir });
  const inputs = await hostInputs(wire(modelUrn));
  const result = await provider.construct("ml", T.component, inputs, {});
  const state = result.state as Record<string, pulumi.Input<unknown>>;
  const out = await settle(rec, Object.fromEntries(OUTPUTS.map((k) => [k, state[k]])));
  return { rec, out, modelUrn, state, inputs };
}

/** The registrations without the stand-in "other resource". */
function withoutSource(rec: Recorder): string[] {
  return children(rec).filter((c) => !c.includes("test:index:Model"));
}

describe("construct, as the provider host calls it", function () {
  const f = fixtures();
  const importedArgs = (): SslMlClusterArgs =>
    quickstartArgs({
      certificate: { imported: { certPem: f.read("fullchain.pem"), keyPem: f.read("leaf.key") } },
    });

  it("plain inputs: the same children, URIs, DNS record and certificate as the direct use", async () => {
    const d = await direct(quickstartArgs());
    const c = await viaConstruct(() => plainWire(quickstartArgs()));
    assert.deepEqual(withoutSource(c.rec), children(d.rec));
    assert.deepEqual(c.out.scoringUris, { iris: "https://ml.example.com/api/v1/endpoint/iris/score" });
    assert.deepEqual(c.out.dnsRecord, d.out.dnsRecord);
    assert.equal(c.out.hostname, "ml.example.com");
    assert.equal(c.out.computeId, d.out.computeId);
  });

  it("certificate as a secret Output (an imported PEM key): same resources, the key stays secret", async () => {
    const d = await direct(importedArgs());
    const c = await viaConstruct(() => ({
      ...plainWire(importedArgs()),
      certificate: { value: importedArgs().certificate, secret: true },
    }));
    assert.ok(pulumi.Output.isInstance(c.inputs.certificate), "the host passed certificate as an Output");
    assert.deepEqual(withoutSource(c.rec), children(d.rec));
    const ext = (rec: Recorder) => rec.one(T.ext).inputs;
    const key = at(ext(c.rec), "configurationProtectedSettings.scoringFe.sslKey");
    assert.equal(key.secret, true, "the key is a secret on the wire");
    assert.equal(key.value, at(ext(d.rec), "configurationProtectedSettings.scoringFe.sslKey").value);
    assert.equal(
      at(ext(c.rec), "configurationProtectedSettings.scoringFe.sslCert").value,
      at(ext(d.rec), "configurationProtectedSettings.scoringFe.sslCert").value,
    );
    const cert = c.out.certificate as { dnsNames: string[]; selfSigned: boolean };
    assert.deepEqual(cert.dnsNames, ["ml.example.com", "www.example.com"]);
    assert.equal(cert.selfSigned, false);
    assert.deepEqual(c.out.scoringUris, d.out.scoringUris);
    assert.deepEqual(c.out.dnsRecord, d.out.dnsRecord);
  });

  it("services as an Output (a model ID from another resource): same endpoints, and they depend on it", async () => {
    const d = await direct(quickstartArgs());
    const c = await viaConstruct((urn) => ({
      ...plainWire(quickstartArgs()),
      services: { value: quickstartArgs().services, dependsOn: [urn] },
    }));
    assert.ok(pulumi.Output.isInstance(c.inputs.services), "the host passed services as an Output");
    assert.deepEqual(withoutSource(c.rec), children(d.rec));
    const deployment = c.rec.byName("ml-iris-default")!;
    assert.equal(
      at(deployment.inputs, "onlineDeploymentProperties.model").value,
      at(d.rec.byName("ml-iris-default")!.inputs, "onlineDeploymentProperties.model").value,
    );
    assert.ok(deployment.dependencies.includes(c.modelUrn), "the deployment waits for the model's resource");
    assert.ok(c.rec.one(T.component).dependencies.includes(c.modelUrn), "so does the component");
    assert.deepEqual(c.out.scoringUris, { iris: "https://ml.example.com/api/v1/endpoint/iris/score" });
    assert.deepEqual(c.out.dnsRecord, d.out.dnsRecord);
  });

  it("output values nested in a plain argument (a secret key, a dependent model): same resources", async () => {
    const d = await direct(importedArgs());
    const c = await viaConstruct((urn) => {
      const a = importedArgs();
      return {
        ...plainWire(a),
        certificate: {
          value: {
            imported: {
              certPem: a.certificate.imported!.certPem,
              keyPem: { [SIG]: OUTPUT_VALUE, value: a.certificate.imported!.keyPem, secret: true },
            },
          },
        },
        services: {
          value: [
            {
              name: "iris",
              model: { [SIG]: OUTPUT_VALUE, value: "azureml:iris:1", dependencies: [urn] },
              environment: "azureml:sklearn-env:1",
            },
          ],
        },
      };
    });
    assert.equal(pulumi.Output.isInstance(c.inputs.certificate), false, "passed plain, with Outputs inside");
    assert.deepEqual(withoutSource(c.rec), children(d.rec));
    const key = at(c.rec.one(T.ext).inputs, "configurationProtectedSettings.scoringFe.sslKey");
    assert.equal(key.secret, true);
    assert.ok(c.rec.byName("ml-iris-default")!.dependencies.includes(c.modelUrn));
  });

  it("preview, another plain value not known yet: an ArgumentError that names it", async () => {
    await assert.rejects(
      viaConstruct(
        (urn) => ({
          ...plainWire(quickstartArgs()),
          cluster: { value: { kind: UNKNOWN }, dependsOn: [urn] },
        }),
        {
          preview: true,
        },
      ),
      /^ArgumentError: cluster\.kind: is not known yet in this preview, and it decides which resources the component creates/,
    );
  });

  for (const shape of ["plain", "certificate secret", "services dependent"] as const) {
    it(`a bad hostname fails with the direct use's message (${shape})`, async () => {
      const bad = { hostname: "ml..example.com" };
      const expected = await direct({ ...importedArgs(), ...bad }).then(
        () => assert.fail("the direct use must refuse the hostname"),
        (e: Error) => e.message,
      );
      assert.equal(
        expected,
        'hostname: "ml..example.com" has an empty label (two dots in a row, or a leading dot)',
      );
      const wire = (urn: string): Record<string, Wire> => {
        const w = plainWire({ ...importedArgs(), ...bad });
        if (shape === "certificate secret")
          w.certificate = { value: importedArgs().certificate, secret: true };
        if (shape === "services dependent") w.services = { value: importedArgs().services, dependsOn: [urn] };
        return w;
      };
      await assert.rejects(viaConstruct(wire), (e: Error) => {
        assert.equal(e.message, expected);
        return true;
      });
    });
  }

  it("relative certificate files resolve against the program's directory, not the provider's", async () => {
    const programDir = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-program-"));
    try {
      fs.mkdirSync(path.join(programDir, "certs"));
      fs.copyFileSync(f.file("fullchain.pem"), path.join(programDir, "certs", "fullchain.pem"));
      fs.copyFileSync(f.file("leaf.key"), path.join(programDir, "certs", "leaf.key"));
      assert.equal(
        fs.existsSync(path.resolve("certs/fullchain.pem")),
        false,
        "not found from the test's cwd",
      );
      const files = { imported: { certFile: "certs/fullchain.pem", keyFile: "certs/leaf.key" } };
      const c = await viaConstruct(() => plainWire(quickstartArgs({ certificate: files })), { programDir });
      const d = await direct(importedArgs());
      assert.equal(
        at(c.rec.one(T.ext).inputs, "configurationProtectedSettings.scoringFe.sslKey").value,
        at(d.rec.one(T.ext).inputs, "configurationProtectedSettings.scoringFe.sslKey").value,
      );
    } finally {
      fs.rmSync(programDir, { recursive: true, force: true });
    }
  });

  it("preview, a model not known yet: the endpoints are registered with an unknown model", async () => {
    const c = await viaConstruct(
      (urn) => ({
        ...plainWire(quickstartArgs()),
        services: {
          value: [{ name: "iris", model: UNKNOWN, environment: "azureml:sklearn-env:1" }],
          dependsOn: [urn],
        },
      }),
      { preview: true },
    );
    assert.ok(c.rec.byName("ml-iris"), "the endpoint is in the preview");
    assert.ok(c.rec.byName("ml-iris-default"), "the deployment is in the preview");
    assert.deepEqual(c.out.scoringUris, { iris: "https://ml.example.com/api/v1/endpoint/iris/score" });
  });

  it("preview, the service list itself not known yet: no endpoints, unknown URIs, a warning", async () => {
    const c = await viaConstruct(
      (urn) => ({ ...plainWire(quickstartArgs()), services: { value: UNKNOWN, dependsOn: [urn] } }),
      { preview: true },
    );
    assert.equal(c.rec.byType(T.endpoint).length, 0);
    assert.equal(c.rec.byType(T.deployment).length, 0);
    assert.equal(c.out.scoringUris, undefined, "unknown in the preview");
    assert.equal(
      await (pulumi.output(c.state.scoringUris) as unknown as { isKnown: Promise<boolean> }).isKnown,
      false,
    );
    assert.ok(c.rec.warnings.some((w) => /services are not known yet in this preview/.test(w)));
  });
});
