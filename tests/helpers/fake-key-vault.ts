// A fake Azure Key Vault on 127.0.0.1 that the real @azure/keyvault-secrets client talks to: HTTPS
// (a certificate made by openssl for 127.0.0.1), Key Vault's challenge-based authentication (a
// first request without a token gets 401 + WWW-Authenticate, the client then asks its credential
// for a token and sends it), and Key Vault's answer bodies
// (https://learn.microsoft.com/rest/api/keyvault/secrets/get-secret/get-secret).
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import { loopbackServerCert } from "./loopback-cert";

export interface FakeAnswer {
  status: number;
  body: unknown;
}

export interface FakeKeyVault {
  uri: string;
  /** Trusts the fake vault's certificate (for the client's `agent` option). */
  agent: https.Agent;
  /** Every request: method, path with query, and the Authorization header. */
  requests: { method: string; url: string; authorization?: string }[];
  /** What the next authorised requests get. */
  answer: (req: { url: string }) => FakeAnswer;
  close(): Promise<void>;
}

export async function startFakeKeyVault(): Promise<FakeKeyVault> {
  const { cert, key } = loopbackServerCert(["-addext", "basicConstraints=critical,CA:FALSE"]);
  const vault: FakeKeyVault = {
    uri: "",
    agent: new https.Agent({ ca: cert }),
    requests: [],
    answer: () => ({ status: 500, body: { error: { code: "NotSet", message: "no answer set" } } }),
    close: () => new Promise((r) => server.close(() => r())),
  };
  const server = https.createServer({ cert, key }, (req, res) => {
    vault.requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization });
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(JSON.stringify(body));
    };
    if (!req.headers.authorization) {
      json(
        401,
        { error: { code: "Unauthorized", message: "AKV10000: Request is missing a Bearer or PoP token." } },
        {
          "www-authenticate":
            'Bearer authorization="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001", resource="https://vault.azure.net"',
        },
      );
      return;
    }
    const a = vault.answer({ url: req.url! });
    json(a.status, a.body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  vault.uri = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return vault;
}
