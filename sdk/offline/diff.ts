import type { Plan, PlannedResource } from "./plan-types";
import { MASK } from "./secrets";

export type Verdict = "create" | "update" | "replace" | "delete" | "same" | "read";

export interface ResourceChange {
  urn: string;
  type: string;
  name: string;
  verdict: Verdict;
  /** Changed input paths; a secret one ends in " [secret]" and never shows its value. */
  fields: string[];
  /** Why a replacement: the fields (or the rotation trigger) that force it. */
  replaceBecause: string[];
}

/** A certificate's public facts (not secret: they are in the stack's `certificate` output). */
export interface CertificateFacts {
  fingerprintSha256: string;
  notAfter: string;
  issuer: string;
}

/** One certificate output before and after; a side is absent when the output did not exist then. */
export interface CertificateChange {
  /** The output that holds it, e.g. `certificate` or `cluster.certificate`. */
  output: string;
  before?: CertificateFacts;
  after?: CertificateFacts;
  changed: boolean;
}

export interface PlanComparison {
  changes: ResourceChange[];
  outputs: { key: string; verdict: "create" | "update" | "delete" | "same" }[];
  /** Every certificate among the outputs, with its public facts before and after. */
  certificates: CertificateChange[];
  /** How many resources get each verdict. */
  summary: Record<Verdict, number>;
}

/**
 * Inputs whose change makes the provider replace the resource (it cannot update them in place).
 * Everything of @pulumi/tls is force-new; Azure names, scopes and locations are too.
 */
const FORCE_NEW: Record<string, string[] | "*"> = {
  "tls:index/privateKey:PrivateKey": "*",
  "tls:index/selfSignedCert:SelfSignedCert": "*",
  "cloudflare:index/dnsRecord:DnsRecord": ["zoneId"],
  "azure-native:containerservice:ManagedCluster": [
    "resourceGroupName",
    "resourceName",
    "location",
    "dnsPrefix",
  ],
  "azure-native:kubernetesconfiguration:Extension": [
    "resourceGroupName",
    "clusterRp",
    "clusterResourceName",
    "clusterName",
    "extensionName",
    "extensionType",
    "scope",
  ],
  "azure-native:machinelearningservices:Compute": [
    "resourceGroupName",
    "workspaceName",
    "computeName",
    "location",
    "properties.computeType",
    "properties.resourceId",
  ],
  // Names and scopes of Private DNS children (azure-native's privatedns module; the path segments of
  // their ARM IDs): a record type change is replaced by the component's own replaceOnChanges.
  "azure-native:privatedns:PrivateRecordSet": [
    "resourceGroupName",
    "privateZoneName",
    "relativeRecordSetName",
    "recordType",
  ],
  "azure-native:privatedns:VirtualNetworkLink": [
    "resourceGroupName",
    "privateZoneName",
    "virtualNetworkLinkName",
    "location",
  ],
  "azure-native:machinelearningservices:OnlineEndpoint": [
    "resourceGroupName",
    "workspaceName",
    "endpointName",
    "location",
  ],
  "azure-native:machinelearningservices:OnlineDeployment": [
    "resourceGroupName",
    "workspaceName",
    "endpointName",
    "deploymentName",
    "location",
  ],
};

function flatten(v: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (v && typeof v === "object" && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, "{}");
    for (const [k, x] of entries) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else {
    // Arrays compare whole: an element's index is not a stable name.
    out.set(prefix, JSON.stringify(v));
  }
  return out;
}

function changedFields(a: PlannedResource, b: PlannedResource): string[] {
  const fa = flatten(a.inputs, "", new Map());
  const fb = flatten(b.inputs, "", new Map());
  const fields = new Set<string>();
  for (const k of new Set([...fa.keys(), ...fb.keys()])) {
    const va = fa.get(k);
    const vb = fb.get(k);
    if (va === JSON.stringify(MASK) && vb === JSON.stringify(MASK)) continue; // compared by digest below
    if (va !== vb) fields.add(k);
  }
  for (const k of new Set([...Object.keys(a.secretDigests), ...Object.keys(b.secretDigests)])) {
    if (a.secretDigests[k] !== b.secretDigests[k]) {
      fields.delete(k);
      fields.add(`${k} [secret]`);
    }
  }
  return [...fields].sort();
}

