// What a stack needs from Azure and Cloudflare, derived from the resources an offline plan recorded
// (`ssl-ml-cluster plan`): providers, scopes with their actions, the workspace, DNS zones, Key Vault
// secrets, subnets and node pools. Pure: the checks (checks-azure.ts) ask Azure about each.
import {
  ACME_AZURE_DNS_ACTIONS,
  INVOKE_ACTIONS,
  REQUIRED_ACTIONS,
  SUBNET_ACTIONS,
  WORKSPACE_READ,
} from "./required-actions";
import { DEFAULT_SERVICE_CIDR } from "../cluster/network-rules";

/** What preflight reads of a planned resource (a subset of the plan's PlannedResource). */
export interface PlannedResourceLike {
  type: string;
  name: string;
  op: string;
  inputs: unknown;
}

/** An invoke the plan recorded (a subset of the recorder's Invocation). */
export interface InvocationLike {
  token: string;
  inputs: unknown;
}

/** The Azure DNS zone lego's azuredns provider writes the DNS-01 TXT record in. */
export interface AcmeAzureZone {
  resourceGroup: string;
  zoneName: string;
}

/** What the plan saw besides its resources: invokes, and the ACME challenge's Azure DNS zones. */
export interface PlanExtras {
  invocations?: InvocationLike[];
  acmeAzureZones?: AcmeAzureZone[];
}

export interface ScopeNeed {
  /** ARM ID of the scope: a resource group, or a resource under one. */
  id: string;
  actions: string[];
}

export interface KeyVaultNeed {
  vaultUri: string;
  certificateName: string;
  version?: string;
}

export interface NodePoolNeed {
  location: string;
  vmSize: string;
  count: number;
  /** Which resource asks for it, for messages. */
  from: string;
}

export interface SubnetNeed {
  id: string;
  /** The cluster identity is made by the stack (system-assigned), so it has no role to check yet. */
  identityMadeByStack: boolean;
  from: string;
  /**
   * The Kubernetes service range of the cluster placed in it: AKS refuses one that overlaps a
   * subnet of the VNet (ServiceCidrOverlapExistingSubnetsCidr). AKS's default when none is sent.
   */
  serviceCidr?: string;
}

