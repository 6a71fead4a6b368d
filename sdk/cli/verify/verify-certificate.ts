// The served certificate of one handshake: trust (verify-trust's own path check, then OpenSSL's
// verdict for what that does not cover), dates of every certificate, name, fingerprint, days left.
import { isIP } from "node:net";
import * as tls from "node:tls";
import { hostnameCovered } from "../../certificates/rules/hostname-match";
import { caLeafRefused } from "../../certificates/rules/leaf-rules";
import { safeX509Facts } from "../../certificates/formats/x509-facts";
import { certValidity } from "../../certificates/formats/x509-fields";
import { Expectations, normalizeFingerprint, Target, UriResult, verifyFinding } from "./verify-findings";
import { evaluateChain, oneLine, servedChain } from "./verify-trust";

const DAY = 86_400_000;
/** OpenSSL's date errors: verify reports dates itself, for every certificate of the chain. */
const DATE_ERRORS = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);
/** OpenSSL's errors for what verify-trust's constraintProblems checks on its own path. */
const CONSTRAINT_ERRORS = new Set([
  "INVALID_PURPOSE",
  "PATH_LENGTH_EXCEEDED",
  "KEYUSAGE_NO_CERTSIGN",
  "INVALID_CA",
]);

function untrustedAdvice(exp: Expectations): string {
  switch (exp.trust.kind) {
    case "system":
      return "serve the full chain of a public CA, or give your private CA's root with --ca FILE";
    case "system+ca":
      return "it does not lead to Node's bundled roots or to --ca";
    case "ca-only":
      return "it does not lead to --ca (--ca-only trusts nothing else)";
    case "pinned":
      return "trust is pinned to the stack's self-signed certificate (certificate.pem in the outputs), and the front end serves another: wait for it to pick up the stack's certificate, or give --ca FILE";
  }
}

/** The served certificate and chain: trust, name, fingerprint, dates. */
export function judgeCertificate(socket: tls.TLSSocket, t: Target, exp: Expectations, r: UriResult): boolean {
  const findings = r.findings;
  const served = servedChain(socket.getPeerCertificate(true));
  const leaf = served[0];
  if (!leaf) {
    findings.push(verifyFinding("TLS_UNTRUSTED", `${r.address} presented no certificate`));
    return false;
  }
  r.fingerprintSha256 = leaf.fingerprint256;
  const now = Date.now();
  const notAfter = certValidity(leaf).notAfter.getTime();
  r.daysLeft = Math.floor((notAfter - now) / DAY);

  const verdict = evaluateChain(served, exp.trust.certs, new Date(now));
  const opensslError = socket.authorized ? undefined : String(socket.authorizationError ?? "");
  if (!verdict.trusted) {
    findings.push(
      verifyFinding(
        "TLS_UNTRUSTED",
        `the served chain is not trusted: ${verdict.reason}; ${untrustedAdvice(exp)}`,
      ),
    );
  } else {
    // OpenSSL may have judged another path (through an expired copy of an issuer, say) and named
    // only its date: what verify's own path breaks is reported, never dropped.
    for (const problem of verdict.constraints)
      findings.push(
        verifyFinding(
          "TLS_UNTRUSTED",
          `the served chain leads to a trust anchor, but ${problem}; clients refuse it (openssl verify -purpose sslserver does)`,
        ),
      );
    // OpenSSL's error is dropped only when verify's own path proves that check clean: its dates
    // (reported below, certificate by certificate), or the constraints it has just reported.
    const explained =
      DATE_ERRORS.has(opensslError ?? "") ||
      (verdict.constraints.length > 0 && CONSTRAINT_ERRORS.has(opensslError ?? ""));
    if (opensslError && !explained) {
      // OpenSSL checks more (name constraints, say): what it refuses, clients refuse too.
      findings.push(
        verifyFinding(
          "TLS_UNTRUSTED",
          `the served chain leads to a trust anchor, but OpenSSL refuses it (${opensslError}), as clients will${
            opensslError === "UNSPECIFIED"
              ? "; Node does not name the check (a name constraint, key usage or path length): openssl verify -CAfile ROOT -untrusted CHAIN LEAF names it"
              : ""
          }`,
        ),
      );
    }
  }
  for (const d of verdict.dates) {
    const which = `the ${d.role} ${d.subject}`;
    if (d.kind === "expired")
      findings.push(
        verifyFinding(
          "EXPIRED",
          `${which} expired on ${d.date.toISOString()}; ${
            d.role === "leaf" ? "renew it and run pulumi up" : "serve the CA's current chain"
          }`,
        ),
      );
    else
      findings.push(
        verifyFinding(
          "TLS_UNTRUSTED",
          `${which} is not valid before ${d.date.toISOString()}; clients refuse it until then`,
        ),
      );
  }

  // One hostname rule with check-cert (RFC 6125: SAN dNSNames only, the CN never counts, one
  // whole-label wildcard, left-most); an IP address is matched against SAN IP addresses by Node.
  const dnsNames = safeX509Facts(leaf, leaf.raw).dnsNames;
  const covered = isIP(t.host)
    ? tls.checkServerIdentity(t.host, socket.getPeerCertificate()) === undefined
    : hostnameCovered(dnsNames, t.host);
  if (!covered) {
    findings.push(
      verifyFinding(
        "HOSTNAME_MISMATCH",
        dnsNames.length === 0 && !isIP(t.host)
          ? `the served certificate has no DNS names in its subjectAltName (the CN alone does not count), so it does not cover ${t.host}; serve a certificate with SAN DNS:${t.host}`
          : `the served certificate covers ${(leaf.subjectAltName ?? "").replace(/DNS:/g, "") || "no subjectAltName"}, not ${t.host}; serve a certificate for ${t.host}`,
      ),
    );
  }
  if (caLeafRefused(served)) {
    findings.push(
      verifyFinding(
        "LEAF_IS_CA",
        `the served certificate ${oneLine(leaf.subject)} is a CA certificate (basicConstraints CA:TRUE); serve a server certificate (CA:FALSE) first, followed by its issuers`,
      ),
    );
  }
  if (exp.fingerprint && normalizeFingerprint(leaf.fingerprint256) !== exp.fingerprint) {
    findings.push(
      verifyFinding(
        "FINGERPRINT_MISMATCH",
        `the served certificate is ${leaf.fingerprint256}, not the one ${exp.fingerprintSource} names; the front end has not picked up the stack's certificate (wait, or check the extension's sslSecret)`,
      ),
    );
  }
  if (notAfter >= now && r.daysLeft < exp.minDays) {
    findings.push(
      verifyFinding(
        "EXPIRES_SOON",
        `the served certificate expires in ${r.daysLeft} day(s) (${new Date(notAfter).toISOString()}); renew it before then`,
      ),
    );
  }
  return true;
}
