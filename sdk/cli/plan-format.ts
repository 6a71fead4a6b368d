import type { Plan, PlannedResource } from "../offline/plan-types";
import type { CertificateFacts, PlanComparison } from "../offline/diff";

const BANNER =
  "OFFLINE PLAN: nothing was deployed. No cloud, no credentials and no Pulumi CLI were used;\nAzure, TLS and Cloudflare answers come from the SDK's offline model.";

/** Columns for an input's value, after the tree: longer values are laid out over several lines. */
const WIDTH = 100;

/**
 * A value as JSON, whole: on one line when it fits from column `col`, else one member per line,
 * indented by two spaces a level (nested parts that fit stay on one line). Nothing is cut, so a
 * reviewer reads every byte a request body will hold; secrets are "[secret]" already in the plan.
 */
function layout(v: unknown, indent = "", col = 0): string {
  const one = JSON.stringify(v) ?? "null";
  if (v === null || typeof v !== "object" || col + one.length <= WIDTH) return one;
  const inner = indent + "  ";
  const members = Array.isArray(v)
    ? v.map((x) => inner + layout(x, inner, inner.length))
    : Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => `${inner}${JSON.stringify(k)}: ${layout(x, inner, inner.length + k.length + 4)}`);
  if (members.length === 0) return one;
  const [open, close] = Array.isArray(v) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${members.join(",\n")}\n${indent}${close}`;
}

function label(r: PlannedResource): string {
  const extra = r.op === "read" ? `  (read ${r.id})` : "";
  const trigger =
    r.replacementTrigger !== undefined ? `  [rotation window from ${String(r.replacementTrigger)}]` : "";
  return `${r.type}  ${r.name}${extra}${trigger}`;
}

/** A PEM chain in an output (the certificate's `pem`) printed as a count: the tree stays readable. */
function pemSummary(_key: string, v: unknown): unknown {
  if (typeof v !== "string" || !v.includes("-----BEGIN CERTIFICATE-----")) return v;
  const n = v.split("-----BEGIN CERTIFICATE-----").length - 1;
  return `[PEM: ${n} certificate${n === 1 ? "" : "s"}, ${Buffer.byteLength(v)} bytes]`;
}

/** A value with each PEM chain in it summarized (its body is in --json): the request bodies stay readable. */
function pemSummarized(v: unknown): unknown {
  const json = JSON.stringify(v, pemSummary);
  return json === undefined ? v : (JSON.parse(json) as unknown);
}

/** The resource tree, every input whole (secrets masked, PEM chains summarized) and the stack outputs. */
export function formatPlan(plan: Plan, opts: { inputs?: boolean } = {}): string {
  const lines: string[] = [
    BANNER,
    "",
    `program ${plan.programDir}   project ${plan.project}   stack ${plan.stack}   clock ${plan.clock}`,
    "",
  ];
  const byParent = new Map<string, PlannedResource[]>();
  for (const r of plan.resources) {
    const list = byParent.get(r.parent) ?? [];
    list.push(r);
    byParent.set(r.parent, list);
  }
  const urns = new Set(plan.resources.map((r) => r.urn));
  const roots = plan.resources.filter((r) => !urns.has(r.parent));
  lines.push(
    `resources (${plan.resources.length}), with every input whole as the providers receive it (secrets masked, certificate chains summarized; --json prints all as JSON)`,
  );
  const walk = (r: PlannedResource, prefix: string, last: boolean, depth: number) => {
    const branch = depth === 0 ? "" : last ? "└─ " : "├─ ";
    lines.push(`  ${prefix}${branch}${label(r)}`);
    const childPrefix = depth === 0 ? "" : prefix + (last ? "   " : "│  ");
    if (opts.inputs !== false && r.op === "register" && r.type !== "ssl-ml-cluster:index:SslMlCluster") {
      const inputs = (r.inputs ?? {}) as Record<string, unknown>;
      const bar = (byParent.get(r.urn)?.length ?? 0) > 0 ? "│  " : "   ";
      const at = `  ${childPrefix}${bar}  `;
      for (const k of Object.keys(inputs))
        lines.push(
          `${at}${k}: ${layout(pemSummarized(inputs[k]), "", k.length + 2).replace(/\n/g, `\n${at}`)}`,
        );
    }
    const kids = byParent.get(r.urn) ?? [];
    kids.forEach((k, i) => walk(k, childPrefix, i === kids.length - 1, depth + 1));
  };
  roots.forEach((r) => walk(r, "", true, 0));
  lines.push("", "outputs");
  for (const [k, v] of Object.entries(plan.outputs))
    lines.push(`  ${k}: ${JSON.stringify(v, pemSummary, 2).replace(/\n/g, "\n    ")}`);
  if (plan.warnings.length > 0) {
    lines.push("", "warnings");
    for (const w of plan.warnings) lines.push(`  ${w}`);
  }
  return lines.join("\n") + "\n";
}

/** Per resource: what `pulumi preview` would do, secret fields named but never shown. */
export function formatComparison(c: PlanComparison, before: Plan, after: Plan): string {
  const lines = [
    BANNER,
    "",
    `compare: snapshot clock ${before.clock}  ->  now ${after.clock}`,
    "",
    "resources",
  ];
  const symbol: Record<string, string> = {
    create: "+",
    update: "~",
    replace: "+-",
    delete: "-",
    same: " ",
    read: ">",
  };
  for (const ch of c.changes) {
    let detail = "";
    if (ch.verdict === "update") detail = ` (${ch.fields.join(", ")})`;
    if (ch.verdict === "replace")
      detail = ` (${ch.fields.join(", ") || "no input change"}; replaced because of ${ch.replaceBecause.join(", ")})`;
    lines.push(`  ${symbol[ch.verdict].padEnd(2)} ${ch.verdict.padEnd(7)} ${ch.type}  ${ch.name}${detail}`);
  }
  lines.push("", "outputs");
  for (const o of c.outputs) lines.push(`  ${o.verdict.padEnd(7)} ${o.key}`);
  for (const cert of c.certificates) {
    lines.push("", `certificate (output ${cert.output})${cert.changed ? "" : ": unchanged"}`);
    const row = (label: string, k: keyof CertificateFacts) => {
      const a = cert.before?.[k] ?? "(none)";
      const b = cert.after?.[k] ?? "(none)";
      lines.push(`  ${label.padEnd(12)} ${a === b ? `${a} (unchanged)` : `${a}  ->  ${b}`}`);
    };
    row("fingerprint", "fingerprintSha256");
    row("notAfter", "notAfter");
    row("issuer", "issuer");
  }
  const n = c.summary;
  lines.push(
    "",
    `summary: ${n.create} to create, ${n.update} to update, ${n.replace} to replace, ${n.delete} to delete, ${n.same} unchanged`,
  );
  return lines.join("\n") + "\n";
}
