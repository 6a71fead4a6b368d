// Rules of `SslMlManagedEndpoints`' arguments (Azure Front Door in front of managed online
// endpoints). Pure: no Pulumi, no I/O. The shared parts' rules are reused: services, DNS, Key Vault,
// hostnames and Azure names. docs/managed-endpoints.md explains each rule.
import { ArgumentError } from "../errors";
import { FrontDoorSku } from "../enums";
import type { CertificateArgs, DnsArgs, ServiceArgs, SslMlManagedEndpointsArgs } from "../types";
import type { ResolvedKeyVault } from "../args/resolved";
import { checkKeys, intIn, isPlainString } from "../common/check-keys";
import { checkEnumValue } from "../common/enum-value";
import { checkedHostname } from "../common/hostname";
import { resourceGroupNameProblem, workspaceNameProblem } from "../common/azure-names";
import { validateServices } from "../services/args-rules";
import { validateDns } from "../dns/args-rules";
import { validateKeyVault } from "../certificates/sources/keyvault-args";
import { parseKeyVaultId, KeyVaultResourceId } from "./keyvault-id";

export const MANAGED_ARGS_KEYS = [
  "hostname",
  "resourceGroupName",
  "workspaceName",
  "services",
  "endpoints",
  "certificate",
  "dns",
  "frontDoor",
  "tags",
];
const FRONT_DOOR_KEYS = [
  "sku",
  "originResponseTimeoutSeconds",
  "keyVaultId",
  "assignKeyVaultRole",
  "validationTimeoutMinutes",
];
/** Azure ML's default request timeout of a managed deployment (`requestSettings.requestTimeout`, PT5S). */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 5;
/** Azure ML's maximum request timeout of a managed online deployment. */
export const MAX_REQUEST_TIMEOUT_SECONDS = 180;
/** Front Door's default origin response timeout; kept as the floor so the default profile stays Front Door's. */
export const FRONT_DOOR_DEFAULT_ORIGIN_TIMEOUT = 60;
/** The VM size of Microsoft's managed online endpoint quickstart. */
export const DEFAULT_INSTANCE_TYPE = "Standard_DS3_v2";
const ENDPOINT_NAME = /^[a-zA-Z][a-zA-Z0-9-]{1,30}[a-zA-Z0-9]$/;

/** Why each certificate source other than `keyVault` cannot be presented to Front Door. */
const REFUSED_SOURCES: Record<string, string> = {
  selfSigned:
    "Front Door serves only certificates from a publicly trusted CA, never a self-signed one; leave certificate out for Front Door's managed certificate (free, issued and renewed by Microsoft)",
  imported:
    "Front Door reads a customer certificate only from Azure Key Vault; import the PFX there (az keyvault certificate import) and use certificate.keyVault, or leave certificate out for Front Door's managed certificate",
  acme: "Front Door issues and renews its own managed certificate for the hostname (leave certificate out); an ACME certificate would reach Front Door only through Key Vault (certificate.keyVault)",
  microsoftManaged:
    "is the legacy AKS compute's Azure-issued name; in front of managed endpoints, Front Door's managed certificate is the default: leave certificate out",
};

/** The arguments once checked, defaults applied. */
export interface ResolvedManagedArgs {
  /** The hostname when it is a plain string (canonical form). */
  plainHostname?: string;
  /** Endpoints to create, sorted by name, each with its request timeout. */
  services: (ServiceArgs & { requestTimeoutSeconds: number; instanceType: string })[];
  /** Existing endpoints to attach, in the order given. */
  endpoints: string[];
  sku: FrontDoorSku;
  originResponseTimeoutSeconds: number;
  /** `ManagedCertificate` (default) or `CustomerCertificate` (`certificate.keyVault`). */
  certificateType: "ManagedCertificate" | "CustomerCertificate";
  keyVault?: ResolvedKeyVault;
  keyVaultId?: KeyVaultResourceId;
  assignKeyVaultRole: boolean;
  validationTimeoutMinutes: number;
  /** The DNS provider, its TTL and zone; undefined without `dns`. */
  dns?: { provider: "cloudflare" | "azure"; ttl: number; zoneName?: string };
  warnings: string[];
}

