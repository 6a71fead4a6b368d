// The offline stand-in for Azure Key Vault: `plan` and the tests read `certificate.keyVault` from
// here instead of Azure. It answers with a file given as `--config ssl-ml-cluster:keyVaultFile=F`
// (PFX or PEM, as Key Vault would store it), or else with a development certificate for the
// hostname made like the demo's (the offline tls model), renewed as Key Vault renews by default:
// 12-month certificates, a new version at 80 % of their life. So a rotation preview works offline.
import * as crypto from "node:crypto";
import { readInputFile } from "../../certificates/formats/files";
import { looksLikePem } from "../../certificates/formats/pem";
import { looksLikePkcs12 } from "../../certificates/formats/read";
import { rotationClock, rotationWindow } from "../../certificates/sources/rotation";
import type {
  KeyVaultReader,
  KeyVaultSecretRequest,
  KeyVaultSecretValue,
} from "../../certificates/sources/keyvault-reader";
import { PEM_CONTENT_TYPE, PKCS12_CONTENT_TYPE } from "../../certificates/sources/keyvault-secret";
import { offlinePrivateKey, offlineSelfSignedCert } from "./tls-model";

/** The `--config` key of the stand-in's file. */
export const KEY_VAULT_FILE_CONFIG = "ssl-ml-cluster:keyVaultFile";

/** Key Vault's default policy: 12 months, AutoRenew at 80 % of the lifetime (day 292). */
const VALIDITY_DAYS = 365;
const RENEW_BEFORE_DAYS = 73;
/** A pinned version of the stand-in's own certificate never changes: it is issued once, long-lived. */
const PINNED_NOT_BEFORE = new Date("2025-01-01T00:00:00Z");
const PINNED_VALIDITY_DAYS = 36_500;

const versionOf = (bytes: string | Buffer) =>
  crypto.createHash("sha256").update(bytes).digest("hex").slice(0, 32);

const secretId = (r: KeyVaultSecretRequest, version: string) =>
  `${r.vaultUri}secrets/${r.certificateName}/${version}`;

/** The file as Key Vault stores it: PEM text, or PKCS#12 as base64 (the content type says which). */
function fromFile(file: string, r: KeyVaultSecretRequest): KeyVaultSecretValue {
  const bytes = readInputFile(`--config ${KEY_VAULT_FILE_CONFIG}`, file);
  // A pinned version names the file's certificate: the stand-in holds no history.
  const version = r.version ?? versionOf(bytes);
  const text = bytes.toString("utf8");
  const b64 = text.replace(/\s+/g, "");
  let value: string;
  let contentType: string | undefined;
  if (looksLikePem(bytes)) [value, contentType] = [text, PEM_CONTENT_TYPE];
  else if (looksLikePkcs12(bytes)) [value, contentType] = [bytes.toString("base64"), PKCS12_CONTENT_TYPE];
  else if (/^[A-Za-z0-9+/]+={0,2}$/.test(b64) && looksLikePkcs12(Buffer.from(b64, "base64")))
    [value, contentType] = [b64, PKCS12_CONTENT_TYPE];
  else [value, contentType] = [text, undefined]; // a plain secret: the component says it is not a certificate
  return { value, contentType, id: secretId(r, version), version };
}

/** A development certificate for the hostname, from a seed: the same inputs give the same certificate. */
async function demoCertificate(r: KeyVaultSecretRequest, now: Date): Promise<KeyVaultSecretValue> {
  const host = r.hostname ?? "ml.example.com";
  const window = rotationWindow(now, VALIDITY_DAYS, RENEW_BEFORE_DAYS);
  const notBefore = r.version ? PINNED_NOT_BEFORE : new Date(window.start);
  const seed = `keyvault|${r.vaultUri}|${r.certificateName}|${host}|${r.version ?? window.start}`;
  const key = offlinePrivateKey(seed, "RSA", undefined, 2048);
  const certPem = await offlineSelfSignedCert({
    privateKeyPem: key.privateKeyPemPkcs8,
    dnsNames: [host],
    commonName: host,
    organization: "ssl-ml-cluster offline Key Vault stand-in",
    validityPeriodHours: (r.version ? PINNED_VALIDITY_DAYS : VALIDITY_DAYS) * 24,
    notBefore,
    allowedUses: ["digital_signature", "key_encipherment", "server_auth"],
  });
  // Key Vault's PEM form: the key, then the certificate.
  const value = key.privateKeyPemPkcs8 + certPem;
  const version = r.version ?? versionOf(certPem);
  return { value, contentType: PEM_CONTENT_TYPE, id: secretId(r, version), version };
}

export interface StandInVaultOptions {
  /** A PFX or PEM file every certificate of the stand-in vault is read from. Default: the demo certificate. */
  file?: string;
}

/** The stand-in vault as a reader for `setKeyVaultReader`. */
export function standInKeyVault(options: StandInVaultOptions = {}): KeyVaultReader {
  return async (r) => (options.file ? fromFile(options.file, r) : demoCertificate(r, rotationClock()));
}