function forcesReplacement(type: string, field: string, replaceOnChanges: string[]): boolean {
  const path = field.replace(/ \[secret\]$/, "");
  const rules = FORCE_NEW[type];
  if (rules === "*") return true;
  const list = [...(rules ?? []), ...replaceOnChanges];
  return list.some((r) => r === "*" || path === r || path.startsWith(`${r}.`));
}

function factsOf(v: unknown): CertificateFacts | undefined {
  if (!v || typeof v !== "object" || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.fingerprintSha256 !== "string") return undefined;
  const str = (x: unknown) => (typeof x === "string" ? x : "");
  return { fingerprintSha256: o.fingerprintSha256, notAfter: str(o.notAfter), issuer: str(o.issuer) };
}

/** Certificate outputs, at the top level or one level down (a program may export the component's outputs as one object). */
function certificateOutputs(outputs: Record<string, unknown>): Map<string, CertificateFacts> {
  const found = new Map<string, CertificateFacts>();
  for (const [key, value] of Object.entries(outputs)) {
    const direct = factsOf(value);
    if (direct) found.set(key, direct);
    else if (value && typeof value === "object" && !Array.isArray(value))
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const nested = factsOf(v);
        if (nested) found.set(`${key}.${k}`, nested);
      }
  }
  return found;
}

export function compareCertificates(before: Plan, after: Plan): CertificateChange[] {
  const a = certificateOutputs(before.outputs ?? {});
  const b = certificateOutputs(after.outputs ?? {});
  return [...new Set([...a.keys(), ...b.keys()])].sort().map((output) => {
    const x = a.get(output);
    const y = b.get(output);
    return { output, before: x, after: y, changed: JSON.stringify(x) !== JSON.stringify(y) };
  });
}

/** Per resource: create / update (fields) / replace (fields) / delete / same, as `pulumi preview` would say. */
export function comparePlans(before: Plan, after: Plan): PlanComparison {
  const old = new Map(before.resources.map((r) => [r.urn, r]));
  const now = new Map(after.resources.map((r) => [r.urn, r]));
  const changes: ResourceChange[] = [];
  for (const r of after.resources) {
    const prev = old.get(r.urn);
    if (!prev) {
      changes.push({
        urn: r.urn,
        type: r.type,
        name: r.name,
        verdict: r.op === "read" ? "read" : "create",
        fields: [],
        replaceBecause: [],
      });
      continue;
    }
    if (r.op === "read") {
      changes.push({
        urn: r.urn,
        type: r.type,
        name: r.name,
        verdict: "read",
        fields: [],
        replaceBecause: [],
      });
      continue;
    }
    const fields = changedFields(prev, r);
    const because = fields.filter((f) => forcesReplacement(r.type, f, r.replaceOnChanges));
    if (JSON.stringify(prev.replacementTrigger ?? null) !== JSON.stringify(r.replacementTrigger ?? null)) {
      because.unshift("replacementTrigger (rotation window)");
    }
    const verdict: Verdict = because.length > 0 ? "replace" : fields.length > 0 ? "update" : "same";
    changes.push({ urn: r.urn, type: r.type, name: r.name, verdict, fields, replaceBecause: because });
  }
  for (const r of before.resources) {
    if (!now.has(r.urn))
      changes.push({
        urn: r.urn,
        type: r.type,
        name: r.name,
        verdict: "delete",
        fields: [],
        replaceBecause: [],
      });
  }
  const outputs: PlanComparison["outputs"] = [];
  for (const key of [...new Set([...Object.keys(before.outputs), ...Object.keys(after.outputs)])].sort()) {
    const a = JSON.stringify(before.outputs[key]);
    const b = JSON.stringify(after.outputs[key]);
    outputs.push({
      key,
      verdict: !(key in before.outputs)
        ? "create"
        : !(key in after.outputs)
          ? "delete"
          : a === b
            ? "same"
            : "update",
    });
  }
  const summary: Record<Verdict, number> = { create: 0, update: 0, replace: 0, delete: 0, same: 0, read: 0 };
  for (const c of changes) summary[c.verdict]++;
  return { changes, outputs, certificates: compareCertificates(before, after), summary };
}
