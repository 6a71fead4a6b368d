// The acme provider (vancluever/acme, https://registry.terraform.io/providers/vancluever/acme) as the
// offline model answers it: each provider instance keeps its directory URL, an account URL per
// registration, and certificates issued by a stand-in CA of that directory (acme-model.ts).
import * as crypto from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { acmeLeafKey, issueFromStandIn, legoKeyPem, standInCa } from "./acme-model";
import { reusablePriorCertificate } from "./tls-model";
import {
  certCache,
  guid,
  hex,
  LETS_ENCRYPT_DIRECTORY,
  OfflineModelState,
  ResourceModel,
} from "./model-state";

/** The acme provider instance: remembers its directory URL (Let's Encrypt when none is given). */
export const acmeProvider: ResourceModel = (m, args, inputs, plain) => {
  const id = hex(`provider|${args.name}`, 36);
  m.acmeServers.set(id, String(plain.serverUrl ?? LETS_ENCRYPT_DIRECTORY));
  return { id, state: inputs };
};

/** The directory URL of the acme provider a resource uses (`urn::id`), as registered. */
function acmeServerOf(m: OfflineModelState, args: pulumi.runtime.MockResourceArgs): string {
  const id = args.provider?.split("::").pop() ?? "";
  return m.acmeServers.get(id) ?? LETS_ENCRYPT_DIRECTORY;
}

/** An ACME account: its URL on the directory's origin. */
export const registration: ResourceModel = (m, args, inputs) => {
  const origin = new URL(acmeServerOf(m, args)).origin;
  const account = BigInt(`0x${hex(`acct|${args.name}|${origin}`, 12)}`).toString();
  const url = `${origin}/acme/acct/${account}`;
  return { id: url, state: { ...inputs, registrationUrl: url } };
};

/** An ACME order answered by the stand-in CA (acme-model.ts): real leaf + issuer, key per keyType. */
export const certificate: ResourceModel = async (m, args, inputs, plain) => {
  const serverUrl = acmeServerOf(m, args);
  const trigger = m.options.triggerOf?.(args.type, args.name);
  const names = [
    plain.commonName as string | undefined,
    ...((plain.subjectAlternativeNames as string[]) ?? []),
  ]
    .filter((n): n is string => typeof n === "string" && n !== "")
    .filter((n, i, all) => all.indexOf(n) === i);
  const keyType = String(plain.keyType ?? "2048");
  const start =
    typeof trigger === "string" && !Number.isNaN(Date.parse(trigger)) ? new Date(trigger) : new Date();
  const caMemo = `acme-ca|${serverUrl}`;
  const ca = await standInCa(serverUrl, m.options.priorCertificates?.[caMemo]);
  m.certificates[caMemo] = ca.certPem;
  const key = acmeLeafKey(`${args.name}|${JSON.stringify(trigger ?? "")}|${keyType}`, keyType);
  const memo = `acme|${args.name}|${JSON.stringify(trigger ?? "")}|${JSON.stringify(names)}|${keyType}|${serverUrl}`;
  let certificatePem =
    reusablePriorCertificate(m.options.priorCertificates?.[memo], {
      privateKey: key,
      issuerPublicKey: crypto.createPublicKey(ca.key),
      dnsNames: names,
      notBefore: start,
      notAfter: new Date(start.getTime() + 90 * 86_400_000 - 1000),
    }) ?? certCache.get(memo);
  if (!certificatePem) {
    certificatePem = await issueFromStandIn({ ca, key, names, notBefore: start, validityDays: 90 });
    certCache.set(memo, certificatePem);
  }
  m.certificates[memo] = certificatePem;
  const x = new crypto.X509Certificate(certificatePem);
  const origin = new URL(serverUrl).origin;
  return {
    id: guid(`acme-cert|${memo}`),
    state: {
      ...inputs,
      certificatePem,
      issuerPem: ca.certPem,
      privateKeyPem: legoKeyPem(key),
      certificateDomain: names[0] ?? "",
      certificateNotBefore: new Date(Date.parse(x.validFrom)).toISOString().replace(/\.000Z$/, "Z"),
      certificateNotAfter: new Date(Date.parse(x.validTo)).toISOString().replace(/\.000Z$/, "Z"),
      certificateSerial: x.serialNumber.toLowerCase(),
      certificateUrl: `${origin}/acme/cert/${x.serialNumber.toLowerCase()}`,
      certificateP12: "",
    },
  };
};
