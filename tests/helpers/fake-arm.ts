// Loopback stand-ins of Azure Resource Manager (HTTPS, a certificate made by openssl for 127.0.0.1)
// and of Cloudflare's API (HTTP), answering with the documented response shapes:
// - ARM: Microsoft's REST specs (https://github.com/Azure/azure-rest-api-specs), e.g.
//   Subscriptions_Get, Providers_Get, Permissions_ListForResourceGroup / _ListForResource
//   ({ value: [{ actions, notActions, dataActions, notDataActions }] }), Subnets_Get, Usage_List,
//   ResourceSkus_List; errors as { error: { code, message } }.
// - Cloudflare: https://developers.cloudflare.com/api/ (tokens/verify, zones/get):
//   { success, errors, messages, result }.
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import { loopbackServerCert } from "./loopback-cert";

export interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Recorded {
  method: string;
  /** The path with `//` collapsed, lower case, without the query. */
  path: string;
  query: string;
  authorization?: string;
}

export interface StandIn {
  url: string;
  requests: Recorded[];
  /** Answers by the lower-case path (without query); the first matching rule wins. */
  rules: { match: (r: Recorded) => boolean; answer: (r: Recorded) => Answer }[];
  close(): Promise<void>;
}

export interface ArmStandIn extends StandIn {
  agent: https.Agent;
}

function handler(s: StandIn): http.RequestListener {
  return (req, res) => {
    const u = new URL(req.url!, "http://x");
    const r: Recorded = {
      method: req.method!,
      path: u.pathname.replace(/\/{2,}/g, "/").toLowerCase(),
      query: u.search,
      authorization: req.headers.authorization,
    };
    s.requests.push(r);
    const rule = s.rules.find((x) => x.match(r));
    const a: Answer = rule
      ? rule.answer(r)
      : { status: 404, body: { error: { code: "NotInStandIn", message: `no answer for ${r.path}` } } };
    res.writeHead(a.status, { "content-type": "application/json; charset=utf-8", ...a.headers });
    res.end(a.body === undefined ? "" : JSON.stringify(a.body));
  };
}

export async function startArmStandIn(): Promise<ArmStandIn> {
  const { cert, key } = loopbackServerCert();
  const s = { url: "", requests: [], rules: [] } as unknown as ArmStandIn;
  const server = https.createServer({ cert, key }, handler(s));
  s.agent = new https.Agent({ ca: cert });
  s.close = () => new Promise((r) => server.close(() => r()));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  s.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return s;
}

export async function startCloudflareStandIn(): Promise<StandIn> {
  const s = { url: "", requests: [], rules: [] } as unknown as StandIn;
  const server = http.createServer(handler(s));
  s.close = () => new Promise((r) => server.close(() => r()));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  s.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/v4`;
  return s;
}

/** An ARM error body, as every resource provider answers one. */
export const armError = (status: number, code: string, message: string): Answer => ({
  status,
  body: { error: { code, message } },
});
