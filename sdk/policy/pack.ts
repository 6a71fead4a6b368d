// The CrossGuard policies (https://www.pulumi.com/docs/iac/using-pulumi/crossguard/): each wraps a
// pure rule of ./rules. Only types come from @pulumi/policy here, so the rules load without it.
import type {
  EnforcementLevel,
  Policies,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import {
  CertificateRuleConfig,
  certificateViolations,
  chainViolations,
  daysLeftViolations,
  EndpointRuleConfig,
  endpointViolations,
  proxiedRecordViolations,
  scoringTlsViolations,
} from "./rules";

/** The policies' names: stable, since a pack's configuration file refers to them. */
export const POLICY_NAMES = {
  scoringTls: "ssl-ml-scoring-tls",
  certificate: "ssl-ml-certificate",
  daysLeft: "ssl-ml-certificate-days-left",
  chain: "ssl-ml-certificate-chain",
  endpointAuth: "ssl-ml-endpoint-access",
  dnsNotProxied: "ssl-ml-dns-not-proxied",
} as const;

/** Enforcement level per policy, overriding the defaults (each is also configurable in the pack's config). */
export type PolicyEnforcement = Partial<
  Record<(typeof POLICY_NAMES)[keyof typeof POLICY_NAMES], EnforcementLevel>
>;

type Rule<C> = (type: string, props: Record<string, unknown>, cfg: C) => string[];

function resourcePolicy<C extends object>(
  name: string,
  description: string,
  level: EnforcementLevel,
  rule: Rule<C>,
  configSchema?: ResourceValidationPolicy["configSchema"],
): ResourceValidationPolicy {
  return {
    name,
    description,
    enforcementLevel: level,
    configSchema,
    validateResource: (args: ResourceValidationArgs, report) => {
      for (const message of rule(args.type, args.props, args.getConfig<C>())) report(message);
    },
  };
}

const certificateConfig = {
  properties: {
    minDaysRemaining: { type: "integer", minimum: 0, default: 30 },
    allowSelfSigned: { type: "boolean", default: true },
  },
} as const;

/**
 * The pack's policies. They apply to any program, with or without the component: they read the
 * resources as azure-native and Cloudflare receive them.
 */
export function sslMlClusterPolicies(enforcement: PolicyEnforcement = {}): Policies {
  const level = (n: keyof PolicyEnforcement, d: EnforcementLevel) => enforcement[n] ?? d;
  const dns: StackValidationPolicy = {
    name: POLICY_NAMES.dnsNotProxied,
    description:
      "A scoring hostname whose front end terminates TLS is not proxied by Cloudflare (the proxy replaces the certificate and cuts calls after 100 s).",
    enforcementLevel: level(POLICY_NAMES.dnsNotProxied, "mandatory"),
    validateStack: (args, report) => {
      for (const v of proxiedRecordViolations(args.resources))
        report(v.message, args.resources.find((r) => r.name === v.name)?.urn);
    },
  };
  return [
    resourcePolicy(
      POLICY_NAMES.scoringTls,
      "The AzureML extension and the legacy AKS compute serve scoring over TLS, with a certificate and its hostname.",
      level(POLICY_NAMES.scoringTls, "mandatory"),
      (t, p) => scoringTlsViolations(t, p),
    ),
    resourcePolicy<CertificateRuleConfig>(
      POLICY_NAMES.certificate,
      "The scoring certificate passes ssl-ml-cluster's rules: valid now, key matches, hostname covered, no weak key or signature, leaf first.",
      level(POLICY_NAMES.certificate, "mandatory"),
      certificateViolations,
      certificateConfig,
    ),
    resourcePolicy<CertificateRuleConfig>(
      POLICY_NAMES.daysLeft,
      "The scoring certificate has at least minDaysRemaining days left (default 30).",
      level(POLICY_NAMES.daysLeft, "mandatory"),
      daysLeftViolations,
      certificateConfig,
    ),
    resourcePolicy<CertificateRuleConfig>(
      POLICY_NAMES.chain,
      "The scoring certificate's chain is complete up to a public root; a self-signed leaf only where allowSelfSigned (default true).",
      level(POLICY_NAMES.chain, "mandatory"),
      chainViolations,
      certificateConfig,
    ),
    resourcePolicy<EndpointRuleConfig>(
      POLICY_NAMES.endpointAuth,
      "Online endpoints require a key or a token; with requirePrivate, endpoints and managed deployments have no public network access.",
      level(POLICY_NAMES.endpointAuth, "mandatory"),
      endpointViolations,
      {
        properties: {
          allowedAuthModes: {
            type: "array",
            items: { type: "string", enum: ["Key", "AMLToken", "AADToken"] },
          },
          requirePrivate: { type: "boolean", default: false },
        },
      },
    ),
    dns,
  ];
}
