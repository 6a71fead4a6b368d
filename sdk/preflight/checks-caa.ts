// The hostnames that get Front Door's managed certificate: their CAA records must let DigiCert
// issue it (sdk/managed/caa-rules.ts; docs/managed-endpoints.md, "CAA"). Reads public DNS only.
import { resolveCaa } from "node:dns/promises";
import { CaaResolver, checkCaa } from "../managed/caa-rules";
import { Check, fail, pass, skip } from "./check";

export async function caaChecks(hosts: string[], resolve: CaaResolver = resolveCaa): Promise<Check[]> {
  const out: Check[] = [];
  for (const host of hosts) {
    const id = `caa:${host}`;
    try {
      const v = await checkCaa(host, resolve);
      out.push(
        v.allowed
          ? pass(id, `Front Door's managed certificate may be issued: ${v.reason}`)
          : fail(
              id,
              `Front Door's managed certificate cannot be issued: ${v.reason}`,
              `add a CAA record on ${v.at ?? host}: 0 issue "digicert.com" (keep the CAs you already allow)`,
            ),
      );
    } catch (e) {
      const code = (e as { code?: string }).code ?? String(e);
      out.push(
        skip(
          id,
          `the CAA records of ${host} and its parents could not be read (${code})`,
          `dig CAA ${host}; a CAA record must allow digicert.com`,
        ),
      );
    }
  }
  return out;
}
