// `demo --managed`: plans examples/managed-frontdoor offline, then proves the request path through
// Front Door over real TLS on loopback: a stand-in managed endpoint under its own host name and a
// front door built from the plan's route table. https://<hostname>/<endpoint>/score must arrive as
// POST /score with the endpoint's own Host, the Authorization and azureml-model-deployment headers
// intact; an unknown endpoint path must get 404. docs/managed-endpoints.md.
import * as path from "node:path";
import { runPlan } from "../offline/plan";
import { frontDoorTable } from "../offline/frontdoor-routes";
import { Listening, startFrontDoor, startManagedEndpoint } from "../offline/frontdoor-server";
import { callScoringUri } from "../offline/scoring-server";
import { offlinePrivateKey, offlineSelfSignedCert } from "../offline/models/tls-model";
import { formatPlan } from "./plan-format";
import { demoPort, exampleDir, portInUse, type DemoOptions } from "./demo";

/** A loopback certificate for `host` (stand-in for Front Door's managed one, or Microsoft's on the endpoint). */
async function certFor(host: string): Promise<{ certPem: string; keyPem: string }> {
  const key = offlinePrivateKey(`demo-managed|${host}`, "ECDSA");
  const certPem = await offlineSelfSignedCert({
    privateKeyPem: key.privateKeyPemPkcs8,
    dnsNames: [host],
    commonName: host,
    organization: "ssl-ml-cluster demo stand-in",
    validityPeriodHours: 24,
    notBefore: new Date(Date.now() - 3_600_000),
    allowedUses: ["digital_signature", "key_encipherment", "server_auth"],
  });
  return { certPem, keyPem: key.privateKeyPemPkcs8 };
}

export async function runManagedDemo(o: DemoOptions, write: (s: string) => void): Promise<number> {
  const port = demoPort(o.port);
  const t0 = Date.now();
  const dir = exampleDir("managed-frontdoor");
  write(`[1/4] planning ${path.relative(process.cwd(), dir) || dir} offline\n`);
  const { plan, recorder, rawOutputs } = await runPlan(dir);
  if (!o.quiet) write(formatPlan(plan, { inputs: false }).replace(/^/gm, "      ") + "\n");
  const table = frontDoorTable(recorder.registrations);
  const uris = (rawOutputs.scoringUris ?? {}) as Record<string, string>;
  const origins = [...new Set(table.routes.map((r) => r.originHost))];

  write(
    `[2/4] starting ${origins.length} stand-in managed endpoint(s) and the front door for ${table.hostname}\n`,
  );
  const apiKey = "demo-endpoint-key";
  const started: Listening[] = [];
  let failures = 0;
  try {
    const endpointPorts = new Map<string, number>();
    let originCaPem = "";
    for (const host of origins) {
      const c = await certFor(host);
      originCaPem += c.certPem;
      const ep = await startManagedEndpoint({ host, ...c, apiKey });
      started.push(ep);
      endpointPorts.set(host, ep.port);
      write(`      endpoint ${host} on https://127.0.0.1:${ep.port} (POST /score only)\n`);
    }
    const fdCert = await certFor(table.hostname);
    let fd: Listening;
    try {
      fd = await startFrontDoor({
        table,
        ...fdCert,
        originPort: (h) => endpointPorts.get(h),
        originCaPem,
        port,
      });
    } catch (e) {
      throw portInUse(e, port);
    }
    started.push(fd);
    for (const r of table.routes)
      write(`      route ${r.pattern} -> https://${r.originHost}${r.originPath} (Host: ${r.hostHeader})\n`);

    write(
      `[3/4] calling ${Object.keys(uris).length} scoring URI(s) through the front door with a key and a deployment header\n`,
    );
    for (const [name, uri] of Object.entries(uris)) {
      const route = table.routes.find((r) => r.pattern === `/${name}/*`);
      try {
        const r = await callScoringUri(uri, fd.port, fdCert.certPem, { data: [[5.1, 3.5, 1.4, 0.2]] }, 5000, {
          authorization: `Bearer ${apiKey}`,
          "azureml-model-deployment": "default",
        });
        const got = (JSON.parse(r.body) as { received?: Record<string, unknown> }).received ?? {};
        const ok =
          r.status === 200 &&
          got.method === "POST" &&
          got.path === "/score" &&
          got.host === route?.hostHeader &&
          got.authorized === true &&
          got.deployment === "default";
        if (!ok) failures++;
        write(
          `      ${ok ? "ok  " : "FAIL"} ${name}: POST ${uri} -> ${r.status}; the endpoint got ${got.method} ${got.path}, Host ${got.host}, key ${got.authorized ? "intact" : "MISSING"}, azureml-model-deployment ${got.deployment}  [${r.tlsVersion}]\n`,
        );
      } catch (e) {
        failures++;
        write(`      FAIL ${name}: POST ${uri} -> ${(e as Error).message}\n`);
      }
    }
    write("[4/4] negative check: an endpoint path no route matches must get 404 from the front door\n");
    const unknown = `https://${table.hostname}/no-such-endpoint/score`;
    const r = await callScoringUri(unknown, fd.port, fdCert.certPem, { data: [[1]] });
    if (r.status === 404) write(`      ok   POST ${unknown} -> 404 (${r.body})\n`);
    else {
      failures++;
      write(`      FAIL POST ${unknown} -> ${r.status}: an unknown path reached an origin\n`);
    }
  } finally {
    await Promise.all(started.map((s) => s.close()));
  }
  write(
    failures === 0
      ? `demo passed in ${Date.now() - t0} ms: every scoring URI reached its endpoint's /score through the front door\n`
      : `demo FAILED: ${failures} check(s) failed\n`,
  );
  return failures === 0 ? 0 : 1;
}
