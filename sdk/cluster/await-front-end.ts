// The front end's address, awaited during `up` (docs/limits.md, "Waits, not races"). Azure can
// report the extension or the legacy compute as done before the load balancer has an address, so
// a first read without one is not an error: the up reads again, with a growing interval, until
// `frontEndWaitMinutes` runs out. Preview never waits: it shows what the first read saw, else an
// unknown value.
//
// How each kind reads again:
// - `kubernetes`: `GET` of Service azureml/azureml-fe through the cluster user's kubeconfig
//   (kube-service-reader.ts). `Service.get` is a read the engine makes once per up; pulumi-kubernetes'
//   own wait for a LoadBalancer address runs only for a Service it creates or updates, and not for
//   Patch resources (https://github.com/pulumi/pulumi-kubernetes/issues/2455), and patching a
//   Service the extension owns would make two owners of it.
// - `aks` (legacy): `machinelearningservices.getCompute`, an invoke, which may be repeated.
import * as pulumi from "@pulumi/pulumi";
import * as machinelearningservices from "@pulumi/azure-native/machinelearningservices";
import { ComponentError } from "../errors";
import { formatDuration, waitFor, WaitExpired } from "../common/wait";
import {
  addressInServiceStatus,
  addressInSystemServices,
  type ServiceStatusLike,
  type SystemServiceLike,
} from "./frontend-ip";
import { readService } from "./kube-service-reader";

const NAMESPACE = "azureml";
const SERVICE = "azureml-fe";

/** An unknown value (what preview shows for a value only the up can know). */
function unknownString(): pulumi.Output<string> {
  return pulumi.output(pulumi.unknown) as unknown as pulumi.Output<string>;
}

const progress = (what: string, elapsed: number, deadline: number, note: string | undefined) =>
  `waiting for ${what} (${formatDuration(elapsed)} of ${formatDuration(deadline)})${note ? `; last read: ${note}` : ""}`;

/** Waits with progress on the component's log; a failed or expired wait is a ComponentError saying `how`. */
async function awaitLogged<T>(
  parent: pulumi.Resource,
  what: string,
  minutes: number,
  read: () => Promise<{ value?: T; note?: string }>,
  expired: (e: WaitExpired) => string,
  failed: (e: Error) => string,
): Promise<T> {
  try {
    return await waitFor({
      read,
      deadlineMs: minutes * 60_000,
      onWaiting: (elapsed, deadline, note) =>
        void pulumi.log.info(progress(what, elapsed, deadline, note), parent),
    });
  } catch (e) {
    if (e instanceof WaitExpired) throw new ComponentError(expired(e), parent);
    throw new ComponentError(failed(e as Error), parent);
  }
}

/**
 * `kubernetes` kind: the address on Service azureml/azureml-fe, from the first read (`Service.get`)
 * or, during the up, from reads through the kubeconfig until one has it.
 */
export function awaitServiceFrontEnd(
  parent: pulumi.Resource,
  firstStatus: pulumi.Input<ServiceStatusLike | undefined>,
  kubeconfig: pulumi.Output<string>,
  minutes: number,
): pulumi.Output<string> {
  const address = pulumi.all([firstStatus, kubeconfig]).apply(([status, kc]) => {
    const first = addressInServiceStatus(status as ServiceStatusLike | undefined);
    if (first) return pulumi.output(first);
    if (pulumi.runtime.isDryRun()) return unknownString();
    const svc = `Service ${NAMESPACE}/${SERVICE}`;
    const look = `kubectl -n ${NAMESPACE} get svc ${SERVICE} (EXTERNAL-IP) and kubectl -n ${NAMESPACE} describe svc ${SERVICE} (its events)`;
    return pulumi.output(
      awaitLogged(
        parent,
        `${svc} to get a load-balancer address`,
        minutes,
        async () => {
          const r = await readService(kc, NAMESPACE, SERVICE);
          return { value: addressInServiceStatus(r.status as ServiceStatusLike | undefined), note: r.note };
        },
        (e) =>
          `${svc} got no load-balancer address within ${formatDuration(e.elapsedMs)} (${e.reads} reads${e.lastNote ? `; last: ${e.lastNote}` : ""}); ` +
          `look at it with ${look}; then run pulumi up again, raise frontEndWaitMinutes, or pass frontEndIp`,
        (e) => `reading ${svc} failed: ${e.message}; pass frontEndIp (${look} shows it)`,
      ),
    );
  });
  // The kubeconfig is secret; the address is not, and nothing of the kubeconfig is in it.
  return pulumi.unsecret(address);
}

/** Where the legacy compute is. */
export interface ComputeRef {
  resourceGroupName: pulumi.Input<string>;
  workspaceName: pulumi.Input<string>;
  computeName: string;
}

/** What a read of `systemServices` saw, for the progress line and the error. */
function systemServicesNote(s: SystemServiceLike[] | null | undefined): string {
  if (s === null) return "systemServices is null";
  if (!s?.length) return "systemServices is empty";
  return "systemServices lists no ScoringFrontEnd with an IP address";
}

/**
 * `aks` (legacy) kind: the ScoringFrontEnd's `publicIpAddress` from the compute's own answer or,
 * during the up, from `getCompute` until one lists it.
 */
export function awaitComputeFrontEnd(
  parent: pulumi.Resource,
  firstSystemServices: pulumi.Output<SystemServiceLike[] | null | undefined>,
  ref: ComputeRef,
  minutes: number,
): pulumi.Output<string> {
  const address = pulumi
    .all([firstSystemServices, ref.resourceGroupName, ref.workspaceName])
    .apply(([first, rg, ws]) => {
      const known = addressInSystemServices(first);
      if (known) return pulumi.output(known);
      if (pulumi.runtime.isDryRun()) return unknownString();
      const what = `compute ${ref.computeName} to list its front end's address (systemServices ScoringFrontEnd publicIpAddress)`;
      const look = `az ml compute show --name ${ref.computeName} --resource-group ${rg} --workspace-name ${ws}, or kubectl get svc azureml-fe -n default on the cluster`;
      return pulumi.output(
        awaitLogged(
          parent,
          what,
          minutes,
          async () => {
            let answer: machinelearningservices.GetComputeResult;
            try {
              answer = await machinelearningservices.getCompute(
                { resourceGroupName: rg, workspaceName: ws, computeName: ref.computeName },
                { parent },
              );
            } catch (e) {
              return { note: `getCompute failed: ${String((e as Error).message ?? e).split("\n")[0]}` };
            }
            const inner = (
              answer.properties as { properties?: { systemServices?: SystemServiceLike[] | null } }
            )?.properties;
            const services = inner?.systemServices;
            return { value: addressInSystemServices(services), note: systemServicesNote(services) };
          },
          (e) =>
            `compute ${ref.computeName} listed no front-end address within ${formatDuration(e.elapsedMs)} (${e.reads} reads; last: ${e.lastNote ?? systemServicesNote(first)}); ` +
            `look at it with ${look}; then run pulumi up again, raise frontEndWaitMinutes, or pass frontEndIp (the EXTERNAL-IP of Service azureml-fe, or the scoring IP shown in Azure ML studio)`,
          (e) => `reading compute ${ref.computeName} failed: ${e.message}; pass frontEndIp`,
        ),
      );
    });
  return pulumi.unsecret(address);
}
