// One read of a Kubernetes Service through a kubeconfig: `GET /api/v1/namespaces/{ns}/services/{name}`
// (https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/#get-read-the-specified-service),
// with the server, CA and user credentials of the kubeconfig's current context (a token, a client
// certificate, or an exec plugin such as kubelogin, run as client-go runs it:
// https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins).
// Why not `Service.get` again: a resource read happens once per up and cannot be repeated (see
// docs/limits.md, "Waits, not races"). The kubeconfig is a secret: nothing here logs it, and no
// message carries more of it than the API server's host.
//
// The offline runtime and the tests replace the reader with `setFrontEndServiceReader`.
import { execFile } from "node:child_process";
import * as https from "node:https";
import { parse as parseYaml } from "yaml";

/** What one read saw: the Service's `status` when the API answered it, else a note for the progress line. */
export interface ServiceRead {
  status?: unknown;
  note?: string;
}

export type FrontEndServiceReader = (
  kubeconfig: string,
  namespace: string,
  name: string,
) => Promise<ServiceRead>;

/** The API server and credentials of a kubeconfig's current context. */
export interface KubeTarget {
  server: URL;
  ca?: Buffer;
  insecure: boolean;
  tlsServerName?: string;
  token?: string;
  cert?: Buffer;
  key?: Buffer;
  exec?: { command: string; args: string[]; env: Record<string, string>; apiVersion?: string };
}

type Named<K extends string> = { name?: string } & Record<K, Record<string, unknown> | undefined>;

const b64 = (v: unknown) => (typeof v === "string" && v ? Buffer.from(v, "base64") : undefined);

/** The current context's server and user, from the kubeconfig's text. Throws naming what is missing (never a value). */
export function kubeTarget(kubeconfig: string): KubeTarget {
  const doc = (parseYaml(kubeconfig) ?? {}) as {
    "current-context"?: string;
    contexts?: Named<"context">[];
    clusters?: Named<"cluster">[];
    users?: Named<"user">[];
  };
  const pick = <K extends string>(list: Named<K>[] | undefined, key: K, name: unknown) =>
    (list ?? []).find((e) => name === undefined || e.name === name)?.[key];
  const ctx = pick(doc.contexts, "context", doc["current-context"]);
  const cluster = pick(doc.clusters, "cluster", ctx?.cluster);
  const user = pick(doc.users, "user", ctx?.user) ?? {};
  if (typeof cluster?.server !== "string") throw new Error("the kubeconfig names no cluster server");
  const exec = user.exec as
    | { command?: string; args?: string[]; env?: { name: string; value: string }[]; apiVersion?: string }
    | undefined;
  return {
    server: new URL(cluster.server),
    ca: b64(cluster["certificate-authority-data"]),
    insecure: cluster["insecure-skip-tls-verify"] === true,
    tlsServerName: typeof cluster["tls-server-name"] === "string" ? cluster["tls-server-name"] : undefined,
    token: typeof user.token === "string" ? user.token : undefined,
    cert: b64(user["client-certificate-data"]),
    key: b64(user["client-key-data"]),
    exec: exec?.command
      ? {
          command: exec.command,
          args: exec.args ?? [],
          env: Object.fromEntries((exec.env ?? []).map((e) => [e.name, e.value])),
          apiVersion: exec.apiVersion,
        }
      : undefined,
  };
}

/** Runs the exec plugin once and takes the credential it prints (an ExecCredential's `status`). */
function execCredential(
  exec: NonNullable<KubeTarget["exec"]>,
): Promise<Pick<KubeTarget, "token" | "cert" | "key">> {
  const info = { apiVersion: exec.apiVersion, kind: "ExecCredential", spec: { interactive: false } };
  const env = { ...process.env, ...exec.env, KUBERNETES_EXEC_INFO: JSON.stringify(info) };
  return new Promise((resolve, reject) => {
    execFile(exec.command, exec.args, { env, timeout: 120_000, maxBuffer: 1 << 20 }, (err, stdout) => {
      if (err)
        return reject(
          new Error(
            `the kubeconfig's credential plugin ${exec.command} failed (${err.message.split("\n")[0]})`,
          ),
        );
      try {
        const status = (JSON.parse(stdout) as { status?: Record<string, string> }).status ?? {};
        resolve({
          token: status.token,
          cert: status.clientCertificateData ? Buffer.from(status.clientCertificateData) : undefined,
          key: status.clientKeyData ? Buffer.from(status.clientKeyData) : undefined,
        });
      } catch {
        reject(new Error(`the kubeconfig's credential plugin ${exec.command} printed no ExecCredential`));
      }
    });
  });
}

/** One GET over HTTPS: the status code and body. */
function get(t: KubeTarget, path: string, creds: Pick<KubeTarget, "token" | "cert" | "key">) {
  return new Promise<{ code: number; body: string }>((resolve, reject) => {
    const req = https.request(
      {
        hostname: t.server.hostname.replace(/^\[|\]$/g, ""),
        port: t.server.port || 443,
        path: t.server.pathname.replace(/\/$/, "") + path,
        method: "GET",
        headers: {
          Accept: "application/json",
          ...(creds.token ? { Authorization: `Bearer ${creds.token}` } : {}),
        },
        ca: t.ca,
        cert: creds.cert,
        key: creds.key,
        rejectUnauthorized: !t.insecure,
        servername: t.tlsServerName,
        agent: false,
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ code: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("no answer within 30s")));
    req.on("error", reject);
    req.end();
  });
}

/**
 * Reads the Service through the kubeconfig. 404 (not created yet), 429, 5xx and network errors are
 * notes (the wait goes on); 401 and 403 throw, as waiting does not mend credentials.
 */
export const httpServiceReader: FrontEndServiceReader = async (kubeconfig, namespace, name) => {
  const t = kubeTarget(kubeconfig);
  const creds = t.exec && !t.token && !t.cert ? await execCredential(t.exec) : t;
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(name)}`;
  let answer: { code: number; body: string };
  try {
    answer = await get(t, path, creds);
  } catch (e) {
    const code = String((e as { code?: unknown }).code ?? "");
    // A certificate the kubeconfig's CA did not issue does not mend with time; a refused or lost
    // connection (a new cluster's API server name may resolve late) may.
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
      throw new Error(
        `the API server ${t.server.host} has a certificate the kubeconfig does not trust (${code})`,
      );
    }
    return { note: `the API server ${t.server.host} did not answer: ${(e as Error).message}` };
  }
  if (answer.code === 401 || answer.code === 403) {
    throw new Error(
      `the API server ${t.server.host} refused the cluster user's credentials (HTTP ${answer.code}) reading Service ${namespace}/${name}`,
    );
  }
  if (answer.code === 404) return { note: `Service ${namespace}/${name} does not exist yet` };
  if (answer.code !== 200) return { note: `the API server ${t.server.host} answered HTTP ${answer.code}` };
  try {
    return { status: (JSON.parse(answer.body) as { status?: unknown }).status ?? {} };
  } catch {
    return { note: `the API server ${t.server.host} answered something that is not JSON` };
  }
};

let reader: FrontEndServiceReader = httpServiceReader;

/** Replaces the reader (the offline runtime's stand-in, a test's); `undefined` restores HTTP. Returns the one replaced. */
export function setFrontEndServiceReader(next: FrontEndServiceReader | undefined): FrontEndServiceReader {
  const prev = reader;
  reader = next ?? httpServiceReader;
  return prev;
}

/** Reads the Service through the current reader. */
export function readService(kubeconfig: string, namespace: string, name: string): Promise<ServiceRead> {
  return reader(kubeconfig, namespace, name);
}
