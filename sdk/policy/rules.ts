// The policy pack's rules as pure functions of a resource's type and inputs: each returns the
// violation messages (empty when the resource complies). The certificate rules are the package's own
// (inspectCertificate, docs/certificates.md), so a stack is held to what the component enforces.
import { inspectCertificate } from "../certificates/rules/inspect";
import type { Finding, FindingCode } from "../certificates/rules/findings";
import { AuthMode } from "../enums";
import {
  CLOUDFLARE_RECORD_TOKENS,
  ONLINE_DEPLOYMENT_TOKEN,
  ONLINE_ENDPOINT_TOKEN,
  scoringTls,
  ScoringTls,
} from "./scoring-tls";

type Props = Record<string, unknown>;

/** Every auth mode Azure ML online endpoints accept: each makes callers present a key or a token. */
export const ENDPOINT_AUTH_MODES = [AuthMode.Key, AuthMode.AMLToken, "AADToken"] as const;

/** Findings that belong to the chain rule rather than the certificate rule. */
const CHAIN_CODES: FindingCode[] = ["CHAIN_INCOMPLETE", "SELF_SIGNED"];

const where = (t: ScoringTls) =>
  t.kind === "extension"
    ? "the AzureML extension (configurationSettings)"
    : "the legacy AKS compute (properties.properties.sslConfiguration)";

/**
 * The front end serves scoring over TLS: the extension does not allow insecure connections and
 * has a certificate (protected `scoringFe.sslCert` + `scoringFe.sslKey`, or `sslSecret`) and an
 * `sslCname`; the legacy compute's sslConfiguration is Enabled (cert, key, cname) or Auto.
 */
export function scoringTlsViolations(type: string, props: Props): string[] {
  const t = scoringTls(type, props);
  if (t === undefined || !t.inference) return [];
  if (!t.tls)
    return [
      t.kind === "extension"
        ? `${where(t)} serves scoring over plain HTTP (allowInsecureConnections=True); set allowInsecureConnections=False with sslCname and a certificate (scoringFe.sslCert/scoringFe.sslKey or sslSecret)`
        : `${where(t)} serves scoring over plain HTTP (sslConfiguration.status is ${JSON.stringify((props as { properties?: { properties?: { sslConfiguration?: { status?: string } } } }).properties?.properties?.sslConfiguration?.status ?? "absent")}); set status Enabled with cert, key and cname, or Auto with leafDomainLabel`,
    ];
  if (t.microsoftManaged) return [];
  const out: string[] = [];
  if (!t.hostname)
    out.push(
      `${where(t)} has TLS on but no ${t.kind === "extension" ? "sslCname" : "cname"}: clients cannot verify the front end's name`,
    );
  if (
    t.sslSecret === undefined &&
    (t.certPem === undefined || t.keyPem === undefined) &&
    !unknownCertificate(t, props)
  )
    out.push(
      t.kind === "extension"
        ? `${where(t)} has TLS on but no certificate: give configurationProtectedSettings scoringFe.sslCert and scoringFe.sslKey (base64 PEM), or sslSecret`
        : `${where(t)} has status Enabled but no cert and key`,
    );
  return out;
}

/**
 * A preview sends an input that depends on a resource not yet made (a certificate issued in this
 * run) as unknown, which arrives as a key whose value is undefined: not a violation yet.
 */
function unknownCertificate(t: ScoringTls, props: Props): boolean {
  if (t.kind === "extension") {
    const ps = props.configurationProtectedSettings as Props | undefined;
    if (ps === undefined) return Object.hasOwn(props, "configurationProtectedSettings");
    return ["scoringFe.sslCert", "scoringFe.sslKey"].some((k) => Object.hasOwn(ps, k) && ps[k] === undefined);
  }
  const ssl = ((props.properties as Props | undefined)?.properties as Props | undefined)?.sslConfiguration as
    Props | undefined;
  return ssl !== undefined && ["cert", "key"].some((k) => Object.hasOwn(ssl, k) && ssl[k] === undefined);
}

/** Configuration of the certificate rules. */
export interface CertificateRuleConfig {
  /** Fewer days left than this is a violation of the days-left rule. Default: 30. */
  minDaysRemaining?: number;
  /** A self-signed leaf is allowed (development stacks). Default: true. */
  allowSelfSigned?: boolean;
  /** The clock (tests). Default: now. */
  now?: Date;
}

/** The package's findings for the certificate a front end is given, or [] when none is known. */
export function scoringCertificateFindings(
  type: string,
  props: Props,
  cfg: CertificateRuleConfig = {},
): Finding[] {
  const t = scoringTls(type, props);
  if (t === undefined || !t.tls || t.microsoftManaged || t.certPem === undefined) return [];
  return inspectCertificate({
    cert: t.certPem,
    key: t.keyPem,
    hostname: t.hostname,
    minDaysRemaining: cfg.minDaysRemaining ?? 30,
    now: cfg.now,
  }).findings;
}

