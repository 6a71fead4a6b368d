// The checks of what the stack uses but does not make: Key Vault secrets (@azure/keyvault-secrets),
// subnets (@azure/arm-network), vCPU quota (@azure/arm-compute). SDKs are loaded when they run.
import type { SecretClientOptions } from "@azure/keyvault-secrets";
import { keyVaultErrorFrom } from "../certificates/sources/keyvault-azure";
import { vmSizeVcpus } from "../cluster/vm-sizes";
import { cidrsOverlap } from "../cluster/network-rules";
import {
  AzureCheckOptions,
  Check,
  describeError,
  fail,
  isSignInError,
  parseArmId,
  pass,
  sdkError,
  SIGN_IN_FIX,
  skip,
} from "./check";
import { clientOptions } from "./checks-arm";
import { StackNeeds } from "./needs";

/* eslint-disable @typescript-eslint/no-require-imports */
const secrets = () => require("@azure/keyvault-secrets") as typeof import("@azure/keyvault-secrets");
const network = () => require("@azure/arm-network") as typeof import("@azure/arm-network");
const compute = () => require("@azure/arm-compute") as typeof import("@azure/arm-compute");
/* eslint-enable @typescript-eslint/no-require-imports */

export interface ResourceCheckOptions extends AzureCheckOptions {
  /** Options of the Key Vault client (tests: a loopback vault's agent and challenge settings). */
  keyVaultClientOptions?: SecretClientOptions;
}

/** Key Vault: the certificate's secret can be read (the value is read by the SDK, never shown). */
export async function keyVaultChecks(needs: StackNeeds, o: ResourceCheckOptions): Promise<Check[]> {
  return Promise.all(
    needs.keyVaults.map(async (k) => {
      const id = `keyvault:${k.vaultUri}${k.certificateName}`;
      try {
        const client = new (secrets().SecretClient)(k.vaultUri, o.credential, {
          ...o.clientOptions,
          ...o.keyVaultClientOptions,
        });
        const s = await client.getSecret(k.certificateName, k.version ? { version: k.version } : {});
        return pass(
          id,
          `secret of certificate ${k.certificateName} in ${k.vaultUri} is readable (version ${s.properties.version})`,
        );
      } catch (e) {
        const kv = keyVaultErrorFrom(e, {
          vaultUri: k.vaultUri,
          certificateName: k.certificateName,
          version: k.version,
        });
        const [said, fix] = kv.message.replace(/^certificate\.keyVault: /, "").split(/; (?=[^;]*$)/);
        return fail(id, said, fix ?? "see docs/key-vault.md");
      }
    }),
  );
}

/** Subnets the cluster is placed in exist, and what can be said of the cluster identity's role there. */
export async function subnetChecks(needs: StackNeeds, o: AzureCheckOptions): Promise<Check[]> {
  const out: Check[] = [];
  for (const s of needs.subnets) {
    const p = parseArmId(s.id);
    const id = `subnet:${s.id}`;
    if (
      !p ||
      p.provider?.toLowerCase() !== "microsoft.network" ||
      !/^virtualNetworks\/[^/]+$/i.test(p.parentPath)
    ) {
      out.push(
        fail(
          id,
          `${s.id} is not a subnet ID`,
          "give /subscriptions/<s>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<vnet>/subnets/<subnet>",
        ),
      );
      continue;
    }
    const vnet = p.parentPath.split("/")[1];
    try {
      const client = new (network().NetworkManagementClient)(
        o.credential,
        p.subscriptionId,
        clientOptions(o),
      );
      const got = await client.subnets.get(p.resourceGroup, vnet, p.name);
      out.push(
        pass(
          id,
          `subnet ${p.name} of ${vnet} exists (${got.addressPrefix ?? got.addressPrefixes?.join(", ") ?? "no prefix"})`,
        ),
      );
      if (s.serviceCidr) out.push(await serviceRangeCheck(client, s.id, s.serviceCidr, got));
    } catch (e) {
      out.push(
        sdkError(e).statusCode === 404
          ? fail(
              id,
              `subnet ${p.name} of virtual network ${vnet} in ${p.resourceGroup} does not exist (404)`,
              `create it (az network vnet subnet create -g ${p.resourceGroup} --vnet-name ${vnet} -n ${p.name} --address-prefixes <cidr>) or correct the ID`,
            )
          : fail(
              id,
              describeError(e, `reading subnet ${s.id}`),
              isSignInError(e) ? SIGN_IN_FIX : `grant the identity Reader on ${s.id}`,
            ),
      );
    }
    out.push(
      s.identityMadeByStack
        ? skip(
            `subnet-role:${s.id}`,
            `the cluster identity of ${s.from} is made by this stack, so its role on the subnet cannot be checked before the up`,
            `after the up, grant it Network Contributor on ${s.id} unless the stack does`,
          )
        : skip(
            `subnet-role:${s.id}`,
            `the cluster's user-assigned identity's role on the subnet is not checked by preflight`,
            `make sure it has Network Contributor on ${s.id} (az role assignment list --scope ${s.id})`,
          ),
    );
  }
  return out;
}