/** Validates every plain argument; throws {@link ArgumentError} naming the argument and the fix. Pure. */
export function validateManagedArgs(args: SslMlManagedEndpointsArgs): ResolvedManagedArgs {
  if (!args || typeof args !== "object") throw new ArgumentError("args", "are required");
  checkKeys("args", args, MANAGED_ARGS_KEYS);
  const warnings: string[] = [];
  if (args.hostname === undefined || args.hostname === "")
    throw new ArgumentError("hostname", "is required: the FQDN clients call, e.g. ml.example.com");
  const plainHostname = isPlainString(args.hostname) ? checkedHostname(args.hostname) : undefined;
  requireName(
    "resourceGroupName",
    args.resourceGroupName,
    resourceGroupNameProblem,
    "the workspace's resource group",
  );
  requireName("workspaceName", args.workspaceName, workspaceNameProblem, "the Azure ML workspace");

  const services = validateServices(args.services, "kubernetes", true).map((s, _i, all) => {
    const index = (args.services ?? []).indexOf(s);
    const path = `services[${index >= 0 ? index : all.indexOf(s)}]`;
    const timeout = (s as { requestTimeoutSeconds?: number }).requestTimeoutSeconds;
    return {
      ...s,
      instanceType: s.instanceType ?? DEFAULT_INSTANCE_TYPE,
      requestTimeoutSeconds: intIn(
        `${path}.requestTimeoutSeconds`,
        timeout,
        1,
        MAX_REQUEST_TIMEOUT_SECONDS,
        DEFAULT_REQUEST_TIMEOUT_SECONDS,
      ),
    };
  });
  const endpoints = validateEndpoints(args.endpoints, services);
  if (services.length + endpoints.length === 0)
    throw new ArgumentError(
      "services",
      "give at least one endpoint: services (managed online endpoints made here) or endpoints (names of existing ones)",
    );

  const cert = certificateChoice(args.certificate);
  const fd = args.frontDoor ?? {};
  checkKeys("frontDoor", args.frontDoor, FRONT_DOOR_KEYS);
  checkEnumValue(
    "frontDoor.sku",
    fd.sku,
    Object.values(FrontDoorSku),
    '"Standard_AzureFrontDoor" or "Premium_AzureFrontDoor"',
  );
  const longest = Math.max(0, ...services.map((s) => s.requestTimeoutSeconds));
  const originResponseTimeoutSeconds = originTimeout(fd.originResponseTimeoutSeconds, longest);
  const keyVaultId = keyVaultIdChoice(fd.keyVaultId, cert.keyVault);
  const assignKeyVaultRole = fd.assignKeyVaultRole ?? true;
  if (typeof assignKeyVaultRole !== "boolean")
    throw new ArgumentError("frontDoor.assignKeyVaultRole", "must be true or false");
  const validationTimeoutMinutes = intIn(
    "frontDoor.validationTimeoutMinutes",
    fd.validationTimeoutMinutes,
    1,
    240,
    30,
  );
  if (endpoints.length > 0)
    warnings.push(
      `endpoints (${endpoints.join(", ")}): Front Door's origin response timeout is ${originResponseTimeoutSeconds} s; if an attached endpoint's deployments allow longer requests, raise frontDoor.originResponseTimeoutSeconds to match`,
    );

  return {
    plainHostname,
    services,
    endpoints,
    sku: fd.sku ?? FrontDoorSku.Standard,
    originResponseTimeoutSeconds,
    certificateType: cert.keyVault ? "CustomerCertificate" : "ManagedCertificate",
    keyVault: cert.keyVault,
    keyVaultId,
    assignKeyVaultRole,
    validationTimeoutMinutes,
    dns: managedDns(args.dns, plainHostname, warnings),
    warnings,
  };
}

function requireName(
  argument: string,
  value: unknown,
  problem: (v: string) => string | undefined,
  what: string,
): void {
  if (value === undefined || value === "") throw new ArgumentError(argument, `is required (${what})`);
  const p = isPlainString(value) ? problem(value) : undefined;
  if (p) throw new ArgumentError(argument, `${JSON.stringify(value)} ${p}`);
}

