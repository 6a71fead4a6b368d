// construct as the provider host calls it (other Pulumi languages; helpers/construct.ts): the
// component must build the same resources as the direct TypeScript use.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { at } from "./mocks";
import { quickstartArgs, T } from "./helpers/component";
import {
  children,
  direct,
  frontEnd,
  OUTPUT_VALUE,
  plainWire,
  SIG,
  UNKNOWN,
  viaConstruct,
  Wire,
  withoutSource,
} from "./helpers/construct";
import { fixtures } from "./helpers/openssl-certs";
import type { SslMlClusterArgs } from "../sdk/types";

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
    const fe = frontEnd(c.rec);
    assert.equal(fe.secret, true, "the key is a secret on the wire");
    assert.equal(fe.key, f.read("leaf.key"));
    assert.equal(fe.key, frontEnd(d.rec).key);
    assert.equal(fe.chain, frontEnd(d.rec).chain);
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
    assert.equal(frontEnd(c.rec).secret, true);
    assert.equal(frontEnd(c.rec).key, f.read("leaf.key"));
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
      assert.equal(frontEnd(c.rec).key, f.read("leaf.key"));
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
