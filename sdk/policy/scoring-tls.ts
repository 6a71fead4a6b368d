// What a resource says about TLS on the scoring front end, read from its inputs as azure-native
// sends them: the AzureML extension's settings (docs/what-azure-receives.md) and the legacy AKS
// compute's sslConfiguration. Pure: no Pulumi, no I/O.

/** The extension type whose settings carry the scoring front end's TLS. */
export const AZUREML_EXTENSION_TYPE = "microsoft.azureml.kubernetes";

export const EXTENSION_TYPE_TOKEN = "azure-native:kubernetesconfiguration:Extension";
export const COMPUTE_TYPE_TOKEN = "azure-native:machinelearningservices:Compute";
export const ONLINE_ENDPOINT_TOKEN = "azure-native:machinelearningservices:OnlineEndpoint";
export const ONLINE_DEPLOYMENT_TOKEN = "azure-native:machinelearningservices:OnlineDeployment";
/** Cloudflare's record type (provider v6) and its former name, which stacks made with v5 still hold. */
export const CLOUDFLARE_RECORD_TOKENS = [
  "cloudflare:index/dnsRecord:DnsRecord",
  "cloudflare:index/record:Record",
];

type Props = Record<string, unknown>;

/** TLS on one scoring front end as its inputs declare it. */
export interface ScoringTls {
  /** Which resource kind declared it. */
  kind: "extension" | "legacy";
  /** Inference is served (extension: `enableInference`); the legacy compute always serves it. */
  inference: boolean;
  /** TLS is on: `allowInsecureConnections` false, or `sslConfiguration.status` Enabled / Auto. */
  tls: boolean;
  /** `status: Auto`: Microsoft issues the certificate (nothing to inspect). */
  microsoftManaged: boolean;
  /** The hostname the certificate is for (`sslCname` / `cname`); undefined when not given. */
  hostname?: string;
  /** The PEM chain and key sent to Azure; undefined when not given (or unknown in a preview). */
  certPem?: string;
  keyPem?: string;
  /** A Kubernetes secret named in `sslSecret` holds the certificate instead. */
  sslSecret?: string;
  /** The front end sits behind an internal load balancer. */
  internal: boolean;
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const obj = (v: unknown): Props => (v && typeof v === "object" && !Array.isArray(v) ? (v as Props) : {});

/**
 * A setting's truth as the extension reads it: the CLI writes Python's `True`/`False` or the
 * lower-case literals (sdk/cluster/extension-settings.ts); anything else is not true.
 */
export function settingIsTrue(v: unknown): boolean {
  return v === true || (typeof v === "string" && v.trim().toLowerCase() === "true");
}

function fromBase64Pem(v: unknown): string | undefined {
  const s = str(v);
  if (s === undefined || s.trim() === "") return undefined;
  // The protected settings carry base64 of the PEM (as the CLI sends the files); accept PEM too.
  if (s.includes("-----BEGIN")) return s;
  return Buffer.from(s, "base64").toString("utf8");
}

/** The AzureML extension's scoring TLS, or undefined when the resource is not that extension. */
export function extensionScoringTls(props: Props): ScoringTls | undefined {
  if (str(props.extensionType)?.toLowerCase() !== AZUREML_EXTENSION_TYPE) return undefined;
  const s = obj(props.configurationSettings);
  const p = obj(props.configurationProtectedSettings);
  // The CLI's default is a secure front end (allowInsecureConnections False) when it is absent.
  const insecure = settingIsTrue(s.allowInsecureConnections);
  return {
    kind: "extension",
    inference: settingIsTrue(s.enableInference),
    tls: !insecure,
    microsoftManaged: false,
    hostname: str(s.sslCname),
    certPem: fromBase64Pem(p["scoringFe.sslCert"]),
    keyPem: fromBase64Pem(p["scoringFe.sslKey"]),
    sslSecret: str(s.sslSecret) ?? str(p.sslSecret),
    internal:
      str(s.internalLoadBalancerProvider)?.toLowerCase() === "azure" ||
      settingIsTrue(s["scoringFe.serviceType.internalLoadBalancer"]),
  };
}

/** The legacy AKS compute's scoring TLS, or undefined when the resource is no AKS compute. */
export function legacyScoringTls(props: Props): ScoringTls | undefined {
  const outer = obj(props.properties);
  if (str(outer.computeType) !== "AKS") return undefined;
  const inner = obj(outer.properties);
  const ssl = obj(inner.sslConfiguration);
  const status = str(ssl.status);
  return {
    kind: "legacy",
    inference: true,
    tls: status === "Enabled" || status === "Auto",
    microsoftManaged: status === "Auto",
    hostname: str(ssl.cname),
    certPem: str(ssl.cert),
    keyPem: str(ssl.key),
    internal: str(inner.loadBalancerType) === "InternalLoadBalancer",
  };
}

/** The scoring TLS a resource declares, by its type token, or undefined for any other resource. */
export function scoringTls(type: string, props: Props): ScoringTls | undefined {
  if (type === EXTENSION_TYPE_TOKEN) return extensionScoringTls(props);
  if (type === COMPUTE_TYPE_TOKEN) return legacyScoringTls(props);
  return undefined;
}
