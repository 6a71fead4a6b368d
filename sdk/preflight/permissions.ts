// Azure's evaluation of effective permissions (Microsoft.Authorization/permissions answers a list of
// { actions, notActions }, one per role assignment that applies): an action is allowed when one
// entry's `actions` match it and the same entry's `notActions` do not. Matching is case-insensitive
// and `*` matches any run of characters
// (https://learn.microsoft.com/azure/role-based-access-control/role-definitions#actions and
// #notactions: "NotActions ... subtracted from the Actions"; a deny in one role does not remove what
// another role grants). Pure.

export interface PermissionEntry {
  actions?: string[];
  notActions?: string[];
}

/** Does the operation pattern (with `*` wildcards) match the action, case-insensitively? */
export function operationMatches(pattern: string, action: string): boolean {
  const re = pattern
    .trim()
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${re}$`, "i").test(action.trim());
}

/** Is the action granted by any one entry after that entry's notActions are subtracted? */
export function isActionAllowed(entries: PermissionEntry[], action: string): boolean {
  return entries.some(
    (e) =>
      (e.actions ?? []).some((p) => operationMatches(p, action)) &&
      !(e.notActions ?? []).some((p) => operationMatches(p, action)),
  );
}

/** The needed actions the entries do not allow, in the order given. */
export function missingActions(entries: PermissionEntry[], needed: string[]): string[] {
  return needed.filter((a) => !isActionAllowed(entries, a));
}
