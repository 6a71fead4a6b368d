// Arguments of `SslMlManagedEndpoints`: the user's hostname in front of Azure ML managed online
// endpoints with Azure Front Door (re-exported by sdk/types.ts). See docs/managed-endpoints.md.
import * as pulumi from "@pulumi/pulumi";
import type { AuthMode, FrontDoorSku } from "../enums";
import type { CertificateArgs } from "./certificate";
import type { DnsArgs } from "./dns";

/** A managed online endpoint and its deployment `default`, made by the component. */
export interface ManagedServiceArgs {
  /** Endpoint name: 3–32 characters, a letter first, letters, digits and `-` (unique in the region). Required. */
  name: string;
  /** Model asset (`azureml:<name>:<version>`, an ARM ID or a registry ID). Default: none (a custom container). */
  model?: pulumi.Input<string>;
  /** Environment asset, in the same forms as `model`. Required unless `model` is an MLflow model. Default: none. */
  environment?: pulumi.Input<string>;
  /** Scoring script, relative to the code asset (e.g. `score.py`). Needs `codeId`. Default: none. */
  scoringScript?: string;
  /** Code asset holding the scoring script. Needs `scoringScript`. Default: none. */
  codeId?: pulumi.Input<string>;
  /** Azure VM size of the deployment's instances. Default: `Standard_DS3_v2`. */
  instanceType?: string;
  /** Instances (1–100). Default: 1. */
  instanceCount?: number;
  /** `Key` or `AMLToken`. Default: `Key`. */
  authMode?: AuthMode;
  /**
   * The deployment's `requestSettings.requestTimeout`, in seconds (1–180, Azure ML's maximum).
   * Default: 5 (Azure ML's default). Front Door's origin response timeout is kept at least this long.
   */
  requestTimeoutSeconds?: number;
}

/** The Azure Front Door profile in front of the endpoints. */
export interface FrontDoorArgs {
  /** `Standard_AzureFrontDoor` or `Premium_AzureFrontDoor`. Default: `Standard_AzureFrontDoor`. */
  sku?: FrontDoorSku;
  /**
   * How long Front Door waits for an endpoint's answer (16–240 s); never below the longest
   * `requestTimeoutSeconds`. Default: the longest `requestTimeoutSeconds`, at least 60 (Front Door's default).
   */
  originResponseTimeoutSeconds?: number;
  /**
   * Resource ID of the vault of `certificate.keyVault`
   * (`/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>`): Front Door
   * reads the certificate from it with the profile's managed identity. Required with
   * `certificate.keyVault`; the vault must be in the profile's subscription. Default: none.
   */
  keyVaultId?: string;
  /**
   * Give the profile's managed identity `Key Vault Secrets User` on the vault (Azure RBAC). `false`
   * when the role is granted elsewhere (the vault then must already allow it). Default: true.
   */
  assignKeyVaultRole?: boolean;
  /**
   * How long `pulumi up` waits for Front Door to approve the domain (the `_dnsauth` TXT record), in
   * minutes (1–240). Default: 30.
   */
  validationTimeoutMinutes?: number;
}

/** Arguments of {@link SslMlManagedEndpoints}. */
export interface SslMlManagedEndpointsArgs {
  /** The FQDN clients call (e.g. `ml.example.com`): the Front Door custom domain. Required. */
  hostname: pulumi.Input<string>;
  /** Resource group of the Azure ML workspace; the Front Door profile is made there too. Required. */
  resourceGroupName: pulumi.Input<string>;
  /** Azure ML workspace name. Required. */
  workspaceName: pulumi.Input<string>;
  /** Managed online endpoints to create, one deployment each. Default: none (give this or `endpoints`). */
  services?: ManagedServiceArgs[];
  /**
   * Names of managed online endpoints that already exist in the workspace, put behind Front Door as
   * they are. Default: none (give this or `services`).
   */
  endpoints?: string[];
  /**
   * `keyVault` only (Front Door's `CustomerCertificate`). Default: Front Door's managed certificate,
   * issued and renewed by Microsoft. Self-signed, imported and ACME sources are refused.
   */
  certificate?: CertificateArgs;
  /** The `_dnsauth` TXT record and the hostname's CNAME, in Cloudflare or Azure DNS. Default: none (the `dnsRecords` output says what to create). */
  dns?: DnsArgs;
  /** The Front Door profile. Default: Standard tier, defaults as documented per field. */
  frontDoor?: FrontDoorArgs;
  /** Tags for Azure resources. Default: none. */
  tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** One DNS record of the `dnsRecords` output. */
export interface ManagedDnsRecordSummary {
  /** `TXT` (domain validation), `CNAME` (the hostname to Front Door) or `ALIAS` (an Azure DNS alias at the apex). */
  type: string;
  /** The record's full name. */
  name: string;
  /** The record's value: the validation token, or the Front Door endpoint's host name. */
  content: string;
  /** Whether this stack manages the record (false: create it by hand). */
  managed: boolean;
}

/** The certificate Front Door serves (the `certificate` output). */
export interface ManagedCertificateSummary {
  /** `ManagedCertificate` or `CustomerCertificate`. */
  type: string;
  /** The domain's validation state as Front Door reports it (`Approved` once the TXT record is seen). */
  validationState: string;
  /** Issuer of the leaf (Key Vault only: Azure reports no issuer for a managed certificate). */
  issuer?: string;
  /** Subject of the leaf (managed: as Azure reports it, once issued). */
  subject?: string;
  /** End of the leaf's validity, ISO 8601 (managed: as Azure reports it, once issued). */
  notAfter?: string;
  /** The public chain, PEM, leaf first (Key Vault only). */
  pem?: string;
  /** The Key Vault secret's ID (Key Vault only). */
  secretId?: string;
}
