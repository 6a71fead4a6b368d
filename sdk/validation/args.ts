import { ArgumentError } from "../errors";
import type { ServiceArgs, SslMlClusterArgs } from "../types";
import { canonicalHostname, checkedFrontEndIp, checkedHostname, hostnameProblem } from "./hostname";
import { parseAksClusterId } from "../cluster/resource-id";
import { validateAcme, ResolvedAcme } from "./acme";
import { validateAzureDns, validateCloudflareToken, validateDnsProviders } from "./dns";
import { AuthMode, ClusterKind, ClusterPurpose, KeyAlgorithm } from "../enums";
import { checkEnumValue } from "./enum-value";
import { parseAssetReference } from "../services/assets";
import { FAST_PROD_MIN_VCPUS, vmSizeVcpus } from "../cluster/vm-sizes";
import { validateAzureNames } from "./azure-names";
import { validateNetwork, type ResolvedNetwork } from "../cluster/network-rules";
import { validateAzurePrivateDns, type ResolvedAzurePrivateDns } from "../dns/private-rules";

export type { ClusterKind };
export type CertificateSourceKind = "selfSigned" | "imported" | "microsoftManaged" | "acme";

/** The args after validation: defaults applied, services sorted by name. `args` itself is never changed. */
export interface ResolvedArgs {
  kind: ClusterKind;
  tlsEnabled: boolean;
  certificateSource?: CertificateSourceKind;
  /** The hostname when it is a plain string (canonical form), else undefined. */
  plainHostname?: string;
  nodeCount: number;
  vmSize: string;
  namespace: string;
  selfSigned: { validityDays: number; renewBeforeDays: number; algorithm: "ECDSA" | "RSA" };
  /**
   * `clusterPurpose` of a new legacy AKS compute: the one given, else `FastProd` when the cluster
   * has the 12 vCPUs it needs, else `DevTest`. Undefined on attach (it follows the real cluster).
   */
  clusterPurpose?: string;
  /** Cloudflare: `ttl` is what is sent (1 for a proxied record). */
  dns?: { ttl: number; proxied: boolean; zoneName?: string };
  /** `certificate.acme` with its defaults, when that is the source. */
  acme?: ResolvedAcme;
  /** `network` (a private front end). */
  network: ResolvedNetwork;
  /** `dns.azurePrivate` with its defaults, when given. */
  azurePrivate?: ResolvedAzurePrivateDns;
  services: ServiceArgs[];
  warnings: string[];
}

const KNOWN_KEYS: Record<string, string[]> = {
  args: [
    "hostname",
    "resourceGroupName",
    "workspaceName",
    "location",
    "cluster",
    "certificate",
    "dns",
    "network",
    "frontEndIp",
    "services",
    "tlsEnabled",
    "tags",
  ],
  cluster: [
    "kind",
    "existingClusterId",
    "nodeCount",
    "vmSize",
    "computeName",
    "namespace",
    "kubernetesVersion",
    "clusterPurpose",
  ],
  certificate: ["selfSigned", "imported", "microsoftManaged", "acme"],
  "certificate.selfSigned": ["validityDays", "renewBeforeDays", "algorithm"],
  "certificate.imported": [
    "certPem",
    "keyPem",
    "chainPem",
    "certFile",
    "keyFile",
    "chainFile",
    "pfxBase64",
    "pfxFile",
    "password",
    "minDaysRemaining",
  ],
  "certificate.microsoftManaged": ["leafDomainLabel", "overwriteExistingDomain"],
  "certificate.acme": ["email", "server", "keyType", "renewBeforeDays", "challenge"],
  dns: ["cloudflare", "azure", "azurePrivate"],
  "dns.cloudflare": ["zoneId", "zoneName", "proxied", "ttl", "enterpriseZone", "apiToken", "adoptRecordId"],
  service: [
    "name",
    "model",
    "environment",
    "scoringScript",
    "codeId",
    "instanceType",
    "instanceCount",
    "authMode",
  ],
};

function checkKeys(path: string, value: unknown, known: string[]): void {
  if (value === undefined || value === null) return;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new ArgumentError(
      path,
      `must be an object, got ${Array.isArray(value) ? "an array" : typeof value}`,
    );
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      const near = known.find((k) => k.toLowerCase() === key.toLowerCase());
      throw new ArgumentError(
        `${path}.${key}`,
        near
          ? `unknown field; did you mean "${near}"?`
          : `unknown field; known fields are ${known.join(", ")}`,
      );
    }
  }
}

