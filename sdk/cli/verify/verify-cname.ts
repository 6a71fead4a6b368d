// `verify` on SslMlManagedEndpoints' outputs: the hostname must be a CNAME (directly or through
// further CNAMEs) to the Front Door endpoint's host, the `frontDoorEndpoint` output
// (https://learn.microsoft.com/azure/frontdoor/domain, "DNS configuration"). At a zone apex there is
// no CNAME to see (an Azure DNS alias record, or Cloudflare's CNAME flattening): there the hostname
// must answer an address of the endpoint's host. docs/managed-endpoints.md, "verify".
import * as dns from "node:dns";
import { VerifyFinding, verifyFinding } from "./verify-findings";

/** The CNAME of a name (`dns.promises.resolveCname`, or a stand-in in tests). */
export type CnameResolver = (name: string) => Promise<string[]>;
/** Every address of a name, none when it does not resolve. */
export type AddressLookup = (name: string) => Promise<string[]>;

/** Past this many CNAMEs the chain is reported as is (resolvers stop near there too). */
const MAX_CNAMES = 8;
/** DNS errors that mean "this name is not a CNAME": the chain ends here. */
const NOT_A_CNAME = ["ENODATA", "ENOTFOUND"];

const bare = (n: string) => n.toLowerCase().replace(/\.$/, "");

/**
 * The CNAME chain from `host`: the host first, then each target, until `target` is reached, a name
 * is no CNAME, a loop, or {@link MAX_CNAMES}. `error` is a DNS failure that cut the chain short.
 */
export async function cnameChain(
  host: string,
  target: string,
  resolve: CnameResolver,
): Promise<{ chain: string[]; reached: boolean; error?: string }> {
  const chain = [bare(host)];
  const goal = bare(target);
  while (chain.length <= MAX_CNAMES) {
    const name = chain[chain.length - 1];
    if (name === goal) return { chain, reached: true };
    let next: string[];
    try {
      next = await resolve(name);
    } catch (e) {
      const code = String((e as { code?: string }).code ?? e);
      return NOT_A_CNAME.includes(code) ? { chain, reached: false } : { chain, reached: false, error: code };
    }
    if (next.length === 0 || chain.includes(bare(next[0]))) return { chain, reached: false };
    chain.push(bare(next[0]));
  }
  return { chain, reached: false };
}

/**
 * The DNS verdict of a managed hostname whose addresses are `answers`: a note for the report, and
 * DNS_MISMATCH (the chain in the message) when the CNAME chain does not reach `target`.
 */
export async function frontDoorDnsVerdict(
  host: string,
  target: string,
  answers: string[],
  lookup: AddressLookup,
  resolve: CnameResolver = (n) => dns.promises.resolveCname(n),
): Promise<{ note: string; finding?: VerifyFinding }> {
  const { chain, reached, error } = await cnameChain(host, target, resolve);
  const shown = chain.join(" -> ");
  if (reached) return { note: `CNAME ${shown}; ${answers.join(", ")}` };
  if (chain.length === 1 && !error) {
    // No CNAME at all: an apex alias or a flattened CNAME answers Front Door's addresses directly.
    const expected = await lookup(target);
    if (answers.some((a) => expected.includes(a)))
      return { note: `no CNAME (an apex alias or flattened CNAME); ${answers.join(", ")} as ${target}` };
    return {
      note: answers.join(", "),
      finding: verifyFinding(
        "DNS_MISMATCH",
        `${host} is no CNAME and answers ${answers.join(", ")}, not the addresses of the Front Door endpoint ${target}; make ${host} a CNAME to ${target} (the dnsRecords output), or wait for propagation`,
      ),
    };
  }
  return {
    note: `CNAME ${shown}; ${answers.join(", ")}`,
    finding: verifyFinding(
      "DNS_MISMATCH",
      `${host}'s CNAME chain ${shown} does not reach the Front Door endpoint ${target}${error ? ` (DNS ${error} at ${chain[chain.length - 1]})` : ""}; point the CNAME at ${target} (the dnsRecords output), or wait for propagation`,
    ),
  };
}
