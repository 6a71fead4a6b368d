// The DNS-01 challenge's configuration for the acme provider, which hands it to lego as environment
// variables (https://go-acme.github.io/lego/dns/cloudflare/, https://go-acme.github.io/lego/dns/azuredns/).
// Every variable lego reads is set under the name lego prefers, so the ambient environment cannot
// silently take over; what still could is named in a warning.
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { ArgumentError } from "../../errors";
import { AzureDnsAuthMethod } from "../../enums";
import type { AzureDnsArgs, CloudflareDnsArgs, SslMlClusterArgs } from "../../types";
import { canonicalHostname } from "../../common/hostname";

/** Where the Cloudflare token for the DNS-01 challenge comes from (never the token itself). */
export type CloudflareTokenSource =
  | "dns.cloudflare.apiToken"
  | "certificate.acme.challenge.cloudflare.apiToken"
  | "cloudflare:apiToken"
  | "CLOUDFLARE_API_TOKEN";

/**
 * The zone that answers the DNS-01 challenge and the argument path it was given at:
 * `certificate.acme.challenge` when set (a private record's public zone), else `dns`. Pure.
 */
export function challengeZone(args: SslMlClusterArgs): {
  path: "certificate.acme.challenge" | "dns";
  cloudflare?: CloudflareDnsArgs;
  azure?: AzureDnsArgs;
} {
  const c = args.certificate?.acme?.challenge;
  if (c !== undefined)
    return { path: "certificate.acme.challenge", cloudflare: c.cloudflare, azure: c.azure };
  return { path: "dns", cloudflare: args.dns?.cloudflare, azure: args.dns?.azure };
}

/**
 * Which Cloudflare token answers the challenge: the one the record uses too. `dns.cloudflare.apiToken`
 * first, then the Cloudflare provider's configuration (`cloudflare:apiToken`), then the
 * `CLOUDFLARE_API_TOKEN` environment variable (the order the Cloudflare provider itself follows). Pure.
 */
export function cloudflareTokenSource(
  apiToken: unknown,
  env: NodeJS.ProcessEnv,
  configured = false,
  argument:
    "dns.cloudflare.apiToken" | "certificate.acme.challenge.cloudflare.apiToken" = "dns.cloudflare.apiToken",
): CloudflareTokenSource {
  if (apiToken !== undefined) return argument;
  if (configured) return "cloudflare:apiToken";
  if (env.CLOUDFLARE_API_TOKEN) return "CLOUDFLARE_API_TOKEN";
  throw new ArgumentError(
    argument,
    `certificate.acme writes its DNS-01 TXT record through Cloudflare and needs an API token with Zone:Read and DNS:Edit on the zone: set ${argument} (a secret), the cloudflare:apiToken configuration, or the CLOUDFLARE_API_TOKEN environment variable`,
  );
}

/** lego reads either of these pairs before any token, so a global API key in the environment wins. */
const CLOUDFLARE_GLOBAL_KEY: [string[], string[]] = [
  ["CLOUDFLARE_EMAIL", "CF_API_EMAIL", "CLOUDFLARE_EMAIL_FILE", "CF_API_EMAIL_FILE"],
  ["CLOUDFLARE_API_KEY", "CF_API_KEY", "CLOUDFLARE_API_KEY_FILE", "CF_API_KEY_FILE"],
];

/**
 * The challenge's Cloudflare variables: the token under lego's preferred name, and as the zone token
 * too (lego looks zones up with `CLOUDFLARE_ZONE_API_TOKEN` when one is set). Pure.
 */
export function cloudflareChallengeConfig(token: string): Record<string, string> {
  const t = token.trim();
  return { CLOUDFLARE_DNS_API_TOKEN: t, CLOUDFLARE_ZONE_API_TOKEN: t };
}

/** Ambient variables that would still override the Cloudflare token, as warnings. Pure. */
export function cloudflareAmbientWarnings(env: NodeJS.ProcessEnv): string[] {
  const [emails, keys] = CLOUDFLARE_GLOBAL_KEY.map((names) => names.filter((n) => env[n]));
  if (emails.length === 0 || keys.length === 0) return [];
  return [
    `certificate.acme: ${emails[0]} and ${keys[0]} are set in the environment, and lego prefers a global API key to the token, so the DNS-01 challenge would use them; unset them for pulumi up`,
  ];
}

/** lego's `AZURE_AUTH_METHOD` values (an unknown value, such as "default", is its default chain). */
const LEGO_AUTH_METHOD: Record<AzureDnsAuthMethod, string> = {
  default: "default",
  cli: "cli",
  msi: "msi",
  oidc: "oidc",
  env: "env",
  workloadIdentity: "wli",
};

/**
 * The challenge's Azure DNS variables, each also under its `ARM_*` name: the acme provider copies
 * `ARM_*` onto `AZURE_*` after applying this configuration (`mapEnvironmentVariableValues` in
 * https://github.com/vancluever/terraform-provider-acme/blob/main/acme/dnsplugin/dns_provider_factory.go),
 * so an ambient `ARM_SUBSCRIPTION_ID` would otherwise win. Pure.
 */
