// The @pulumi/tls provider as the offline model answers it: real keys and certificates made from a
// seed (tls-model.ts), so a plan is reproducible, and a certificate from an earlier plan is reused
// while it still fits, as the engine keeps state.
import {
  offlineCertificateMemo,
  offlinePrivateKey,
  offlineSelfSignedCert,
  reusablePriorCertificate,
} from "./tls-model";
import { certCache, Dict, hex, ResourceModel } from "./model-state";

/** tls.PrivateKey: a key derived from the resource's name and replacement trigger. */
export const privateKey: ResourceModel = (m, args, inputs, plain) => {
  const seed = `${args.name}|${JSON.stringify(m.options.triggerOf?.(args.type, args.name) ?? "")}`;
  const key = offlinePrivateKey(
    seed,
    String(plain.algorithm),
    plain.ecdsaCurve as string,
    plain.rsaBits as number,
  );
  return {
    id: hex(`key|${seed}`, 40),
    state: {
      ...inputs,
      ...key,
      privateKeyOpenssh: "",
      publicKeyOpenssh: "",
      publicKeyFingerprintMd5: "",
    },
  };
};

/** tls.SelfSignedCert: a certificate from the trigger's date (the rotation window's start), else now. */
export const selfSignedCert: ResourceModel = async (m, args, inputs, plain) => {
  const { type, name } = args;
  const trigger = m.options.triggerOf?.(type, name);
  const subject = (plain.subject ?? {}) as Dict;
  const dnsNames = (plain.dnsNames as string[]) ?? [];
  const memo = offlineCertificateMemo(
    name,
    trigger,
    dnsNames,
    plain.validityPeriodHours,
    String(plain.privateKeyPem),
  );
  // A trigger that is an ISO date is the rotation window's start: the modelled creation time.
  const start =
    typeof trigger === "string" && !Number.isNaN(Date.parse(trigger)) ? new Date(trigger) : new Date();
  let certPem =
    reusablePriorCertificate(m.options.priorCertificates?.[memo], {
      privateKey: String(plain.privateKeyPem),
      dnsNames,
      notBefore: start,
      notAfter: new Date(start.getTime() + Number(plain.validityPeriodHours) * 3_600_000),
    }) ?? certCache.get(memo);
  if (!certPem) {
    certPem = await offlineSelfSignedCert({
      privateKeyPem: String(plain.privateKeyPem),
      dnsNames,
      commonName: subject.commonName as string | undefined,
      organization: subject.organization as string | undefined,
      validityPeriodHours: Number(plain.validityPeriodHours),
      notBefore: start,
      isCaCertificate: Boolean(plain.isCaCertificate),
      allowedUses: (plain.allowedUses as string[]) ?? [],
    });
    certCache.set(memo, certPem);
  }
  m.certificates[memo] = certPem;
  const end = new Date(start.getTime() + Number(plain.validityPeriodHours) * 3_600_000);
  return {
    id: hex(`cert|${memo}`, 38),
    state: {
      ...inputs,
      certPem,
      validityStartTime: start.toISOString(),
      validityEndTime: end.toISOString(),
      readyForRenewal: false,
      earlyRenewalHours: plain.earlyRenewalHours ?? 0,
      keyAlgorithm: String(plain.privateKeyPem).includes("EC PRIVATE KEY") ? "ECDSA" : "RSA",
    },
  };
};