/** The prefixes of a subnet as Subnets_Get / VirtualNetworks_Get answer them. */
const prefixesOf = (x: { addressPrefix?: string; addressPrefixes?: string[] }) =>
  [x.addressPrefix, ...(x.addressPrefixes ?? [])].filter((v): v is string => !!v);

/**
 * The cluster's Kubernetes service range against every subnet of the VNet it is placed in: AKS
 * refuses an overlap at create (ServiceCidrOverlapExistingSubnetsCidr, "The specified service CIDR
 * 10.0.0.0/16 is conflicted with an existing subnet CIDR 10.0.0.0/24": Azure/AKS#3551), and
 * 10.0.0.0/16, AKS's default, is also the Azure portal's default VNet range. When the VNet cannot
 * be read, the subnet's own prefix is compared.
 */
async function serviceRangeCheck(
  client: import("@azure/arm-network").NetworkManagementClient,
  subnetId: string,
  serviceCidr: string,
  subnet: { addressPrefix?: string; addressPrefixes?: string[] },
): Promise<Check> {
  const p = parseArmId(subnetId)!;
  const vnet = p.parentPath.split("/")[1];
  const id = `service-cidr:${subnetId}`;
  let ranges = prefixesOf(subnet).map((prefix) => ({ name: p.name, prefix }));
  let where = `subnet ${p.name}`;
  try {
    const v = await client.virtualNetworks.get(p.resourceGroup, vnet);
    ranges = (v.subnets ?? []).flatMap((sn) =>
      prefixesOf(sn).map((prefix) => ({ name: sn.name ?? "?", prefix })),
    );
    where = `the subnets of ${vnet}`;
  } catch {
    // Reader on the subnet only: its own prefix is what can be compared.
  }
  const clash = ranges.filter((r) => cidrsOverlap(serviceCidr, r.prefix));
  return clash.length === 0
    ? pass(id, `service range ${serviceCidr} overlaps none of ${where}`)
    : fail(
        id,
        `service range ${serviceCidr} overlaps ${clash.map((c) => `subnet ${c.name} (${c.prefix})`).join(", ")} of ${vnet}: AKS refuses it (ServiceCidrOverlapExistingSubnetsCidr)`,
        "set network.serviceCidr (and network.dnsServiceIP inside it) to a range used nowhere in the VNet or the networks routed to it, e.g. 172.16.0.0/16 with 172.16.0.10",
      );
}

interface SizeFacts {
  family?: string;
  vcpus?: number;
  /** A `Location` restriction (e.g. NotAvailableForSubscription): the size cannot be deployed there. */
  restricted?: string;
}

/** The size's family, vCPUs and restriction in a region, from ResourceSkus_List (one list per region). */
async function sizeFacts(
  client: import("@azure/arm-compute").ComputeManagementClient,
  location: string,
  vmSize: string,
  cache: Map<string, import("@azure/arm-compute").ResourceSku[]>,
): Promise<SizeFacts> {
  let skus = cache.get(location);
  if (!skus) {
    skus = [];
    for await (const sku of client.resourceSkus.list({ filter: `location eq '${location}'` }))
      if (sku.resourceType === "virtualMachines") skus.push(sku);
    cache.set(location, skus);
  }
  const sku = skus.find((k) => k.name?.toLowerCase() === vmSize.toLowerCase());
  if (!sku) return {};
  const r = (sku.restrictions ?? []).find((x) => x.type === "Location");
  return {
    family: sku.family,
    vcpus:
      vmSizeVcpus(vmSize) ?? (Number(sku.capabilities?.find((c) => c.name === "vCPUs")?.value) || undefined),
    restricted: r ? (r.reasonCode ?? "restricted") : undefined,
  };
}

