import type { Fixtures } from "./openssl-certs";

/** The ACME examples' required contact address (Let's Encrypt refuses example.com addresses). */
export const ACME_EMAIL = "ml-ops@contoso.com";

/** The configuration each TypeScript example needs to be planned offline (`plan --config k=v`). */
export function exampleConfigs(f: Fixtures): Record<string, Record<string, string>> {
  return {
    quickstart: {},
    "legacy-aks": {},
    "existing-cluster": {},
    "imported-cert": {
      hostname: "ml.example.com",
      certFile: f.file("fullchain.pem"),
      keyFile: f.file("leaf.key"),
      cloudflareZoneId: "0123456789abcdef0123456789abcdef",
    },
    "acme-cloudflare": { acmeEmail: ACME_EMAIL, cloudflareApiToken: "cf-plan-test-token" },
    "azure-dns": { acmeEmail: ACME_EMAIL },
    // The offline stand-in vault answers certificate.keyVault with a development certificate.
    "private-keyvault": {},
    "managed-frontdoor": {},
  };
}
