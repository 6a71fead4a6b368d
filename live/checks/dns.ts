// The DNS step: the stack's hostname, asked of a public resolver (not this machine's cache or
// hosts file), must answer exactly the front end's address.
import { Resolver } from "node:dns/promises";
import { isIP } from "node:net";

/** IPv4 and IPv6 answers for a name ([] when it has none). */
export type Resolve = (host: string) => Promise<string[]>;

/** Cloudflare's and Google's public resolvers: used by live runs only, never by tests. */
export const PUBLIC_RESOLVERS = ["1.1.1.1", "8.8.8.8"];

export function publicResolver(servers: string[] = PUBLIC_RESOLVERS): Resolve {
  const r = new Resolver({ timeout: 5_000, tries: 2 });
  r.setServers(servers);
  const ask = (f: () => Promise<string[]>) => f().catch(() => [] as string[]);
  return async (host) => [...(await ask(() => r.resolve4(host))), ...(await ask(() => r.resolve6(host)))];
}

/**
 * This machine's resolver: the private variant's record lives in an Azure Private DNS zone that
 * only resolvers inside the linked VNet (Azure's 168.63.129.16) answer, so the check must run there.
 */
export function systemResolver(): Resolve {
  const r = new Resolver({ timeout: 5_000, tries: 2 });
  const ask = (f: () => Promise<string[]>) => f().catch(() => [] as string[]);
  return async (host) => [...(await ask(() => r.resolve4(host))), ...(await ask(() => r.resolve6(host)))];
}

/**
 * Resolves the hostname and compares with the front end (an address, or a host name whose own
 * answers count). Returns the answer; throws when it differs or is empty.
 */
export async function checkDns(hostname: string, frontEnd: string, resolve: Resolve): Promise<string[]> {
  const answers = [...new Set(await resolve(hostname))].sort();
  const expected = isIP(frontEnd) ? [frontEnd] : [...new Set(await resolve(frontEnd))].sort();
  if (answers.length === 0) throw new Error(`${hostname} has no DNS answer (yet)`);
  if (JSON.stringify(answers) !== JSON.stringify(expected))
    throw new Error(
      `${hostname} answers ${answers.join(", ")}; the front end is ${expected.join(", ") || frontEnd}`,
    );
  return answers;
}
