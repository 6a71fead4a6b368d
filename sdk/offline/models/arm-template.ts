// How ARM reads the strings of a template resource: a string (or property name) that starts with '['
// and ends with ']' is an expression, and one that starts with '[[' is the literal without its first
// '[' (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions#escape-characters).
// The offline model evaluates the few expressions a template could smuggle in, so a test sees what the
// endpoint would really receive; any other expression is refused.

type Dict = Record<string, unknown>;

export interface ArmScope {
  subscriptionId: string;
  resourceGroup: string;
}

function evaluateString(s: string, scope: ArmScope): unknown {
  if (!(s.length > 0 && s.startsWith("[") && s.endsWith("]"))) return s;
  if (s[1] === "[") return s.slice(1);
  const expr = s.slice(1, -1).trim();
  if (/^subscription\(\)\.subscriptionId$/i.test(expr)) return scope.subscriptionId;
  if (/^resourceGroup\(\)\.name$/i.test(expr)) return scope.resourceGroup;
  throw new Error(
    `Code="InvalidTemplate" Message="offline model: the template expression '${s}' is not modelled (ARM would evaluate it)"`,
  );
}

/** A template value as ARM evaluates it: expressions (values and property names) replaced, literals unescaped. */
export function evaluateArm(value: unknown, scope: ArmScope): unknown {
  if (typeof value === "string") return evaluateString(value, scope);
  if (Array.isArray(value)) return value.map((v) => evaluateArm(v, scope));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Dict).map(([k, v]) => [
        String(evaluateString(k, scope)),
        evaluateArm(v, scope),
      ]),
    );
  }
  return value;
}

/** Identity types of Microsoft.MachineLearningServices (ManagedServiceIdentityType). */
const IDENTITY_TYPES = ["None", "SystemAssigned", "UserAssigned", "SystemAssigned,UserAssigned"];

/** ARM's checks of one template resource before it is deployed: an API version, and a known identity type. */
export function checkTemplateResource(r: Dict): void {
  const where = `The template resource '${String(r.name)}' of type '${String(r.type)}'`;
  if (typeof r.apiVersion !== "string" || !/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(r.apiVersion)) {
    throw new Error(
      `Code="InvalidTemplate" Message="${where} has no valid apiVersion (got ${JSON.stringify(r.apiVersion)})."`,
    );
  }
  const identity = r.identity as Dict | undefined;
  if (identity !== undefined && !IDENTITY_TYPES.includes(String(identity.type))) {
    throw new Error(
      `Code="BadRequest" Message="${where}: the identity type ${JSON.stringify(identity.type)} is not one of ${IDENTITY_TYPES.join(", ")}."`,
    );
  }
}