/**
 * Every Azure ML TLS example (the "Enable SSL" guide, azureml-core, the extension docs) uses an RSA
 * 2048 key; none shows an ECDSA key on the scoring front end. Not refused, but said.
 */
export function ecdsaWarning(argument: string): string {
  return `${argument}: the certificate has an ECDSA key; every Azure ML TLS example uses RSA 2048 and an ECDSA key on the scoring front end is untested by Microsoft's docs; prefer RSA unless you have checked it (npm run live-check tries both)`;
}

function isPlainString(v: unknown): v is string {
  return typeof v === "string";
}

function intIn(path: string, v: unknown, min: number, max: number, def: number): number {
  if (v === undefined) return def;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
    throw new ArgumentError(path, `must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}

const SERVICE_NAME = /^[a-zA-Z][a-zA-Z0-9-]{1,30}[a-zA-Z0-9]$/;
const LEGACY_SERVICE_NAME = /^[a-z][a-z0-9-]{1,30}[a-z0-9]$/;
// Azure ML compute names: a letter first, letters, digits and '-'. A legacy AKS compute takes 3–24
// characters; the Kubernetes compute 2–24.
const COMPUTE_NAME: Record<ClusterKind, RegExp> = {
  aks: /^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$/,
  kubernetes: /^[a-zA-Z][a-zA-Z0-9-]{0,22}[a-zA-Z0-9]$/,
};
const K8S_NAMESPACE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The assets of a Kubernetes online deployment, as Azure's schema wants them: an environment always
 * (the Kubernetes deployment schema marks it required; MLflow no-code deployment is for managed
 * endpoints only), a model unless the environment is a custom container that holds it, and a
 * scoring script only with the code asset that holds it. Plain references are parsed here; an
 * Output is parsed when known, with the same message.
 */
function validateDeploymentAssets(path: string, s: ServiceArgs): void {
  if (s.environment === undefined || s.environment === "") {
    throw new ArgumentError(
      `${path}.environment`,
      "is required on the kubernetes kind: the Kubernetes online deployment schema requires an environment " +
        "(e.g. azureml:my-env:1, or a curated one such as azureml://registries/azureml/environments/sklearn-1.5/versions/1)",
    );
  }
  if (s.scoringScript !== undefined && s.codeId === undefined) {
    throw new ArgumentError(
      `${path}.codeId`,
      `is required with scoringScript ${JSON.stringify(s.scoringScript)}: give the code asset that holds it, e.g. azureml:my-code:1`,
    );
  }
  if (s.codeId !== undefined && s.scoringScript === undefined) {
    throw new ArgumentError(
      `${path}.scoringScript`,
      "is required with codeId: name the scoring script inside the code asset, e.g. score.py",
    );
  }
  if (
    s.scoringScript !== undefined &&
    (typeof s.scoringScript !== "string" || s.scoringScript.trim() === "")
  ) {
    throw new ArgumentError(
      `${path}.scoringScript`,
      "must be the path of the script inside the code asset, e.g. score.py",
    );
  }
  if (isPlainString(s.model)) parseAssetReference(`${path}.model`, s.model, "models");
  if (isPlainString(s.environment)) parseAssetReference(`${path}.environment`, s.environment, "environments");
  if (isPlainString(s.codeId)) parseAssetReference(`${path}.codeId`, s.codeId, "codes");
}

/** Checks the service list and returns it sorted by name (deterministic registration order). */
export function validateServices(services: unknown, kind: ClusterKind): ServiceArgs[] {
  if (services === undefined) return [];
  if (!Array.isArray(services)) throw new ArgumentError("services", "must be an array of { name, model, … }");
  const seen = new Map<string, number>();
  services.forEach((s: ServiceArgs, i: number) => {
    const path = `services[${i}]`;
    checkKeys(path, s, KNOWN_KEYS.service);
    if (!s || !isPlainString(s.name))
      throw new ArgumentError(`${path}.name`, "is required and must be a string");
    const rule = kind === "aks" ? LEGACY_SERVICE_NAME : SERVICE_NAME;
    if (!rule.test(s.name)) {
      throw new ArgumentError(
        `${path}.name`,
        `${JSON.stringify(s.name)} is not a valid ${kind === "aks" ? "service" : "endpoint"} name: use 3–32 characters, ` +
          `a letter first, then ${kind === "aks" ? "lower-case letters" : "letters"}, digits and '-', not ending in '-'`,
      );
    }
    const key = s.name.toLowerCase();
    if (seen.has(key)) {
      throw new ArgumentError(
        `${path}.name`,
        `${JSON.stringify(s.name)} is already used by services[${seen.get(key)}] (names are case-insensitive in Azure); give each service its own name`,
      );
    }
    seen.set(key, i);
    if (kind === "kubernetes") validateDeploymentAssets(path, s);
    intIn(`${path}.instanceCount`, s.instanceCount, 1, 100, 1);
    checkEnumValue(`${path}.authMode`, s.authMode, Object.values(AuthMode), '"Key" or "AMLToken"');
    if (s.instanceType !== undefined && !/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/.test(s.instanceType)) {
      throw new ArgumentError(
        `${path}.instanceType`,
        `${JSON.stringify(s.instanceType)} is not an instance type name`,
      );
    }
  });
  return [...services].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Validates every plain argument; throws {@link ArgumentError} naming the argument and the fix. Pure. */
export function validateArgs(args: SslMlClusterArgs): ResolvedArgs {
  if (!args || typeof args !== "object") throw new ArgumentError("args", "are required");
  checkKeys("args", args, KNOWN_KEYS.args);
  checkKeys("cluster", args.cluster, KNOWN_KEYS.cluster);
  const warnings: string[] = [];
  if (args.resourceGroupName === undefined || args.resourceGroupName === "") {
    throw new ArgumentError(
      "resourceGroupName",
      "is required (the resource group of the Azure ML workspace)",
    );
  }
  if (args.workspaceName === undefined || args.workspaceName === "") {
    throw new ArgumentError("workspaceName", "is required (the name of the Azure ML workspace)");
  }
  // Azure's name rules (they reach ARM request paths and the traffic template).
  validateAzureNames(args);

  checkEnumValue(
    "cluster.kind",
    args.cluster?.kind,
    Object.values(ClusterKind),
    '"kubernetes" (default) or "aks"',
  );
  const kind: ClusterKind = args.cluster?.kind ?? "kubernetes";

  const tlsEnabled = args.tlsEnabled ?? true;
  if (typeof tlsEnabled !== "boolean") throw new ArgumentError("tlsEnabled", "must be true or false");

  // Certificate source: exactly one (none at all only when TLS is explicitly off).
  if (args.certificate === undefined && tlsEnabled) {
    throw new ArgumentError(
      "certificate",
      "is required: give one of selfSigned, imported, microsoftManaged or acme",
    );
  }
  checkKeys("certificate", args.certificate, KNOWN_KEYS.certificate);
  const sources = (["selfSigned", "imported", "microsoftManaged", "acme"] as const).filter(
    (k) => args.certificate?.[k] !== undefined,
  );
  let certificateSource: CertificateSourceKind | undefined;
  if (!tlsEnabled) {
    if (sources.length > 0) {
      throw new ArgumentError(
        `certificate.${sources[0]}`,
        "is given but tlsEnabled is false; remove the certificate, or remove tlsEnabled: false to keep TLS on",
      );
    }
    warnings.push(
      "tlsEnabled is false: the scoring front end accepts plain HTTP (allowInsecureConnections=True); use this for development only",
    );
  } else {
    if (sources.length !== 1) {
      throw new ArgumentError(
        "certificate",
        sources.length === 0
          ? "give exactly one of selfSigned, imported, microsoftManaged or acme (none was given)"
          : `give exactly one of selfSigned, imported, microsoftManaged or acme (got ${sources.join(" and ")})`,
      );
    }
    certificateSource = sources[0];
    checkKeys(
      `certificate.${certificateSource}`,
      args.certificate[certificateSource],
      KNOWN_KEYS[`certificate.${certificateSource}`],
    );
  }

  if (certificateSource === "microsoftManaged") {
    if (kind !== "aks") {
      throw new ArgumentError(
        "certificate.microsoftManaged",
        'is only available with cluster.kind "aks": the Azure ML Kubernetes extension has no Microsoft-managed certificate; use selfSigned or imported',
      );
    }
    const mm = args.certificate.microsoftManaged!;
    if (!isPlainString(mm.leafDomainLabel) || !DNS_LABEL.test(mm.leafDomainLabel)) {
      throw new ArgumentError(
        "certificate.microsoftManaged.leafDomainLabel",
        `must be one DNS label (1–63 lower-case letters, digits or '-'), got ${JSON.stringify(mm.leafDomainLabel)}`,
      );
    }
    if (mm.overwriteExistingDomain !== undefined && typeof mm.overwriteExistingDomain !== "boolean") {
      throw new ArgumentError(
        "certificate.microsoftManaged.overwriteExistingDomain",
        "must be true or false",
      );
    }
    if (args.hostname !== undefined) {
      throw new ArgumentError(
        "hostname",
        "must not be set with certificate.microsoftManaged: Azure chooses the name (<leafDomainLabel>.<region>.cloudapp.azure.com); remove hostname",
      );
    }
    if (args.dns !== undefined) {
      throw new ArgumentError(
        "dns",
        "must not be set with certificate.microsoftManaged: Azure creates the DNS name itself",
      );
    }
  } else if (args.hostname === undefined || args.hostname === "") {
    throw new ArgumentError("hostname", "is required: the FQDN clients call, e.g. ml.example.com");
  }

  let plainHostname: string | undefined;
  if (isPlainString(args.hostname)) plainHostname = checkedHostname(args.hostname);

  if (args.frontEndIp !== undefined && isPlainString(args.frontEndIp)) checkedFrontEndIp(args.frontEndIp);

  const c = args.cluster ?? {};
  const nodeCount = intIn("cluster.nodeCount", c.nodeCount, 1, 100, 3);
  const vmSize = c.vmSize ?? "Standard_D4s_v3";
  if (!isPlainString(vmSize) || !/^Standard_[A-Za-z0-9_]+$/.test(vmSize)) {
    throw new ArgumentError(
      "cluster.vmSize",
      `${JSON.stringify(vmSize)} is not an Azure VM size such as Standard_D4s_v3`,
    );
  }
  if (
    c.computeName !== undefined &&
    (!isPlainString(c.computeName) || !COMPUTE_NAME[kind].test(c.computeName))
  ) {
    throw new ArgumentError(
      "cluster.computeName",
      `${JSON.stringify(c.computeName)} is not a valid compute name: ${kind === "aks" ? "3" : "2"}–24 letters, digits or '-', a letter first, not ending in '-'`,
    );
  }
  const namespace = c.namespace ?? "default";
  if (!isPlainString(namespace) || !K8S_NAMESPACE.test(namespace)) {
    throw new ArgumentError(
      "cluster.namespace",
      `${JSON.stringify(namespace)} is not a Kubernetes namespace name`,
    );
  }
  checkEnumValue(
    "cluster.clusterPurpose",
    c.clusterPurpose,
    Object.values(ClusterPurpose),
    "DevTest, DenseProd or FastProd",
  );
  let clusterPurpose: string | undefined;
  if (kind === "aks" && c.existingClusterId === undefined) {
    const vcpus = vmSizeVcpus(vmSize);
    const total = vcpus === undefined ? undefined : vcpus * nodeCount;
    const enough = total === undefined || total >= FAST_PROD_MIN_VCPUS;
    if (c.clusterPurpose === "FastProd" && !enough) {
      throw new ArgumentError(
        "cluster.clusterPurpose",
        `FastProd needs at least ${FAST_PROD_MIN_VCPUS} vCPUs in total; ${nodeCount} × ${vmSize} (${vcpus} vCPUs each) has ${total}. ` +
          `Raise cluster.nodeCount or pick a larger cluster.vmSize, or use clusterPurpose "DevTest"`,
      );
    }
    if (c.clusterPurpose !== undefined) {
      clusterPurpose = c.clusterPurpose;
    } else if (nodeCount >= 3 && enough) {
      clusterPurpose = "FastProd";
    } else {
      clusterPurpose = "DevTest";
      if (nodeCount >= 3) {
        warnings.push(
          `cluster.clusterPurpose: ${nodeCount} × ${vmSize} has ${total} vCPUs, under the ${FAST_PROD_MIN_VCPUS} that FastProd needs: the compute is created as DevTest (no HA front end); set clusterPurpose "DevTest" to silence this, or give more or larger nodes for FastProd`,
        );
      }
    }
  }
  if (c.existingClusterId !== undefined) {
    if (isPlainString(c.existingClusterId)) parseAksClusterId(c.existingClusterId);
    for (const k of ["vmSize", "kubernetesVersion"] as const) {
      if (c[k] !== undefined) {
        throw new ArgumentError(
          `cluster.${k}`,
          "applies to a new cluster only; remove it when existingClusterId is set",
        );
      }
    }
  }

  const ss = args.certificate?.selfSigned ?? {};
  const validityDays = intIn("certificate.selfSigned.validityDays", ss.validityDays, 2, 3650, 90);
  const renewBeforeDays = intIn(
    "certificate.selfSigned.renewBeforeDays",
    ss.renewBeforeDays,
    1,
    validityDays - 1,
    Math.min(30, validityDays - 1),
  );
  checkEnumValue(
    "certificate.selfSigned.algorithm",
    ss.algorithm,
    Object.values(KeyAlgorithm),
    '"ECDSA" (P-256) or "RSA" (2048 bits)',
  );
  const algRaw: KeyAlgorithm = ss.algorithm ?? "RSA";
  if (certificateSource === "selfSigned") {
    warnings.push(
      "certificate.selfSigned: a self-signed certificate is for development only; clients must trust it explicitly",
    );
    if (algRaw === "ECDSA") warnings.push(ecdsaWarning("certificate.selfSigned.algorithm"));
  }
  if (certificateSource === "imported") {
    const imp = args.certificate.imported!;
    intIn("certificate.imported.minDaysRemaining", imp.minDaysRemaining, 0, 3650, 30);
    const hasPem = imp.certPem !== undefined || imp.certFile !== undefined;
    const hasPfx = imp.pfxBase64 !== undefined || imp.pfxFile !== undefined;
    if (hasPem && hasPfx) {
      throw new ArgumentError(
        "certificate.imported",
        "give either PEM/DER (certPem/certFile) or PKCS#12 (pfxBase64/pfxFile), not both",
      );
    }
    if (!hasPem && !hasPfx) {
      throw new ArgumentError(
        "certificate.imported",
        "give certPem or certFile (with keyPem/keyFile), or pfxBase64 or pfxFile",
      );
    }
    if (imp.certPem !== undefined && imp.certFile !== undefined)
      throw new ArgumentError("certificate.imported.certFile", "give certPem or certFile, not both");
    if (imp.keyPem !== undefined && imp.keyFile !== undefined)
      throw new ArgumentError("certificate.imported.keyFile", "give keyPem or keyFile, not both");
    if (imp.chainPem !== undefined && imp.chainFile !== undefined)
      throw new ArgumentError("certificate.imported.chainFile", "give chainPem or chainFile, not both");
    if (imp.pfxBase64 !== undefined && imp.pfxFile !== undefined)
      throw new ArgumentError("certificate.imported.pfxFile", "give pfxBase64 or pfxFile, not both");
    if (hasPfx && (imp.keyPem !== undefined || imp.keyFile !== undefined)) {
      throw new ArgumentError(
        "certificate.imported.keyPem",
        "a PKCS#12 file carries its own key; remove keyPem/keyFile",
      );
    }
  }

  let dns: ResolvedArgs["dns"];
  checkKeys("dns", args.dns, KNOWN_KEYS.dns);
  validateDnsProviders(args.dns);
  if (args.dns?.azure !== undefined) {
    const az = validateAzureDns(args.dns.azure, plainHostname);
    dns = { ttl: az.ttl, proxied: false, zoneName: az.zoneName };
  }
  if (args.dns?.cloudflare !== undefined) {
    const cf = args.dns.cloudflare;
    checkKeys("dns.cloudflare", cf, KNOWN_KEYS["dns.cloudflare"]);
    validateCloudflareToken(cf.apiToken);
    if (cf.zoneId === undefined || cf.zoneId === "")
      throw new ArgumentError(
        "dns.cloudflare.zoneId",
        "is required (the Cloudflare zone ID, 32 hex characters)",
      );
    if (isPlainString(cf.zoneId) && !/^[0-9a-f]{32}$/.test(cf.zoneId)) {
      throw new ArgumentError(
        "dns.cloudflare.zoneId",
        `${JSON.stringify(cf.zoneId)} is not a Cloudflare zone ID (32 lower-case hex characters)`,
      );
    }
    if (
      cf.adoptRecordId !== undefined &&
      (typeof cf.adoptRecordId !== "string" || !/^[0-9a-f]{32}$/.test(cf.adoptRecordId))
    ) {
      throw new ArgumentError(
        "dns.cloudflare.adoptRecordId",
        `${JSON.stringify(cf.adoptRecordId)} is not a Cloudflare record ID (32 lower-case hex characters, as the refusal message printed it)`,
      );
    }
    const enterprise = cf.enterpriseZone ?? false;
    if (typeof enterprise !== "boolean")
      throw new ArgumentError("dns.cloudflare.enterpriseZone", "must be true or false");
    // Cloudflare: 1 means automatic; otherwise 60–86400 s, and 30 s only on Enterprise zones
    // (https://developers.cloudflare.com/dns/manage-dns-records/reference/ttl/).
    const minTtl = enterprise ? 30 : 60;
    const ttlGiven = cf.ttl ?? 300;
    if (
      typeof ttlGiven !== "number" ||
      !Number.isInteger(ttlGiven) ||
      !(ttlGiven === 1 || (ttlGiven >= minTtl && ttlGiven <= 86400))
    ) {
      const enterpriseHint =
        !enterprise && typeof ttlGiven === "number" && ttlGiven >= 30 && ttlGiven < 60
          ? "; 30–59 s needs an Enterprise zone: set dns.cloudflare.enterpriseZone: true if yours is one"
          : "";
      throw new ArgumentError(
        "dns.cloudflare.ttl",
        `must be 1 (automatic) or a whole number of seconds from ${minTtl} to 86400, got ${JSON.stringify(cf.ttl)}${enterpriseHint}`,
      );
    }
    const proxied = cf.proxied ?? false;
    if (typeof proxied !== "boolean")
      throw new ArgumentError("dns.cloudflare.proxied", "must be true or false");
    // Cloudflare answers for a proxied record itself and keeps its TTL automatic: send 1.
    const ttl = proxied ? 1 : ttlGiven;
    if (proxied && cf.ttl !== undefined && cf.ttl !== 1) {
      warnings.push(
        `dns.cloudflare.ttl: ${cf.ttl} is not used for a proxied record; Cloudflare keeps proxied records at automatic TTL, so ttl 1 is sent`,
      );
    }
    let zoneName: string | undefined;
    if (cf.zoneName !== undefined) {
      const problem = hostnameProblem(cf.zoneName);
      if (problem)
        throw new ArgumentError("dns.cloudflare.zoneName", `${JSON.stringify(cf.zoneName)} ${problem}`);
      zoneName = canonicalHostname(cf.zoneName);
      if (plainHostname && plainHostname !== zoneName && !plainHostname.endsWith(`.${zoneName}`)) {
        throw new ArgumentError(
          "hostname",
          `${plainHostname} is outside the Cloudflare zone ${zoneName}; use a name under ${zoneName} or the zone that holds the hostname`,
        );
      }
    }
    if (proxied && certificateSource === "selfSigned") {
      warnings.push(
        "dns.cloudflare.proxied with a self-signed certificate: Cloudflare's Full (strict) mode rejects it, and proxied calls are cut after 100 s; use proxied: false or an imported certificate",
      );
    } else if (proxied) {
      warnings.push(
        "dns.cloudflare.proxied: Cloudflare cuts proxied calls after 100 s; long scoring calls will fail",
      );
    }
    dns = { ttl, proxied, zoneName };
  }

  // A private front end and split-horizon DNS (docs/private-networks.md).
  const publicDns = ["cloudflare", "azure"].find((k) => args.dns?.[k as "azure"] !== undefined);
  const network = validateNetwork(args.network, kind, publicDns && `dns.${publicDns}`, warnings);
  let azurePrivate: ResolvedAzurePrivateDns | undefined;
  if (args.dns?.azurePrivate !== undefined) {
    const azp = args.dns.azurePrivate;
    azurePrivate = validateAzurePrivateDns(azp, plainHostname, network.internalLoadBalancer, warnings);
    dns = { ttl: azurePrivate.ttl, proxied: false, zoneName: azurePrivate.zoneName };
  }

  const acme =
    certificateSource === "acme"
      ? validateAcme(args.certificate.acme!, args.dns, warnings, plainHostname)
      : undefined;

  const services = validateServices(args.services, kind);
  if (kind === "aks") {
    // Legacy web services are deployed by the v1 tooling; only their names matter here.
    services.forEach((svc) => {
      const ignored = KNOWN_KEYS.service.filter(
        (k) => k !== "name" && svc[k as keyof ServiceArgs] !== undefined,
      );
      if (ignored.length > 0) {
        warnings.push(
          `services "${svc.name}": ${ignored.join(", ")} ${ignored.length === 1 ? "is" : "are"} ignored on cluster.kind "aks" (services there are deployed by other tooling; only the name is used)`,
        );
      }
    });
  }
  return {
    kind,
    tlsEnabled,
    certificateSource,
    plainHostname,
    nodeCount,
    vmSize,
    namespace,
    selfSigned: { validityDays, renewBeforeDays, algorithm: algRaw },
    clusterPurpose,
    dns,
    acme,
    network,
    azurePrivate,
    services,
    warnings,
  };
}
