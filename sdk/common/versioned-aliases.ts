import type * as pulumi from "@pulumi/pulumi";

/**
 * azure-native's API-version type tokens, as its resources list them in their own aliases:
 * `azure-native:machinelearningservices/v20240401:OnlineEndpoint`,
 * `azure-native:dns/v20230701preview:RecordSet`.
 */
const VERSIONED_TYPE = /^azure-native:[A-Za-z0-9]+\/v\d{8}(?:preview|privatepreview)?:[A-Za-z0-9]+$/;

/** True for an alias that only renames the type to one of azure-native's API-version tokens. */
export function isVersionedTypeAlias(alias: unknown): boolean {
  if (typeof alias !== "object" || alias === null) return false;
  const keys = Object.keys(alias);
  const type = (alias as { type?: unknown }).type;
  return keys.length === 1 && keys[0] === "type" && typeof type === "string" && VERSIONED_TYPE.test(type);
}

/**
 * Drops the API-version type aliases azure-native gives each of its resources, keeping every other
 * alias.
 *
 * Each azure-native resource carries one alias per API version the provider has shipped (32 for an
 * online endpoint, over 100 for a managed cluster), so a stack that created it under an explicit
 * version's type (`…/v20240401:OnlineEndpoint`) can move to the default type. The component only
 * creates default types, so these aliases never match a resource it made; yet `@pulumi/pulumi`
 * turns each one into a URN through several Outputs in every preview and up, which was about three
 * quarters of the CPU a service costs (docs/performance.md).
 */
export const dropVersionedTypeAliases: pulumi.ResourceTransformation = ({ props, opts }) => {
  const aliases = opts.aliases;
  if (aliases === undefined || !aliases.some(isVersionedTypeAlias)) return undefined;
  return { props, opts: { ...opts, aliases: aliases.filter((a) => !isVersionedTypeAlias(a)) } };
};

/**
 * The component's options with `dropVersionedTypeAliases` first among its transformations: every
 * child inherits it, and the caller's own transformations still run after it (they can add aliases).
 */
export function withoutVersionedTypeAliases(
  opts: pulumi.ComponentResourceOptions | undefined,
): pulumi.ComponentResourceOptions {
  return { ...opts, transformations: [dropVersionedTypeAliases, ...(opts?.transformations ?? [])] };
}