export function azureChallengeConfig(
  subscriptionId: string,
  resourceGroup: string,
  zoneName: string,
  authMethod: AzureDnsAuthMethod,
): Record<string, string> {
  return {
    AZURE_SUBSCRIPTION_ID: subscriptionId,
    ARM_SUBSCRIPTION_ID: subscriptionId,
    AZURE_RESOURCE_GROUP: resourceGroup,
    ARM_RESOURCE_GROUP: resourceGroup,
    AZURE_ZONE_NAME: canonicalHostname(zoneName),
    AZURE_AUTH_METHOD: LEGO_AUTH_METHOD[authMethod],
  };
}

/** Credentials the component does not set and the acme provider copies from `ARM_*`: a warning when they differ. Pure. */
export function azureAmbientWarnings(env: NodeJS.ProcessEnv): string[] {
  return ["CLIENT_ID", "CLIENT_SECRET", "TENANT_ID"]
    .filter((k) => env[`ARM_${k}`] && env[`AZURE_${k}`] && env[`ARM_${k}`] !== env[`AZURE_${k}`])
    .map(
      (k) =>
        `certificate.acme: ARM_${k} and AZURE_${k} differ in the environment; the acme provider copies ARM_${k} over AZURE_${k}, so the DNS-01 challenge signs in with ARM_${k}`,
    );
}

/**
 * lego's `msi` method builds azidentity's ManagedIdentityCredential with no ID, which signs in as
 * the host's default identity and never reads `AZURE_CLIENT_ID` (lego providers/dns/azuredns/azuredns.go,
 * getCredentials). A client ID in the environment (or `ARM_CLIENT_ID`, which the acme provider
 * copies over it) says a user-assigned identity was meant: the default chain honours it. Pure.
 */
export function azureMsiWarnings(method: AzureDnsAuthMethod, env: NodeJS.ProcessEnv, path: string): string[] {
  const id = env.AZURE_CLIENT_ID ? "AZURE_CLIENT_ID" : env.ARM_CLIENT_ID ? "ARM_CLIENT_ID" : undefined;
  if (method !== AzureDnsAuthMethod.Msi || id === undefined) return [];
  return [
    `${path}.authMethod "msi": ${id} is set, but lego's msi method signs in as the host's default managed identity and ignores it; for a user-assigned identity use authMethod "default" (Azure's credential chain passes AZURE_CLIENT_ID to the managed identity), or unset ${id}`,
  ];
}

/** What the component decided about the challenge before anything was registered. */
export interface PreparedAcme {
  tokenSource?: CloudflareTokenSource;
  /** The Cloudflare provider's configured token (`cloudflare:apiToken`), when that is the source. */
  configuredToken?: pulumi.Output<string>;
  /** Warnings about the ambient environment. */
  warnings: string[];
}

/** Finds the challenge's credentials before anything is registered (an error names the fix). */
export function prepareAcme(
  args: SslMlClusterArgs,
  env: NodeJS.ProcessEnv = process.env,
  configuredToken: pulumi.Output<string> | undefined = new pulumi.Config("cloudflare").getSecret("apiToken"),
): PreparedAcme {
  const zone = challengeZone(args);
  if (zone.cloudflare !== undefined) {
    const tokenSource = cloudflareTokenSource(
      zone.cloudflare.apiToken,
      env,
      configuredToken !== undefined,
      `${zone.path}.cloudflare.apiToken`,
    );
    return {
      tokenSource,
      configuredToken: tokenSource === "cloudflare:apiToken" ? configuredToken : undefined,
      warnings: cloudflareAmbientWarnings(env),
    };
  }
  const method = zone.azure?.authMethod ?? AzureDnsAuthMethod.Default;
  return {
    warnings: [...azureAmbientWarnings(env), ...azureMsiWarnings(method, env, `${zone.path}.azure`)],
  };
}

/** The DNS-01 challenge block of the acme Certificate. The whole map is secret: it may hold the token. */
export function dnsChallenge(
  parent: pulumi.Resource,
  args: SslMlClusterArgs,
  prepared: PreparedAcme,
  env: NodeJS.ProcessEnv,
): { provider: string; config: pulumi.Output<Record<string, string>> } {
  for (const w of prepared.warnings) pulumi.log.warn(w, parent);
  const zone = challengeZone(args);
  if (zone.cloudflare !== undefined) {
    const token =
      prepared.tokenSource === `${zone.path}.cloudflare.apiToken`
        ? pulumi.output(zone.cloudflare.apiToken!)
        : prepared.tokenSource === "cloudflare:apiToken"
          ? prepared.configuredToken!
          : pulumi.output(env.CLOUDFLARE_API_TOKEN ?? "");
    pulumi.log.info(
      `certificate.acme: DNS-01 through Cloudflare with the API token from ${prepared.tokenSource}`,
      parent,
    );
    return { provider: "cloudflare", config: pulumi.secret(token.apply(cloudflareChallengeConfig)) };
  }
  const azure = zone.azure!;
  const method = azure.authMethod ?? AzureDnsAuthMethod.Default;
  // The zone's subscription is the one the azure-native provider deploys the record set into.
  const client = authorization.getClientConfigOutput({ parent });
  pulumi.log.info(
    `certificate.acme: DNS-01 through Azure DNS, signing in with the "${method}" method (${zone.path}.azure.authMethod)`,
    parent,
  );
  return {
    provider: "azuredns",
    config: pulumi.secret(
      pulumi
        .all([client.subscriptionId, azure.resourceGroupName, azure.zoneName])
        .apply(([sub, rg, zone]) => azureChallengeConfig(sub, rg, zone, method)),
    ),
  };
}