/** `endpoints`: names of existing managed online endpoints, unique, none also in `services`. */
export function validateEndpoints(endpoints: unknown, services: ServiceArgs[]): string[] {
  if (endpoints === undefined) return [];
  if (!Array.isArray(endpoints))
    throw new ArgumentError("endpoints", 'must be an array of endpoint names, e.g. ["my-endpoint"]');
  const seen = new Map(services.map((s) => [s.name.toLowerCase(), "services"]));
  endpoints.forEach((e: unknown, i: number) => {
    if (typeof e !== "string" || !ENDPOINT_NAME.test(e))
      throw new ArgumentError(
        `endpoints[${i}]`,
        `${JSON.stringify(e)} is not a managed online endpoint name: 3–32 characters, a letter first, then letters, digits and '-', not ending in '-'`,
      );
    const other = seen.get(e.toLowerCase());
    if (other)
      throw new ArgumentError(
        `endpoints[${i}]`,
        `${JSON.stringify(e)} is already named in ${other} (names are case-insensitive in Azure); name each endpoint once`,
      );
    seen.set(e.toLowerCase(), `endpoints[${i}]`);
  });
  return [...endpoints] as string[];
}

/** The certificate: none (Front Door's managed certificate) or `keyVault`; every other source is refused with its reason. */
export function certificateChoice(cert: CertificateArgs | undefined): { keyVault?: ResolvedKeyVault } {
  if (cert === undefined) return {};
  checkKeys("certificate", cert, ["selfSigned", "imported", "microsoftManaged", "acme", "keyVault"]);
  for (const [source, reason] of Object.entries(REFUSED_SOURCES)) {
    if (cert[source as keyof CertificateArgs] !== undefined)
      throw new ArgumentError(
        `certificate.${source}`,
        `is not available in front of managed endpoints: ${reason}`,
      );
  }
  if (cert.keyVault === undefined) return {};
  return { keyVault: validateKeyVault(cert.keyVault) };
}

/** Front Door's origin response timeout: 16–240 s, never below the longest request timeout. */
export function originTimeout(given: unknown, longestRequest: number): number {
  const timeout = intIn(
    "frontDoor.originResponseTimeoutSeconds",
    given,
    16,
    240,
    Math.max(FRONT_DOOR_DEFAULT_ORIGIN_TIMEOUT, longestRequest),
  );
  if (timeout < longestRequest)
    throw new ArgumentError(
      "frontDoor.originResponseTimeoutSeconds",
      `${timeout} s is shorter than a service's requestTimeoutSeconds (${longestRequest} s): Front Door would answer 504 before Azure ML does; give at least ${longestRequest}, or leave it out`,
    );
  return timeout;
}

function keyVaultIdChoice(id: unknown, kv: ResolvedKeyVault | undefined): KeyVaultResourceId | undefined {
  if (kv === undefined) {
    if (id !== undefined)
      throw new ArgumentError(
        "frontDoor.keyVaultId",
        "is used only with certificate.keyVault; remove it, or add certificate.keyVault",
      );
    return undefined;
  }
  if (id === undefined)
    throw new ArgumentError(
      "frontDoor.keyVaultId",
      `is required with certificate.keyVault: Front Door names the secret by the vault's resource ID (az keyvault show --name ${kv.vaultName} --query id -o tsv)`,
    );
  const parsed = parseKeyVaultId("frontDoor.keyVaultId", id);
  if (parsed.name.toLowerCase() !== kv.vaultName.toLowerCase())
    throw new ArgumentError(
      "frontDoor.keyVaultId",
      `names the vault ${parsed.name}, but certificate.keyVault reads ${kv.vaultName}; give the ID of ${kv.vaultName}`,
    );
  return parsed;
}

/** `dns`: Cloudflare (not proxied) or Azure DNS; a private zone cannot serve Front Door. */
function managedDns(
  dns: DnsArgs | undefined,
  plainHostname: string | undefined,
  warnings: string[],
): ResolvedManagedArgs["dns"] {
  if (dns?.azurePrivate !== undefined)
    throw new ArgumentError(
      "dns.azurePrivate",
      "cannot serve Front Door: its domain validation (the _dnsauth TXT record) and its clients resolve the hostname in public DNS; use dns.azure or dns.cloudflare",
    );
  if (dns?.cloudflare?.proxied === true)
    throw new ArgumentError(
      "dns.cloudflare.proxied",
      "must be false: Front Door's managed certificate and domain checks need the hostname's CNAME to point at Front Door itself, not at Cloudflare's proxy",
    );
  const resolved = validateDns(dns, plainHostname, undefined, warnings);
  if (resolved === undefined) return undefined;
  return {
    provider: dns?.cloudflare !== undefined ? "cloudflare" : "azure",
    ttl: resolved.ttl,
    zoneName: resolved.zoneName,
  };
}
