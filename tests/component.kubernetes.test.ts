import { execFileSync } from "node:child_process";
import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { at, freshRuntime, settle, Recorder } from "./mocks";
import { build, quickstartArgs, T } from "./helpers/component";
import { SslMlCluster } from "../sdk/component";
import { fixtures } from "./helpers/openssl-certs";

const ZONE = "0123456789abcdef0123456789abcdef";

function children(rec: Recorder): string[] {
  return rec.registrations.map((r) => `${r.op} ${r.type} ${r.name}`).sort();
}

describe("SslMlCluster, kubernetes kind (self-signed, Cloudflare, one service)", () => {
  let rec: Recorder;
  let out: Awaited<ReturnType<typeof build>>["out"];
  let c: SslMlCluster;
  before(async () => {
    ({ rec, out, c } = await build(quickstartArgs()));
  });

  it("registers exactly the expected children, each parented to the component", () => {
    assert.deepEqual(
      children(rec),
      [
        `read ${T.svc} ml-azureml-fe`,
        `register ${T.compute} ml-compute`,
        `register ${T.aks} ml-aks`,
        `register ${T.ext} ml-azureml`,
        `register ${T.deployment} ml-iris-default`,
        `register ${T.endpoint} ml-iris`,
        `register ${T.traffic} ml-iris-traffic`,
        `register ${T.dns} ml-dns`,
        `register ${T.k8s} ml-k8s`,
        `register ${T.component} ml`,
        `register ${T.key} ml-key`,
        `register ${T.cert} ml-cert`,
      ].sort(),
    );
    const componentUrn = rec.one(T.component).urn;
    // The component sits at the top of the stack (the mock runtime registers no Stack resource);
    // every child names it as its parent.
    assert.equal(rec.one(T.component).parent, "");
    assert.match(componentUrn, /::ssl-ml-cluster:index:SslMlCluster::ml$/);
    for (const r of rec.registrations.filter((r) => r.type !== T.component)) {
      assert.equal(r.parent, componentUrn, `${r.name} is parented to the component`);
    }
  });

  it("creates the AKS cluster with the default size", () => {
    const aks = rec.one(T.aks).inputs;
    assert.equal(aks.resourceGroupName, "rg-ml");
    assert.equal(aks.location, "westeurope");
    assert.deepEqual(aks.identity, { type: "SystemAssigned" });
    assert.deepEqual(aks.agentPoolProfiles, [
      {
        name: "system",
        mode: "System",
        count: 3,
        vmSize: "Standard_D4s_v3",
        osType: "Linux",
        type: "VirtualMachineScaleSets",
      },
    ]);
  });

  it("sends every setting az k8s-extension sends, as strings", () => {
    const ext = rec.one(T.ext);
    const clusterId = `/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourcegroups/rg-ml/providers/Microsoft.ContainerService/managedClusters/ml-aks`;
    assert.deepEqual(ext.inputs.configurationSettings, {
      // The strings az k8s-extension sends: Python's str(False) / the documented `=True`, `=False`.
      allowInsecureConnections: "False",
      clusterId,
      cluster_name: clusterId,
      cluster_name_friendly: "ml-aks",
      domain: "westeurope.cloudapp.azure.com",
      enableInference: "True",
      enableTraining: "False",
      inferenceRouterServiceType: "LoadBalancer",
      jobSchedulerLocation: "westeurope",
      location: "westeurope",
      "nginxIngress.enabled": "true",
      "prometheus.prometheusSpec.externalLabels.cluster_name": clusterId,
      "relayserver.enabled": "false",
      "servicebus.enabled": "false",
      sslCname: "ml.example.com",
    });
    assert.equal(ext.inputs.extensionType, "Microsoft.AzureML.Kubernetes");
    assert.equal(ext.inputs.clusterRp, "Microsoft.ContainerService");
    assert.equal(ext.inputs.clusterResourceName, "managedClusters");
    assert.equal(ext.inputs.clusterName, "ml-aks");
    assert.equal(ext.inputs.releaseTrain, "stable");
    assert.deepEqual(ext.inputs.scope, { cluster: { releaseNamespace: "azureml" } });
    assert.deepEqual(ext.additionalSecretOutputs, ["configurationProtectedSettings"]);
    assert.ok(ext.dependencies.includes(rec.one(T.aks).urn), "the extension waits for the cluster");
  });

  it("puts the real certificate and its key, base64, in secret protected settings", () => {
    const ps = at(rec.one(T.ext).inputs, "configurationProtectedSettings");
    assert.equal(ps.secret, true);
    const v = ps.value as Record<string, string>;
    assert.deepEqual(Object.keys(v).sort(), ["scoringFe.sslCert", "scoringFe.sslKey"]);
    const certPem = Buffer.from(v["scoringFe.sslCert"], "base64").toString();
    const keyPem = Buffer.from(v["scoringFe.sslKey"], "base64").toString();
    // Exactly what `az k8s-extension` sends (Python's base64.b64encode): standard base64, padded,
    // one line. Encoded here by coreutils' base64, not by the code under test; Node's decoder
    // would also accept base64url, Azure's may not.
    const b64 = (text: string) => execFileSync("base64", ["-w0"], { input: text }).toString();
    assert.equal(v["scoringFe.sslCert"], b64(at(rec.one(T.cert).outputs, "certPem").value as string));
    assert.equal(v["scoringFe.sslKey"], b64(at(rec.one(T.key).outputs, "privateKeyPem").value as string));
    assert.match(v["scoringFe.sslKey"], /^[A-Za-z0-9+/]+={0,2}$/);
    const x = new crypto.X509Certificate(certPem);
    assert.equal(
      x.checkPrivateKey(crypto.createPrivateKey(keyPem)),
      true,
      "the key belongs to the certificate",
    );
    assert.match(x.subjectAltName ?? "", /DNS:ml\.example\.com/);
    const tlsCert = rec.one(T.cert);
    assert.equal(
      certPem,
      at(tlsCert.outputs, "certPem").value,
      "the extension gets the tls provider's certificate",
    );
  });

  it("keeps every key path secret", () => {
    assert.equal(at(rec.one(T.cert).inputs, "privateKeyPem").secret, true);
    for (const k of ["privateKeyOpenssh", "privateKeyPem", "privateKeyPemPkcs8"]) {
      assert.ok(rec.one(T.key).additionalSecretOutputs.includes(k), `${k} is a secret output`);
    }
    assert.equal(at(rec.one(T.k8s).inputs, "kubeconfig").secret, true, "the cluster credentials are secret");
  });

  it("attaches a Kubernetes compute to the cluster after the extension", () => {
    const compute = rec.one(T.compute);
    const props = compute.inputs.properties as Record<string, unknown>;
    assert.equal(props.computeType, "Kubernetes");
    // The ID Azure gave the new cluster (the offline model answers as ARM does: lower-case
    // "resourcegroups" in a ManagedCluster ID), not something the component assembled.
    assert.equal(
      props.resourceId,
      "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourcegroups/rg-ml/providers/Microsoft.ContainerService/managedClusters/ml-aks",
    );
    assert.deepEqual(props.properties, { namespace: "default" });
    assert.equal(compute.inputs.computeName, "ml");
    assert.equal(compute.inputs.workspaceName, "ws-ml");
    assert.ok(compute.dependencies.includes(rec.one(T.ext).urn));
  });

  it("reads azureml/azureml-fe through the cluster's own provider", () => {
    const svc = rec.one(T.svc);
    assert.equal(svc.id, "azureml/azureml-fe");
    assert.ok(svc.provider.startsWith(rec.one(T.k8s).urn));
    assert.ok(svc.dependencies.includes(rec.one(T.ext).urn));
    assert.ok(
      rec.invocations.some(
        (i) => i.token === "azure-native:containerservice:listManagedClusterUserCredentials",
      ),
    );
  });

  it("points an A record at the front end IP with the defaults and an ownership comment", () => {
    const dns = rec.one(T.dns);
    assert.deepEqual(
      { ...dns.inputs },
      {
        zoneId: ZONE,
        name: "ml.example.com",
        type: "A",
        content: "203.0.113.10",
        ttl: 300,
        proxied: false,
        comment: "managed by ssl-ml-cluster ssl-ml-cluster/dev/ml",
      },
    );
    assert.equal(dns.deleteBeforeReplace, true);
    assert.deepEqual(dns.replaceOnChanges, ["type"]);
  });

  it("deploys one endpoint + deployment per service, keyed by name", () => {
    const ep = rec.one(T.endpoint).inputs;
    assert.equal(ep.endpointName, "iris");
    assert.deepEqual(ep.properties, {
      authMode: "Key",
      compute: out.computeId,
      description: "ssl-ml-cluster ml: iris",
      publicNetworkAccess: "Enabled", // azure-native's default
    });
    const dep = rec.one(T.deployment).inputs;
    assert.equal(dep.endpointName, "iris");
    assert.equal(dep.deploymentName, "default");
    // azureml:<name>:<version> becomes the workspace's ARM ID + /models|environments/<name>/versions/<v>,
    // with the workspace ID Azure returned (the offline model's getWorkspace answer).
    const ws =
      "/subscriptions/34adfa4f-cedf-4dc0-ba29-b6d1a69ab345/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-ml";
    assert.deepEqual(dep.properties, {
      endpointComputeType: "Kubernetes",
      model: `${ws}/models/iris/versions/1`,
      environmentId: `${ws}/environments/sklearn-env/versions/1`,
      scaleSettings: { scaleType: "Default" },
      appInsightsEnabled: false,
    });
    // ML resources take the workspace's region (westeurope in the model), not `location`.
    assert.equal(dep.location, "westeurope");
    assert.deepEqual(dep.sku, { name: "Default", capacity: 1 });
  });

  it("exports the outputs the README lists", async () => {
    assert.equal(out.hostname, "ml.example.com");
    assert.equal(out.frontEndIp, "203.0.113.10");
    assert.deepEqual(out.scoringUris, { iris: "https://ml.example.com/api/v1/endpoint/iris/score" });
    assert.equal(out.scoringUri, "https://ml.example.com/api/v1/endpoint/iris/score");
    assert.match(String(out.computeId), /\/workspaces\/ws-ml\/computes\/ml$/);
    assert.deepEqual(out.dnsRecord, {
      type: "A",
      name: "ml.example.com",
      content: "203.0.113.10",
      managed: true,
    });
    const cert = out.certificate as Record<string, unknown>;
    assert.deepEqual(cert.dnsNames, ["ml.example.com"]);
    assert.equal(cert.selfSigned, true);
    assert.match(String(cert.fingerprintSha256), /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.ok(Date.parse(String(cert.notAfter)) > Date.now());
    assert.ok(Date.parse(String(cert.rotatesAfter)) < Date.parse(String(cert.notAfter)));
    for (const k of [
      "hostname",
      "scoringUris",
      "certificate",
      "frontEndIp",
      "dnsRecord",
      "computeId",
    ] as const) {
      assert.equal(
        await pulumi.isSecret(c[k] as pulumi.Output<unknown>),
        false,
        `${k} is readable by pipelines`,
      );
    }
  });
});

describe("SslMlCluster, kubernetes kind variations", () => {
  it("uses AAAA for an IPv6 front end", async () => {
    const { rec, out } = await build(quickstartArgs({ frontEndIp: "2001:db8::10" }));
    assert.equal(rec.one(T.dns).inputs.type, "AAAA");
    assert.equal(rec.one(T.dns).inputs.content, "2001:db8::10");
    assert.equal(out.frontEndIp, "2001:db8::10");
    assert.equal(rec.byType(T.svc).length, 0, "no Service read when frontEndIp is given");
    assert.equal(rec.byType(T.k8s).length, 0);
  });

  it("uses a CNAME (never to an IP) when the load balancer has a host name", async () => {
    const { rec } = await build(quickstartArgs(), {
      frontEndHostname: "fe-lb.westeurope.cloudapp.azure.com",
    });
    assert.equal(rec.one(T.dns).inputs.type, "CNAME");
    assert.equal(rec.one(T.dns).inputs.content, "fe-lb.westeurope.cloudapp.azure.com");
  });

  it("fails clearly when azureml-fe never gets an external IP within the wait", async () => {
    await assert.rejects(
      build(quickstartArgs(), { frontEndPending: true }),
      /azureml-fe got no load-balancer address within 15m.*kubectl -n azureml get svc azureml-fe.*frontEndIp/,
    );
  });

  it("attaches an existing cluster by ID, reading its location from Azure", async () => {
    const id =
      "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/prod-aks";
    const { rec } = await build(quickstartArgs({ cluster: { existingClusterId: id } }), {
      existingClusterNodeCount: 2,
    });
    assert.equal(rec.byType(T.aks).length, 0, "no cluster is created");
    const ext = rec.one(T.ext).inputs;
    assert.equal(ext.clusterName, "prod-aks");
    assert.equal(ext.resourceGroupName, "rg-aks");
    const settings = ext.configurationSettings as Record<string, string>;
    assert.equal(settings.clusterId, id);
    assert.equal(settings.location, "eastus");
    assert.equal(settings.clusterPurpose, "DevTest", "2 nodes cannot run the HA front end");
    assert.equal(settings.inferenceRouterHA, "false");
    assert.equal((rec.one(T.compute).inputs.properties as Record<string, unknown>).resourceId, id);
  });

  it("creates no DNS record without a dns block, and says what to create", async () => {
    const { rec, out } = await build(quickstartArgs({ dns: undefined }));
    assert.equal(rec.byType(T.dns).length, 0);
    assert.deepEqual(out.dnsRecord, {
      type: "A",
      name: "ml.example.com",
      content: "203.0.113.10",
      managed: false,
    });
  });

  it("registers services sorted and keyed by name", async () => {
    const { rec, out } = await build(
      quickstartArgs({
        services: [
          {
            name: "zeta",
            model: "azureml:z:1",
            environment: "azureml:env:1",
            instanceCount: 2,
            authMode: "AMLToken",
            instanceType: "gpu",
          },
          { name: "alpha", model: "azureml:a:3", environment: "azureml:env:2" },
        ],
      }),
    );
    assert.deepEqual(
      rec.byType(T.endpoint).map((r) => r.name),
      ["ml-alpha", "ml-zeta"],
    );
    assert.deepEqual(
      rec.byType(T.deployment).map((r) => r.name),
      ["ml-alpha-default", "ml-zeta-default"],
    );
    const zeta = rec.byName("ml-zeta-default")!.inputs;
    assert.deepEqual(zeta.sku, { name: "Default", capacity: 2 });
    assert.equal((zeta.properties as Record<string, unknown>).instanceType, "gpu");
    assert.equal((rec.byName("ml-zeta")!.inputs.properties as Record<string, unknown>).authMode, "AMLToken");
    assert.equal(
      out.scoringUri,
      "https://ml.example.com/api/v1/endpoint/zeta/score",
      "the first service as listed",
    );
  });

  it("imports a PEM certificate chain and key, and sends them leaf first", async () => {
    const f = fixtures();
    const { rec, out } = await build(
      quickstartArgs({
        certificate: {
          imported: {
            certPem: f.read("leaf.pem"),
            chainPem: f.read("int+root.pem"),
            keyPem: f.read("leaf.key"),
          },
        },
      }),
    );
    assert.equal(rec.byType(T.cert).length, 0);
    const ps = at(rec.one(T.ext).inputs, "configurationProtectedSettings");
    assert.equal(ps.secret, true);
    const chain = Buffer.from((ps.value as Record<string, string>)["scoringFe.sslCert"], "base64").toString();
    assert.equal(chain.match(/BEGIN CERTIFICATE/g)?.length, 3);
    assert.equal(new crypto.X509Certificate(chain).subject, "CN=ml.example.com");
    const key = Buffer.from((ps.value as Record<string, string>)["scoringFe.sslKey"], "base64").toString();
    assert.match(key, /^-----BEGIN PRIVATE KEY-----/);
    assert.equal((out.certificate as Record<string, unknown>).selfSigned, false);
    assert.equal((out.certificate as Record<string, unknown>).issuer, "CN=Test Intermediate CA");
  });

  it("imports certificate files and a PKCS#12 given as secret outputs", async () => {
    const f = fixtures();
    const fromFiles = await build(
      quickstartArgs({
        certificate: { imported: { certFile: f.file("fullchain.pem"), keyFile: f.file("leaf.key") } },
      }),
    );
    assert.equal(fromFiles.out.hostname, "ml.example.com");
    const fromPfx = await build(
      quickstartArgs({
        certificate: {
          imported: {
            pfxBase64: pulumi.secret(f.bytes("leaf.pfx").toString("base64")),
            password: pulumi.secret("pfxpass"),
          },
        },
      }),
    );
    assert.equal(
      (fromPfx.out.certificate as Record<string, unknown>).fingerprintSha256,
      (fromFiles.out.certificate as Record<string, unknown>).fingerprintSha256,
    );
    assert.equal(
      await pulumi.isSecret(fromPfx.c.certificate),
      false,
      "certificate facts stay public beside a secret PFX",
    );
  });

  it("fails preview with the finding when an output certificate does not cover the hostname", async () => {
    const f = fixtures();
    await assert.rejects(
      build(
        quickstartArgs({
          certificate: {
            imported: {
              certPem: pulumi.output(f.read("ec-fullchain.pem")),
              keyPem: pulumi.secret(f.read("ec.key")),
            },
          },
        }),
      ),
      /HOSTNAME_MISMATCH/,
    );
  });

  it("refuses a bad plain certificate before anything is registered", () => {
    const f = fixtures();
    const rec = freshRuntime();
    assert.throws(
      () =>
        new SslMlCluster(
          "ml",
          quickstartArgs({
            certificate: { imported: { certPem: f.read("fullchain.pem"), keyPem: f.read("other.key") } },
          }),
        ),
      (e: Error) => e.name === "CertificateError" && /KEY_MISMATCH/.test(e.message),
    );
    assert.equal(rec.registrations.length, 0);
  });
});

describe("SslMlCluster in preview (unknowns stay unknown)", () => {
  it("registers the same children without failing on unknown IPs", async () => {
    const rec = freshRuntime({ preview: true });
    const c = new SslMlCluster("ml", quickstartArgs());
    await settle(rec, { hostname: c.hostname, scoringUris: c.scoringUris });
    const types = rec.registrations.map((r) => r.type);
    for (const t of [T.component, T.key, T.cert, T.aks, T.ext, T.compute, T.dns, T.endpoint, T.deployment]) {
      assert.ok(types.includes(t), `${t} registered in preview`);
    }
    assert.equal(await resolveHost(c), "ml.example.com");
    assert.equal(rec.one(T.dns).inputs.name, "ml.example.com");
  });
});

async function resolveHost(c: SslMlCluster): Promise<unknown> {
  return new Promise((r) => c.hostname.apply((h) => r(h)));
}

describe("SslMlCluster warnings", () => {
  it("warns on the component that a self-signed certificate is for development", async () => {
    const { rec } = await build(quickstartArgs());
    assert.ok(rec.warnings.some((w) => /self-signed certificate is for development only/.test(w)));
  });

  it("warns about Cloudflare Full (strict) when proxied with a self-signed certificate", async () => {
    const { rec } = await build(quickstartArgs({ dns: { cloudflare: { zoneId: ZONE, proxied: true } } }));
    assert.ok(rec.warnings.some((w) => /Full \(strict\)/.test(w)));
    assert.equal(rec.one(T.dns).inputs.proxied, true);
  });

  it("passes certificate warnings (EXPIRES_SOON, CHAIN_INCOMPLETE) to pulumi.log.warn", async () => {
    const f = fixtures();
    const { rec } = await build(
      quickstartArgs({
        certificate: { imported: { certPem: f.read("soon.pem"), keyPem: f.read("dates.key") } },
      }),
    );
    assert.ok(rec.warnings.some((w) => w.startsWith("EXPIRES_SOON")));
    assert.ok(rec.warnings.some((w) => w.startsWith("CHAIN_INCOMPLETE")));
  });
});
