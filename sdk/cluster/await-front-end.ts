// The front end's address, awaited during `up` (docs/limits.md, "Waits, not races"). Azure can
// report the extension or the legacy compute as done before the load balancer has an address, so
// a first read without one is not an error: the up reads again, with a growing interval, until
// `frontEndWaitMinutes` runs out. Preview never waits: it shows what the first read saw, else an
// unknown value.
//
// How each kind reads again:
// - `kubernetes`: `GET` of Service azureml/azureml-fe through the cluster user's kubeconfig
//   (kube-service-reader.ts). `Service.get` is a read the engine makes once per up; pulumi-kubernetes'
//   own wait for a LoadBalancer address runs only for a Service it creates or updates (its Patch
//   resources had none: https://github.com/pulumi/pulumi-kubernetes/issues/2455), with no deadline
//   or progress of ours, and patching a Service the extension owns would make two owners of it.
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

/** Waits with progress on the component's log; a failed or expired wait is a ComponentError (Pulumi's ResourceError marker) on the component. */
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
        (e) => `${e.message}; look at it with ${look}, or pass frontEndIp`,
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

/** The legacy compute's `properties.properties`, as far as the waits read it. */
export interface AksComputeInner {
  sslConfiguration?: { cname?: string | null } | null;
  systemServices?: SystemServiceLike[] | null;
}

/** What one wait on the legacy compute looks for, and how it words its lines. */
interface ComputeValue {
  /** The value in one answer, else undefined. */
  pick(inner: AksComputeInner | undefined): string | undefined;
  /** What an answer without the value showed. */
  note(inner: AksComputeInner | undefined): string;
  /** "compute X to ..." for the progress line. */
  awaited: string;
  /** The error at the deadline, given the summary (`within 15m (6 reads; last: ...)`) and where to look. */
  expired(summary: string, look: string): string;
}

/** What a read of `systemServices` saw, for the progress line and the error. */
function systemServicesNote(inner: AksComputeInner | undefined): string {
  const s = inner?.systemServices;
  if (s === null) return "systemServices is null";
  if (!s?.length) return "systemServices is empty";
  return "systemServices lists no ScoringFrontEnd with an IP address";
}

/** A value of the legacy compute, from its own answer or, during the up, from `getCompute` until one has it. */
function awaitComputeValue(
  parent: pulumi.Resource,
  firstInner: pulumi.Output<AksComputeInner | undefined>,
  ref: ComputeRef,
  minutes: number,
  v: ComputeValue,
): pulumi.Output<string> {
  const value = pulumi
    .all([firstInner, ref.resourceGroupName, ref.workspaceName])
    .apply(([first, rg, ws]) => {
      const known = v.pick(first);
      if (known) return pulumi.output(known);
      if (pulumi.runtime.isDryRun()) return unknownString();
      const look = `az ml compute show --name ${ref.computeName} --resource-group ${rg} --workspace-name ${ws}`;
      return pulumi.output(
        awaitLogged(
          parent,
          `compute ${ref.computeName} to ${v.awaited}`,
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
            const inner = (answer.properties as { properties?: AksComputeInner } | undefined)?.properties;
            return { value: v.pick(inner), note: v.note(inner) };
          },
          (e) =>
            v.expired(
              `within ${formatDuration(e.elapsedMs)} (${e.reads} reads; last: ${e.lastNote ?? v.note(first)})`,
              look,
            ),
          (e) => `reading compute ${ref.computeName} failed: ${e.message}`,
        ),
      );
    });
  // `properties` is secret when a key was sent; neither value is.
  return pulumi.unsecret(value);
}

/** `aks` (legacy) kind: the ScoringFrontEnd's `publicIpAddress`. */
export function awaitComputeFrontEnd(
  parent: pulumi.Resource,
  firstInner: pulumi.Output<AksComputeInner | undefined>,
  ref: ComputeRef,
  minutes: number,
): pulumi.Output<string> {
  return awaitComputeValue(parent, firstInner, ref, minutes, {
    pick: (inner) => addressInSystemServices(inner?.systemServices),
    note: systemServicesNote,
    awaited: "list its front end's address (systemServices ScoringFrontEnd publicIpAddress)",
    expired: (summary, look) =>
      `compute ${ref.computeName} listed no front-end address ${summary}; ` +
      `look at it with ${look}, or kubectl get svc azureml-fe -n default on the cluster; ` +
      "then run pulumi up again, raise frontEndWaitMinutes, or pass frontEndIp (the EXTERNAL-IP of Service azureml-fe, or the scoring IP shown in Azure ML studio)",
  });
}

/**
 * `aks` kind with `certificate.microsoftManaged`: the name Azure gives the front end
 * (`sslConfiguration.cname` with status Auto), lower case, no trailing dot.
 */
export function awaitComputeManagedName(
  parent: pulumi.Resource,
  firstInner: pulumi.Output<AksComputeInner | undefined>,
  ref: ComputeRef,
  minutes: number,
): pulumi.Output<string> {
  return awaitComputeValue(parent, firstInner, ref, minutes, {
    pick: (inner) => inner?.sslConfiguration?.cname?.toLowerCase().replace(/\.$/, "") || undefined,
    note: () => "sslConfiguration.cname is empty",
    awaited: "name its front end (sslConfiguration.cname)",
    expired: (summary, look) =>
      `certificate.microsoftManaged: Azure returned no name for the front end on compute ${ref.computeName} ${summary}; ` +
      `look at it with ${look} (or in Azure ML studio); then run pulumi up again, raise frontEndWaitMinutes, or use an imported certificate with your own hostname`,
  });
}
