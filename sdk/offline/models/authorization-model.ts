// Azure RBAC (Microsoft.Authorization/roleAssignments, api-version 2022-04-01) as the offline model
// answers it: the shape of RoleAssignments_Create's example in
// https://github.com/Azure/azure-rest-api-specs/tree/main/specification/authorization
// (id = <scope>/providers/Microsoft.Authorization/roleAssignments/<name>).
import { guid, ResourceModel } from "./model-state";

/** A role assignment after its PUT; its name is a GUID (azure-native generates one when none is given). */
export const roleAssignment: ResourceModel = (m, _args, inputs, plain) => {
  const scope = String(plain.scope);
  const name = String(
    plain.roleAssignmentName ?? guid(`${scope}/${plain.principalId}/${plain.roleDefinitionId}`),
  );
  return {
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
    state: {
      ...inputs,
      name,
      roleAssignmentName: name,
      type: "Microsoft.Authorization/roleAssignments",
      principalType: plain.principalType ?? "ServicePrincipal",
      createdOn: m.created,
      updatedOn: m.created,
      createdBy: guid("offline-caller"),
      updatedBy: guid("offline-caller"),
      azureApiVersion: "2022-04-01",
    },
  };
};