export interface StackNeeds {
  subscriptionId: string;
  providers: string[];
  scopes: ScopeNeed[];
  workspace?: {
    resourceGroup: string;
    name: string;
    id: string;
    location?: string;
    /** The stack creates it: it is not read, and its actions are checked on the resource group. */
    madeByStack?: boolean;
  };
  cloudflareZones: string[];
  /** ARM IDs of Azure DNS zones (public and private) the stack writes records in. */
  dnsZones: string[];
  keyVaults: KeyVaultNeed[];
  subnets: SubnetNeed[];
  nodePools: NodePoolNeed[];
  /** Front Door custom domains with its managed certificate: their CAA records are checked. */
  managedCertificateHosts?: string[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

const rgId = (sub: string, rg: string) => `/subscriptions/${sub}/resourceGroups/${rg}`;

function scopeOf(
  sub: string,
  kind: string,
  i: Obj,
  newWorkspaces: Set<string>,
  newClusterGroups: Set<string> = new Set(),
): string | undefined {
  const rg = str(i.resourceGroupName);
  switch (kind) {
    case "managedCluster":
      // A cluster the stack makes does not exist yet: its group is the scope, as for its PUT.
      if (rg && newClusterGroups.has(rg.toLowerCase())) return rgId(sub, rg);
      return (
        rg &&
        str(i.resourceName) &&
        `${rgId(sub, rg)}/providers/Microsoft.ContainerService/managedClusters/${i.resourceName}`
      );
    case "resourceGroup":
      return rg && rgId(sub, rg);
    case "workspace":
      // A workspace the stack makes does not exist yet: what is done in it is checked on its group.
      if (rg && newWorkspaces.has(`${rg}/${String(i.workspaceName)}`.toLowerCase())) return rgId(sub, rg);
      return (
        rg &&
        str(i.workspaceName) &&
        `${rgId(sub, rg)}/providers/Microsoft.MachineLearningServices/workspaces/${i.workspaceName}`
      );
    case "dnsZone":
      return rg && str(i.zoneName) && `${rgId(sub, rg)}/providers/Microsoft.Network/dnszones/${i.zoneName}`;
    case "privateDnsZone":
      return (
        rg &&
        str(i.privateZoneName) &&
        `${rgId(sub, rg)}/providers/Microsoft.Network/privateDnsZones/${i.privateZoneName}`
      );
    default:
      return str(i.scope);
  }
}

/** The node pools and subnets a cluster resource asks for (new AKS cluster, or a legacy AKS compute). */
function clusterNeeds(r: PlannedResourceLike, i: Obj, pools: NodePoolNeed[], subnets: SubnetNeed[]): void {
  const from = `${r.type.split(":").pop()} ${r.name}`;
  if (r.type === "azure-native:containerservice:ManagedCluster") {
    const madeByStack = str(obj(i.identity).type) !== "UserAssigned";
    for (const p of Array.isArray(i.agentPoolProfiles) ? i.agentPoolProfiles : []) {
      const pool = obj(p);
      if (str(pool.vmSize) && str(i.location))
        pools.push({
          location: String(i.location),
          vmSize: String(pool.vmSize),
          count: Number(pool.count ?? 1),
          from,
        });
      const subnet = str(pool.vnetSubnetID);
      const serviceCidr = str(obj(i.networkProfile).serviceCidr) ?? DEFAULT_SERVICE_CIDR;
      if (subnet && !subnets.some((s) => s.id === subnet))
        subnets.push({ id: subnet, identityMadeByStack: madeByStack, from, serviceCidr });
    }
  }
  if (r.type === "azure-native:machinelearningservices:Compute") {
    const props = obj(obj(i.properties).properties);
    const location = str(obj(i.properties).computeLocation) ?? str(i.location);
    if (str(props.agentVmSize) && location)
      pools.push({ location, vmSize: String(props.agentVmSize), count: Number(props.agentCount ?? 3), from });
    const net = obj(props.aksNetworkingConfiguration);
    const subnet = str(net.subnetId);
    if (subnet)
      subnets.push({
        id: subnet,
        identityMadeByStack: true,
        from,
        serviceCidr: str(net.serviceCidr) ?? DEFAULT_SERVICE_CIDR,
      });
  }
}

/** Everything the stack needs, from the planned resources and the Key Vault reads of the plan. */
export function stackNeeds(
  resources: PlannedResourceLike[],
  subscriptionId: string,
  keyVaults: KeyVaultNeed[] = [],
  extras: PlanExtras = {},
): StackNeeds {
  const providers = new Set<string>();
  const scopes = new Map<string, Set<string>>();
  const need = (scope: string, actions: string[]) => {
    const set = scopes.get(scope) ?? new Set<string>();
    for (const a of actions) set.add(a);
    scopes.set(scope, set);
  };
  const out: StackNeeds = {
    subscriptionId,
    providers: [],
    scopes: [],
    cloudflareZones: [],
    dnsZones: [],
    keyVaults: [],
    subnets: [],
    nodePools: [],
  };
  const newWorkspaces = new Set(
    resources
      .filter((r) => r.op === "register" && r.type === "azure-native:machinelearningservices:Workspace")
      .map((r) =>
        `${String(obj(r.inputs).resourceGroupName)}/${String(obj(r.inputs).workspaceName)}`.toLowerCase(),
      ),
  );
  for (const r of resources) {
    const i = obj(r.inputs);
    if (r.op === "register" && r.type === "azure-native:cdn:AFDCustomDomain" && str(i.hostName)) {
      const tls = obj(i.tlsSettings);
      if (str(tls.certificateType) === "ManagedCertificate") {
        const hosts = (out.managedCertificateHosts ??= []);
        if (!hosts.includes(String(i.hostName))) hosts.push(String(i.hostName));
      }
    }
    if (r.op === "register" && r.type === "cloudflare:index/dnsRecord:DnsRecord" && str(i.zoneId)) {
      if (!out.cloudflareZones.includes(String(i.zoneId))) out.cloudflareZones.push(String(i.zoneId));
      continue;
    }
    const req = REQUIRED_ACTIONS[r.type];
    if (r.op !== "register" || !req) continue;
    const linked = req.linked && str(req.linked.path.reduce<unknown>((v, k) => obj(v)[k], i));
    if (linked) need(linked, req.linked!.actions);
    providers.add(req.provider);
    // A legacy AKS compute: Azure ML creates the AKS cluster itself, in this subscription.
    if (str(obj(i.properties).computeType) === "AKS") providers.add("Microsoft.ContainerService");
    const scope = scopeOf(subscriptionId, req.scope, i, newWorkspaces);
    if (!scope) continue;
    const type = str(i.recordType) ?? "A";
    need(
      scope,
      req.actions.map((a) => a.replace("{type}", type)),
    );
    if ((req.scope === "dnsZone" || req.scope === "privateDnsZone") && !out.dnsZones.includes(scope))
      out.dnsZones.push(scope);
    if (req.scope === "workspace" && !out.workspace) {
      const rg = String(i.resourceGroupName);
      const name = String(i.workspaceName);
      const madeByStack = newWorkspaces.has(`${rg}/${name}`.toLowerCase());
      need(scope, [WORKSPACE_READ]);
      out.workspace = {
        resourceGroup: rg,
        name,
        id: `${rgId(subscriptionId, rg)}/providers/Microsoft.MachineLearningServices/workspaces/${name}`,
        location: str(i.location),
        ...(madeByStack ? { madeByStack } : {}),
      };
    }
    clusterNeeds(r, i, out.nodePools, out.subnets);
  }
  const newClusterGroups = new Set(
    resources
      .filter((r) => r.op === "register" && r.type === "azure-native:containerservice:ManagedCluster")
      .map((r) => String(obj(r.inputs).resourceGroupName).toLowerCase()),
  );
  for (const inv of extras.invocations ?? []) {
    const i = obj(inv.inputs);
    if (
      inv.token.startsWith("cloudflare:") &&
      str(i.zoneId) &&
      !out.cloudflareZones.includes(String(i.zoneId))
    )
      out.cloudflareZones.push(String(i.zoneId));
    const req = INVOKE_ACTIONS[inv.token];
    if (!req) continue;
    providers.add(req.provider);
    const scope = scopeOf(subscriptionId, req.scope, i, newWorkspaces, newClusterGroups);
    if (scope) need(scope, req.actions);
  }
  for (const z of extras.acmeAzureZones ?? []) {
    const scope = `${rgId(subscriptionId, z.resourceGroup)}/providers/Microsoft.Network/dnszones/${z.zoneName}`;
    need(scope, ACME_AZURE_DNS_ACTIONS);
    providers.add("Microsoft.Network");
    if (!out.dnsZones.includes(scope)) out.dnsZones.push(scope);
  }
  // The caller places the cluster in the subnet: Azure checks subnets/join/action on it.
  for (const s of out.subnets) need(s.id, SUBNET_ACTIONS);
  for (const k of keyVaults)
    if (
      !out.keyVaults.some(
        (x) =>
          x.vaultUri === k.vaultUri && x.certificateName === k.certificateName && x.version === k.version,
      )
    )
      out.keyVaults.push({ vaultUri: k.vaultUri, certificateName: k.certificateName, version: k.version });
  out.providers = [...providers].sort();
  out.scopes = [...scopes].map(([id, actions]) => ({ id, actions: [...actions] }));
  return out;
}