/**
 * vCPU quota of the node VM sizes' families in their regions, and the region's total: needed = node
 * count × vCPUs per node, summed over every pool of the stack that draws on the same quota (Azure
 * counts a family's and a region's vCPUs across all of them). Usage names are those of
 * Usage_List (`standardDSv3Family`, `cores`), the family that of ResourceSkus_List.
 */
export async function quotaChecks(needs: StackNeeds, o: AzureCheckOptions): Promise<Check[]> {
  const out: Check[] = [];
  if (needs.nodePools.length === 0) return out;
  const client = new (compute().ComputeManagementClient)(
    o.credential,
    needs.subscriptionId,
    clientOptions(o),
  );
  const skuCache = new Map<string, import("@azure/arm-compute").ResourceSku[]>();
  const facts: (SizeFacts & { error?: unknown })[] = [];
  for (const pool of needs.nodePools)
    facts.push(await sizeFacts(client, pool.location, pool.vmSize, skuCache).catch((error) => ({ error })));
  const key = (l: string) => l.replace(/\s/g, "").toLowerCase();
  const sum = (keep: (i: number) => boolean) =>
    needs.nodePools.reduce((n, p, i) => n + (keep(i) ? p.count * (facts[i].vcpus ?? 0) : 0), 0);
  const usageCache = new Map<string, import("@azure/arm-compute").Usage[]>();
  const seen = new Set<string>();
  for (const [idx, pool] of needs.nodePools.entries()) {
    const id = `quota:${pool.location}:${pool.vmSize}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const f = facts[idx];
    try {
      if (f.error) throw f.error;
      const { family, vcpus } = f;
      if (!family || !vcpus || f.restricted) {
        out.push(
          fail(
            id,
            `VM size ${pool.vmSize} is not offered in ${pool.location} to this subscription${f.restricted ? ` (${f.restricted})` : ""}`,
            `pick a size listed by az vm list-skus -l ${pool.location} --resource-type virtualMachines -o table (one with no restriction), or request access to it`,
          ),
        );
        continue;
      }
      const sameRegion = (i: number) => key(needs.nodePools[i].location) === key(pool.location);
      const wanted: Record<string, number> = {
        [family.toLowerCase()]: sum((i) => sameRegion(i) && facts[i].family === family),
        cores: sum(sameRegion),
      };
      let usages = usageCache.get(key(pool.location));
      if (!usages) {
        usages = [];
        for await (const u of client.usageOperations.list(pool.location)) usages.push(u);
        usageCache.set(key(pool.location), usages);
      }
      const short: string[] = [];
      for (const [name, needed] of Object.entries(wanted)) {
        const u = usages.find((x) => x.name.value?.toLowerCase() === name);
        if (u && u.limit - u.currentValue < needed)
          short.push(
            `${u.name.localizedValue ?? name}: ${u.currentValue} of ${u.limit} used, ${needed} more needed`,
          );
      }
      const needed = pool.count * vcpus;
      out.push(
        short.length === 0
          ? pass(
              id,
              `${pool.count} × ${pool.vmSize} (${needed} vCPUs of ${family}) fit the quota in ${pool.location}`,
            )
          : fail(
              id,
              `${pool.from}: ${short.join("; ")}`,
              `request more quota (Azure portal > Quotas > Compute, ${family} in ${pool.location}), or lower nodeCount, or pick another size`,
            ),
      );
    } catch (e) {
      out.push(
        fail(
          id,
          describeError(e, `reading the vCPU quota in ${pool.location}`),
          isSignInError(e) ? SIGN_IN_FIX : "grant the identity Reader on the subscription to read quotas",
        ),
      );
    }
  }
  return out;
}
