// certificate.acme keyType RSA4096 reaches the acme provider as "4096" (its spelling: "P256", "P384",
// "2048", "4096", "8192", per @pulumiverse/acme's Certificate.keyType docs), so a requested 4096-bit
// key is never silently downgraded (issue 22: the RSA4096 -> "2048" mutant).
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as crypto from "node:crypto";
import { at, unwrapSecrets } from "./mocks";
import { build, quickstartArgs, T } from "./helpers/component";

const ZONE = "0123456789abcdef0123456789abcdef";

describe("certificate.acme keyType RSA4096", function () {
  this.timeout(120_000);
  let built: Awaited<ReturnType<typeof build>>;
  before(async () => {
    built = await build(
      quickstartArgs({
        certificate: { acme: { email: "ops@example.org", keyType: "RSA4096" } },
        dns: { cloudflare: { zoneId: ZONE, apiToken: "cf-test-token-4096" } },
      }),
    );
  });

  it('is sent to the acme provider as keyType "4096"', () => {
    const cert = unwrapSecrets(built.rec.one("acme:index/certificate:Certificate").inputs) as Record<
      string,
      unknown
    >;
    assert.equal(cert.keyType, "4096");
  });

  it("the front end receives a 4096-bit RSA key (openssl reads it)", () => {
    const ps = at(built.rec.one(T.ext).inputs, "configurationProtectedSettings").value as Record<
      string,
      string
    >;
    const keyPem = Buffer.from(ps["scoringFe.sslKey"], "base64").toString("utf8");
    const key = crypto.createPrivateKey(keyPem);
    assert.equal(key.asymmetricKeyType, "rsa");
    assert.equal(key.asymmetricKeyDetails?.modulusLength, 4096);
    const text = execFileSync("openssl", ["pkey", "-noout", "-text"], { input: keyPem }).toString();
    assert.match(text, /Private-Key: \(4096 bit/);
  });
});
