// The Azure DNS zones of a plan's ACME DNS-01 challenges, read from the registrations the offline
// runtime recorded (sdk/offline/recorder.ts): the challenge's config is secret, so a plan's masked
// inputs do not show it. Pure.
import type { AcmeAzureZone } from "./needs";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** Pulumi's wire form of a secret value (`{ <sig>: "1b47…", value }`), unwrapped. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const unwrap = (v: unknown): unknown => (obj(v)[SECRET_SIG] !== undefined ? obj(v).value : v);

/**
 * The Azure DNS zones of the ACME DNS-01 challenges, from the acme Certificates' registrations as
 * the offline runtime recorded them (their `dnsChallenges[].config` is secret, so a plan's masked
 * inputs do not show it): only the zone's group and name are read, never a credential.
 */
export function acmeAzureZones(registrations: { type: string; inputs: unknown }[]): AcmeAzureZone[] {
  const out: AcmeAzureZone[] = [];
  for (const r of registrations) {
    if (r.type !== "acme:index/certificate:Certificate") continue;
    const challenges = unwrap(obj(unwrap(r.inputs)).dnsChallenges);
    for (const c of Array.isArray(challenges) ? challenges : []) {
      const ch = obj(unwrap(c));
      if (unwrap(ch.provider) !== "azuredns") continue;
      const config = obj(unwrap(ch.config));
      const rg = str(unwrap(config.AZURE_RESOURCE_GROUP));
      const zone = str(unwrap(config.AZURE_ZONE_NAME));
      if (rg && zone && !out.some((z) => z.resourceGroup === rg && z.zoneName === zone))
        out.push({ resourceGroup: rg, zoneName: zone });
    }
  }
  return out;
}
