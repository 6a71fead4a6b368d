// `certificate`: the certificate sources (re-exported by sdk/types.ts).
import * as pulumi from "@pulumi/pulumi";
import type { AcmeKeyType, KeyAlgorithm } from "../enums";
import type { AzureDnsArgs, CloudflareDnsArgs } from "./dns";

/** A self-signed development certificate whose rotation the component owns. */
export interface SelfSignedCertificateArgs {
  /** Days each certificate is valid (2–3650). Default: 90. */
  validityDays?: number;
  /** A new certificate is made when fewer than this many days are left (1 to validityDays-1). Default: 30. */
  renewBeforeDays?: number;
  /**
   * `"RSA"` (2048 bits) or `"ECDSA"` (P-256, with a warning: every Azure ML TLS example uses RSA
   * 2048). Default: `"RSA"`.
   */
  algorithm?: KeyAlgorithm;
}

/** A certificate you already have (PEM text or files, PKCS#12, or DER). */
export interface ImportedCertificateArgs {
  /** Certificate PEM (leaf first; may also hold the chain, and the key). Default: none. */
  certPem?: pulumi.Input<string>;
  /** Private key PEM (PKCS#1, PKCS#8 or SEC1; encrypted when `password` is given). Default: none. */
  keyPem?: pulumi.Input<string>;
  /** Intermediate certificates PEM, issuer after subject. Default: none. */
  chainPem?: pulumi.Input<string>;
  /** Path of a certificate file, PEM or DER. Default: none. */
  certFile?: string;
  /** Path of a private key file, PEM. Default: none. */
  keyFile?: string;
  /** Path of a chain file, PEM. Default: none. */
  chainFile?: string;
  /** PKCS#12 (.pfx / .p12) as base64. Default: none. */
  pfxBase64?: pulumi.Input<string>;
  /** Path of a PKCS#12 file. Default: none. */
  pfxFile?: string;
  /** Password of the PKCS#12 file or passphrase of the encrypted key. Default: none. */
  password?: pulumi.Input<string>;
  /** Warn when fewer days than this are left. Default: 30. */
  minDaysRemaining?: number;
}

/** A certificate that Azure issues and renews (`aks` kind only). */
export interface MicrosoftManagedCertificateArgs {
  /** Leaf label of the Azure-issued name (`<label>.<region>.cloudapp.azure.com`). Required. */
  leafDomainLabel: string;
  /** Take the label over when it already exists. Default: false. */
  overwriteExistingDomain?: boolean;
}

/**
 * A publicly trusted certificate from an ACME CA (Let's Encrypt by default), proven by a DNS-01
 * challenge through the provider in `dns` (required), and renewed by the component's rotation clock.
 */
export interface AcmeCertificateArgs {
  /** Contact e-mail of the ACME account. Required. */
  email: pulumi.Input<string>;
  /** `"letsencrypt"`, `"letsencrypt-staging"` or an https ACME directory URL. Default: `"letsencrypt"`. */
  server?: string;
  /** `"RSA2048"`, `"RSA4096"`, `"P256"` or `"P384"`. Default: `"RSA2048"`. */
  keyType?: AcmeKeyType;
  /** A new certificate is ordered this many days before the 90-day certificate expires (1–60). Default: 30. */
  renewBeforeDays?: number;
  /**
   * The public zone that answers the DNS-01 challenge when the hostname's record is private
   * (`dns.azurePrivate`): the CA cannot see a private zone, so the TXT record goes here while the A
   * record stays private. Exactly one of `cloudflare` / `azure`. Default: the provider in `dns`.
   */
  challenge?: AcmeChallengeArgs;
  /**
   * Resolvers (`host:port`, e.g. `"1.1.1.1:53"`) that lego asks for the zone's nameservers and the
   * TXT record's propagation before it tells the CA to look (the acme provider's
   * `recursiveNameservers`). `[]`: the machine's own resolvers. Default: with a private record
   * (`dns.azurePrivate`), the public resolvers `["1.1.1.1:53", "8.8.8.8:53"]`, so a split-horizon
   * resolver inside the VNet does not answer with the private zone, where the TXT record never
   * appears; otherwise the machine's own resolvers.
   */
  recursiveNameservers?: string[];
}

/**
 * The public DNS zone for the ACME DNS-01 TXT record, when it is not the zone of `dns`. The same
 * shapes as `dns.cloudflare` / `dns.azure`, less the fields that only describe the A record
 * (`proxied`, `ttl`, `enterpriseZone`, `adoptRecordId`), which are refused here.
 */
export interface AcmeChallengeArgs {
  /** Answer the challenge in a Cloudflare zone (`zoneId`, `apiToken`, `zoneName`). Default: none (give exactly one). */
  cloudflare?: CloudflareDnsArgs;
  /** Answer the challenge in an Azure DNS zone (`zoneName`, `resourceGroupName`, `authMethod`). Default: none (give exactly one). */
  azure?: AzureDnsArgs;
}

/**
 * A certificate kept in Azure Key Vault, read from its secret (PKCS#12 or PEM, by its content type)
 * with `@azure/keyvault-secrets`, signed in as azure-native is (the `ARM_*` variables, else the
 * Azure CLI, then a managed identity; docs/key-vault.md), at each `pulumi up` / `preview`.
 * The identity needs `Key Vault Secrets User` on the vault (Azure RBAC) or the `get` secret
 * permission (access policies). See docs/key-vault.md.
 */
export interface KeyVaultCertificateArgs {
  /**
   * The vault's URI, `https://<name>.vault.azure.net/` (or `.vault.azure.cn`,
   * `.vault.usgovcloudapi.net`). Give this or `vaultName`. Default: none.
   */
  vaultUri?: string;
  /** The vault's name, in public Azure (`https://<vaultName>.vault.azure.net/`). Give this or `vaultUri`. Default: none. */
  vaultName?: string;
  /** The certificate's name in the vault (1–127 letters, digits and `-`). Required. */
  certificateName: string;
  /**
   * Pins one version (32 hex characters). Default: the current version, read at each run, so a
   * renewal in Key Vault shows in the next preview as a rotation.
   */
  version?: string;
}

/** Exactly one certificate source. */
export interface CertificateArgs {
  /** Self-signed, for development. Default: none (give exactly one source). */
  selfSigned?: SelfSignedCertificateArgs;
  /** Imported certificate material. Default: none (give exactly one source). */
  imported?: ImportedCertificateArgs;
  /** Azure-issued certificate (`cluster.kind = "aks"` only). Default: none (give exactly one source). */
  microsoftManaged?: MicrosoftManagedCertificateArgs;
  /** A publicly trusted ACME certificate (Let's Encrypt by default); needs `dns`. Default: none (give exactly one source). */
  acme?: AcmeCertificateArgs;
  /** A certificate kept in Azure Key Vault. Default: none (give exactly one source). */
  keyVault?: KeyVaultCertificateArgs;
}