const line = (f: Finding) => `${f.code}: ${f.message}`;

/** Error findings: expired, not yet valid, key mismatch, hostname not covered, weak key or signature… */
export function certificateViolations(type: string, props: Props, cfg: CertificateRuleConfig = {}): string[] {
  return scoringCertificateFindings(type, props, cfg)
    .filter((f) => f.severity === "error" && !CHAIN_CODES.includes(f.code))
    .map(line);
}

/** Too few days left (`EXPIRES_SOON`, the `minDaysRemaining` threshold). */
export function daysLeftViolations(type: string, props: Props, cfg: CertificateRuleConfig = {}): string[] {
  return scoringCertificateFindings(type, props, cfg)
    .filter((f) => f.code === "EXPIRES_SOON")
    .map(line);
}

/** An incomplete chain, and a self-signed leaf unless allowed. */
export function chainViolations(type: string, props: Props, cfg: CertificateRuleConfig = {}): string[] {
  return scoringCertificateFindings(type, props, cfg)
    .filter(
      (f) => f.code === "CHAIN_INCOMPLETE" || (f.code === "SELF_SIGNED" && cfg.allowSelfSigned === false),
    )
    .map(line);
}

/** Configuration of the endpoint rule. */
export interface EndpointRuleConfig {
  /** Auth modes allowed. Default: every mode Azure ML has (Key, AMLToken, AADToken). */
  allowedAuthModes?: string[];
  /** Endpoints must not be reachable from the internet (`publicNetworkAccess: Disabled`). Default: false. */
  requirePrivate?: boolean;
}

/** Online endpoints require a key or a token; with `requirePrivate`, no public network access. */
export function endpointViolations(type: string, props: Props, cfg: EndpointRuleConfig = {}): string[] {
  const p = (props.properties ?? {}) as Props;
  const out: string[] = [];
  if (type === ONLINE_ENDPOINT_TOKEN) {
    const allowed = cfg.allowedAuthModes ?? [...ENDPOINT_AUTH_MODES];
    const mode = p.authMode;
    if (typeof mode !== "string" || !allowed.includes(mode))
      out.push(
        `properties.authMode is ${mode === undefined ? "not set" : JSON.stringify(mode)}; use one of ${allowed.join(", ")} so callers must present a key or a token`,
      );
    // Azure's default for publicNetworkAccess is Enabled: absent counts as public.
    if (cfg.requirePrivate === true && p.publicNetworkAccess !== "Disabled")
      out.push(
        `properties.publicNetworkAccess is ${JSON.stringify(p.publicNetworkAccess ?? "Enabled (the default)")}; this stack must keep endpoints private: set it to "Disabled"`,
      );
  } else if (type === ONLINE_DEPLOYMENT_TOKEN && cfg.requirePrivate === true) {
    if (p.endpointComputeType === "Managed" && p.egressPublicNetworkAccess !== "Disabled")
      out.push(
        `properties.egressPublicNetworkAccess is ${JSON.stringify(p.egressPublicNetworkAccess ?? "Enabled (the default)")}; this stack must keep endpoints private: set it to "Disabled"`,
      );
  }
  return out;
}

/** One resource of a stack, as a stack policy sees it. */
export interface StackResourceLike {
  type: string;
  name: string;
  props: Props;
}

const canonical = (h: string) => h.trim().toLowerCase().replace(/\.$/, "");

/**
 * A scoring hostname whose front end terminates TLS itself must not be proxied by Cloudflare: the
 * proxy would present Cloudflare's certificate, cut calls after 100 s, and, with a self-signed
 * front end, fail Full (strict) (docs/dns.md).
 */
export function proxiedRecordViolations(resources: StackResourceLike[]): { name: string; message: string }[] {
  const hosts = new Set<string>();
  for (const r of resources) {
    const t = scoringTls(r.type, r.props);
    if (t?.tls && t.hostname) hosts.add(canonical(t.hostname));
  }
  const out: { name: string; message: string }[] = [];
  for (const r of resources) {
    if (!CLOUDFLARE_RECORD_TOKENS.includes(r.type) || r.props.proxied !== true) continue;
    const name = typeof r.props.name === "string" ? canonical(r.props.name) : "";
    // Cloudflare takes a full name or one relative to the zone: match either.
    const host = [...hosts].find((h) => h === name || h.startsWith(`${name}.`));
    if (host)
      out.push({
        name: r.name,
        message: `Cloudflare record ${r.name} proxies ${host}, whose scoring front end terminates TLS itself; set proxied: false`,
      });
  }
  return out;
}
