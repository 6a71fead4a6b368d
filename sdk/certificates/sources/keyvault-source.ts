import * as pulumi from "@pulumi/pulumi";
import type { CertificateSummary, KeyVaultCertificateSummary } from "../../types";
import { ecdsaWarning } from "./source-rules";
import type { ResolvedKeyVault } from "./keyvault-args";
import { certificateIdOf, readKeyVaultSecret } from "./keyvault-reader";
import { loadKeyVaultCertificate } from "./keyvault-secret";
import { CertificateSource, summaryOf } from "./source";

/** A Key Vault certificate as the cluster needs it, plus the `keyVaultCertificate` output. */
export interface KeyVaultCertificateSource extends CertificateSource {
  reference: pulumi.Output<KeyVaultCertificateSummary>;
}

/**
 * Reads the certificate's secret at each run (`pulumi up` and `preview` alike: the program runs in
 * both), the current version unless one is pinned, and checks it with the rules of an imported
 * certificate. A renewal in Key Vault is a new version: new protected settings on the cluster and a
 * new `certificate` output, which a preview shows as any other rotation. Everything read is secret
 * until the public parts are taken out.
 */
export function keyVaultCertificate(
  parent: pulumi.Resource,
  kv: ResolvedKeyVault,
  hostname: pulumi.Input<string>,
  now: Date,
): KeyVaultCertificateSource {
  const loaded = pulumi.secret(
    pulumi.output(hostname).apply(async (host) => {
      const secret = await readKeyVaultSecret({
        vaultUri: kv.vaultUri,
        certificateName: kv.certificateName,
        version: kv.version,
        hostname: host,
      });
      // Judged on the rotation clock, so SSL_ML_CLUSTER_NOW previews a renewal as it will be checked then.
      const { report, material } = loadKeyVaultCertificate(secret, host, undefined, now);
      for (const f of report.findings) pulumi.log.warn(`${f.code}: ${f.message}`, parent);
      if (report.certificate?.keyType === "ECDSA")
        pulumi.log.warn(ecdsaWarning("certificate.keyVault"), parent);
      const summary: CertificateSummary = summaryOf(report, material.chainPem);
      const reference: KeyVaultCertificateSummary = {
        id: certificateIdOf(kv.vaultUri, kv.certificateName, secret.version),
        secretId: secret.id,
        version: secret.version,
        vaultUri: kv.vaultUri,
        name: kv.certificateName,
        pinned: kv.version !== undefined,
      };
      return { chainPem: material.chainPem, keyPem: material.keyPem, summary, reference };
    }),
  );
  return {
    // The chain, its facts and the identifiers are public; only the key stays secret.
    chainPem: pulumi.unsecret(loaded.chainPem),
    keyPem: pulumi.secret(loaded.keyPem),
    summary: pulumi.unsecret(loaded.summary),
    reference: pulumi.unsecret(loaded.reference),
  };
}
