// Cloudflare: the API token is active (GET /user/tokens/verify) and can read each zone the stack
// writes a record in (GET /zones/{id}) and its records (GET /zones/{id}/dns_records). Answer shapes: https://developers.cloudflare.com/api/
// (resources/user/subresources/tokens/methods/verify, resources/zones/methods/get). No SDK of
// Cloudflare's is a dependency; these two GETs are all that is needed.
import { Check, fail, pass } from "./check";

/** For tests only: the API's base URL (a loopback stand-in). Default: Cloudflare's. */
export const CLOUDFLARE_API_ENV = "SSL_ML_CLUSTER_CLOUDFLARE_API_URL";
const DEFAULT_API = "https://api.cloudflare.com/client/v4";

interface CfAnswer {
  success?: boolean;
  errors?: { code?: number; message?: string }[];
  result?: { status?: string; name?: string };
}

async function get(base: string, path: string, token: string): Promise<{ status: number; body: CfAnswer }> {
  const res = await fetch(`${base.replace(/\/+$/, "")}${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    signal: AbortSignal.timeout(30_000),
  });
  let body: CfAnswer = {};
  try {
    body = (await res.json()) as CfAnswer;
  } catch {
    // a body that is not JSON: the status says enough
  }
  return { status: res.status, body };
}

const said = (b: CfAnswer) =>
  (b.errors ?? []).map((e) => `${e.code ?? ""} ${e.message ?? ""}`.trim()).join("; ") || "no detail";

const TOKEN_FIX =
  "create an API token with Zone:Read and DNS:Edit on the zone (Cloudflare dashboard > My Profile > API Tokens) and export CLOUDFLARE_API_TOKEN (or --config cloudflare:apiToken=...)";

export async function cloudflareChecks(
  zones: string[],
  token: string | undefined,
  env: Record<string, string | undefined> = process.env,
): Promise<Check[]> {
  if (zones.length === 0) return [];
  if (!token)
    return [fail("cloudflare:token", "no Cloudflare API token: CLOUDFLARE_API_TOKEN is not set", TOKEN_FIX)];
  const base = env[CLOUDFLARE_API_ENV] || DEFAULT_API;
  const out: Check[] = [];
  try {
    const v = await get(base, "/user/tokens/verify", token);
    if (v.status !== 200 || v.body.success !== true || v.body.result?.status !== "active") {
      // An account-owned token is verified under /accounts/{id}/tokens/verify, which needs the
      // account's ID: a token that reads the stack's zone is good enough, so the zone decides.
      const z = await get(base, `/zones/${encodeURIComponent(zones[0])}`, token);
      if (z.status !== 200 || z.body.success !== true) {
        out.push(
          fail(
            "cloudflare:token",
            `the Cloudflare API token is not active (${v.status}: ${v.body.result?.status ?? said(v.body)}) and cannot read zone ${zones[0]} (${z.status}: ${said(z.body)})`,
            TOKEN_FIX,
          ),
        );
        return out;
      }
      out.push(
        pass(
          "cloudflare:token",
          `the token is not a user token (${v.status}), but it reads zone ${zones[0]}`,
        ),
      );
    } else out.push(pass("cloudflare:token", "the Cloudflare API token is active"));
    for (const zone of zones) {
      const z = await get(base, `/zones/${encodeURIComponent(zone)}`, token);
      const readable = z.status === 200 && z.body.success === true;
      out.push(
        readable
          ? pass(
              `cloudflare:zone:${zone}`,
              `zone ${zone} (${z.body.result?.name ?? "?"}) is readable, status ${z.body.result?.status ?? "?"}`,
            )
          : fail(
              `cloudflare:zone:${zone}`,
              `zone ${zone} cannot be read with this token (${z.status}: ${said(z.body)})`,
              `check dns.cloudflare.zoneId, and give the token Zone:Read and DNS:Edit on that zone`,
            ),
      );
      if (!readable) continue;
      // The component lists the zone's records (getDnsRecords, the ownership check) before it writes
      // one: Zone:Read alone does not allow that (DNS:Read does; DNS:Edit includes it). List DNS
      // Records: GET /zones/{zone_id}/dns_records.
      const d = await get(base, `/zones/${encodeURIComponent(zone)}/dns_records?per_page=5`, token);
      out.push(
        d.status === 200 && d.body.success === true
          ? pass(`cloudflare:dns:${zone}`, `the token lists the DNS records of zone ${zone}`)
          : fail(
              `cloudflare:dns:${zone}`,
              `the token cannot list the DNS records of zone ${zone} (${d.status}: ${said(d.body)})`,
              "give the token the DNS:Edit permission on that zone (Zone:Read alone does not read records)",
            ),
      );
    }
  } catch (e) {
    out.push(
      fail(
        "cloudflare:token",
        `Cloudflare's API cannot be reached (${(e as Error).message})`,
        "check this machine's network access to api.cloudflare.com",
      ),
    );
  }
  return out;
}
