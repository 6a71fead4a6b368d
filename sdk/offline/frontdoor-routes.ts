// Front Door's route table as a planned SslMlManagedEndpoints registers it, and how Front Door maps
// a request through it: a route's `patternsToMatch` entry `/<ep>/*` matches the path's prefix, and
// the rest of the path after the matched prefix is appended to the route's `originPath`
// (https://learn.microsoft.com/azure/frontdoor/front-door-route-matching and
// https://learn.microsoft.com/azure/frontdoor/front-door-url-rewrite: "set the origin path ... to /"
// to remove the pattern's segment). The origin is called with its own host header. Pure.
import type { Registration } from "./recorder";
import { unwrapSecrets } from "./secrets";

/** One route: the prefix it matches and the origin it forwards to. */
export interface FrontDoorRoute {
  /** `/iris/*` */
  pattern: string;
  originPath: string;
  /** The origin's host name and the Host header it gets (the ML endpoint's own host). */
  originHost: string;
  hostHeader: string;
}

export interface FrontDoorTable {
  /** The custom domain's host name: the only Host this front door answers. */
  hostname: string;
  routes: FrontDoorRoute[];
}

const last = (id: unknown) =>
  String(id ?? "")
    .split("/")
    .pop() ?? "";

/** The table from the plan's registrations (custom domain, routes, origins). */
export function frontDoorTable(registrations: Registration[]): FrontDoorTable {
  const plain = (r: Registration) => unwrapSecrets(r.inputs) as Record<string, unknown>;
  const domain = registrations.find((r) => r.type === "azure-native:cdn:AFDCustomDomain");
  if (!domain) throw new Error("the plan has no Front Door custom domain (azure-native:cdn:AFDCustomDomain)");
  const origins = registrations.filter((r) => r.type === "azure-native:cdn:AFDOrigin").map(plain);
  const routes = registrations
    .filter((r) => r.type === "azure-native:cdn:Route")
    .flatMap((r) => {
      const p = plain(r);
      const group = last((p.originGroup as { id?: string } | undefined)?.id);
      const origin = origins.find((o) => String(o.originGroupName) === group);
      if (!origin) throw new Error(`route ${r.name}: no origin in its origin group ${group}`);
      return ((p.patternsToMatch as string[]) ?? []).map((pattern): FrontDoorRoute => ({
        pattern,
        originPath: String(p.originPath ?? ""),
        originHost: String(origin.hostName),
        hostHeader: String(origin.originHostHeader ?? origin.hostName),
      }));
    });
  return { hostname: String(plain(domain).hostName).toLowerCase(), routes };
}

/** Where Front Door sends `path` (with its query): the route and the origin's path, or undefined (404). */
export function mapRequest(
  table: FrontDoorTable,
  path: string,
): { route: FrontDoorRoute; originPath: string } | undefined {
  const q = path.indexOf("?");
  const [p, query] = q >= 0 ? [path.slice(0, q), path.slice(q)] : [path, ""];
  // The longest matching prefix wins, as Front Door picks the most specific pattern.
  const candidates = table.routes
    .map((route) => ({
      route,
      prefix: route.pattern.endsWith("*") ? route.pattern.slice(0, -1) : route.pattern,
    }))
    .filter(({ route, prefix }) => (route.pattern.endsWith("*") ? p.startsWith(prefix) : p === prefix))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const hit = candidates[0];
  if (!hit) return undefined;
  const rest = hit.route.pattern.endsWith("*") ? p.slice(hit.prefix.length) : "";
  const base = hit.route.originPath.replace(/\/+$/, "");
  return { route: hit.route, originPath: `${base}/${rest}${query}` };
}
