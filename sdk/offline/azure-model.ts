import * as crypto from "node:crypto";
import type * as pulumi from "@pulumi/pulumi";
import { unwrapSecrets } from "./secrets";
import {
  offlineCertificateMemo,
  offlinePrivateKey,
  offlineSelfSignedCert,
  reusablePriorCertificate,
} from "./tls-model";
import { acmeLeafKey, issueFromStandIn, legoKeyPem, standInCa } from "./acme-model";
import { checkTemplateResource, evaluateArm } from "./arm-template";
import { checkInvokeArgs } from "./invoke-args";
import { assetInvoke, assetResource, isAssetToken } from "./assets-model";
import {
  PRIVATE_RECORD_SET,
  privateRecordSet,
  VIRTUAL_NETWORK_LINK,
  virtualNetworkLink,
} from "./privatedns-model";

/** Knobs of the offline model, for tests and `plan`. */
export interface OfflineModelOptions {
  /** Subscription of every resource ID. Default: a fixed example GUID. */
  subscriptionId?: string;
  /** Region that Azure reports when none is given. Default: `eastus`. */
  defaultLocation?: string;
  /** External IP of `azureml-fe` / the ScoringFrontEnd. Default: 203.0.113.10 (documentation range). */
  frontEndIp?: string;
  /** Host name instead of an IP on the `azureml-fe` load balancer. */
  frontEndHostname?: string;
  /** `azureml-fe` has no external IP yet (the extension reported success too early). */
  frontEndPending?: boolean;
  /** The legacy AKS compute returns `systemServices: null` (seen in practice). */
  systemServicesNull?: boolean;
  /** With status Auto, Azure returns no `sslConfiguration.cname`. */
  managedCnameMissing?: boolean;
  /** Node pools of an attached cluster (getManagedCluster). Default: one pool of 3. */
  existingClusterNodeCount?: number;
  /** Certificates made by an earlier plan, by resource name + trigger: reused as the engine reuses state. */
  priorCertificates?: Record<string, string>;
  /** The replacement trigger of each resource being registered (set by the recorder). */
  triggerOf?: (type: string, name: string) => unknown;
  /** Fixed clock for creation timestamps. Default: 2026-01-01T00:00:00Z. */
  createdAt?: string;
  /** Region of the Azure ML workspace (getWorkspace). Default: `westeurope`. */
  workspaceLocation?: string;
  /** getWorkspace answers that the workspace does not exist. */
  workspaceMissing?: boolean;
  /**
   * The Cloudflare zone's name (getZone by zoneId). Default: none, so an offline plan of any
   * hostname works; the component then skips the zone checks it would run against Cloudflare.
   */
  cloudflareZoneName?: string;
  /** Records Cloudflare already holds (getDnsRecords answers those with the asked name). */
  existingDnsRecords?: { id: string; type: string; name: string; content: string; comment?: string }[];
  /** listClusterUserCredentials answers with no kubeconfig (`""`), or with text that is not one (`"garbage"`). */
  kubeconfigAnswer?: "" | "garbage";
}

export const DEFAULT_SUBSCRIPTION = "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345";
export const DEFAULT_FRONT_END_IP = "203.0.113.10";
/** The front end's address behind an internal load balancer: one of AKS's default node subnet, 10.224.0.0/16. */
export const INTERNAL_FRONT_END_IP = "10.224.0.200";
const LETS_ENCRYPT_DIRECTORY = "https://acme-v02.api.letsencrypt.org/directory";

type Dict = Record<string, unknown>;

function hex(seed: string, n: number): string {
  return crypto.createHash("sha256").update(seed).digest("hex").slice(0, n);
}

function guid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const normLocation = (l: unknown, def: string) =>
  String(l ?? def)
    .toLowerCase()
    .replace(/\s+/g, "");

/**
 * An offline model of the providers this component uses, answering as the real APIs do (shapes
 * from the examples of https://github.com/Azure/azure-rest-api-specs, e.g.
 * specification/machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2025-12-01/examples/):
 * Azure resource IDs and provisioning states,
 * real keys and certificates for @pulumi/tls, Cloudflare records echoed with their metadata.
 */
export class OfflineModel implements pulumi.runtime.Mocks {
  readonly certificates: Record<string, string> = {};
  /** Directory URL of each acme provider instance, by provider ID. */
  private readonly acmeServers = new Map<string, string>();
  /** Endpoint name to its traffic split, as the traffic templates last set it. */
  readonly traffic: Record<string, Record<string, number>> = {};
  /** Endpoint name to the endpoint as the last traffic template PUT it, after ARM evaluated the template. */
  readonly templateEndpoints: Record<string, Record<string, unknown>> = {};
  /** An extension or legacy compute asked for an internal load balancer: the front end gets a private address. */
  private internalFrontEnd = false;
  constructor(readonly options: OfflineModelOptions = {}) {}

  private get frontEndIp(): string {
    return this.options.frontEndIp ?? (this.internalFrontEnd ? INTERNAL_FRONT_END_IP : DEFAULT_FRONT_END_IP);
  }

  private get sub(): string {
    return this.options.subscriptionId ?? DEFAULT_SUBSCRIPTION;
  }
  private get created(): string {
    return this.options.createdAt ?? "2026-01-01T00:00:00.0000000+00:00";
  }

  async newResource(args: pulumi.runtime.MockResourceArgs): Promise<{ id: string | undefined; state: Dict }> {
    const inputs = args.inputs as Dict;
    const plain = unwrapSecrets(inputs) as Dict;
    const sub = this.sub;
    switch (args.type) {
      case "azure-native:containerservice:ManagedCluster": {
        const name = String(plain.resourceName ?? args.name);
        const rg = String(plain.resourceGroupName);
        const loc = normLocation(plain.location, this.options.defaultLocation ?? "eastus");
        const prefix = String(plain.dnsPrefix ?? name);
        return {
          id: `/subscriptions/${sub}/resourcegroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`,
          state: {
            ...inputs,
            name,
            location: loc,
            type: "Microsoft.ContainerService/ManagedClusters",
            provisioningState: "Succeeded",
            maxAgentPools: 100,
            kubernetesVersion: plain.kubernetesVersion ?? "1.31.5",
            currentKubernetesVersion: plain.kubernetesVersion ?? "1.31.5",
            fqdn: `${prefix}-${hex(name, 8)}.hcp.${loc}.azmk8s.io`,
            nodeResourceGroup: `MC_${rg}_${name}_${loc}`,
            enableRBAC: true,
            agentPoolProfiles: ((plain.agentPoolProfiles as Dict[]) ?? []).map((p) => ({
              ...p,
              provisioningState: "Succeeded",
              orchestratorVersion: "1.31.5",
              currentOrchestratorVersion: "1.31.5",
              maxPods: 110,
              nodeImageVersion: "AKSUbuntu-2204gen2containerd-202511.01.0",
            })),
            identity: {
              type: "SystemAssigned",
              principalId: guid(`${name}/principal`),
              tenantId: guid("tenant"),
            },
            networkProfile: {
              loadBalancerSku: "standard",
              networkPlugin: "kubenet",
              podCidr: "10.244.0.0/16",
              serviceCidr: "10.0.0.0/16",
              dnsServiceIP: "10.0.0.10",
              outboundType: "loadBalancer",
              ipFamilies: ["IPv4"],
            },
            azureApiVersion: "2025-10-01",
          },
        };
      }
      case "azure-native:kubernetesconfiguration:Extension": {
        const name = String(plain.extensionName ?? args.name);
        const clusterId = `/subscriptions/${sub}/resourceGroups/${plain.resourceGroupName}/providers/${plain.clusterRp}/${plain.clusterResourceName}/${plain.clusterName}`;
        const settings = (plain.configurationSettings ?? {}) as Dict;
        this.internalFrontEnd = String(settings.internalLoadBalancerProvider ?? "").toLowerCase() === "azure";
        // ARM never echoes protected settings (extension-create.json / extension-get.json).
        const state: Dict = { ...inputs };
        delete state.configurationProtectedSettings;
        return {
          id: `${clusterId}/providers/Microsoft.KubernetesConfiguration/extensions/${name}`,
          state: {
            ...state,
            name,
            type: "Microsoft.KubernetesConfiguration/extensions",
            provisioningState: "Succeeded",
            currentVersion: "1.1.98",
            statuses: [],
            isSystemExtension: false,
            ...(plain.identity
              ? {
                  identity: {
                    type: "SystemAssigned",
                    principalId: guid(`${clusterId}/ext`),
                    tenantId: guid("tenant"),
                  },
                }
              : {}),
            aksAssignedIdentity: {
              type: "SystemAssigned",
              principalId: guid(`${clusterId}/aks-ext`),
              tenantId: guid("tenant"),
            },
            systemData: {
              createdAt: this.created,
              lastModifiedAt: this.created,
              createdByType: "User",
              lastModifiedByType: "User",
            },
            azureApiVersion: "2025-03-01",
          },
        };
      }
      case "azure-native:machinelearningservices:Compute":
        return this.compute(args.name, inputs, plain);
      case "azure-native:machinelearningservices:OnlineEndpoint": {
        const name = String(plain.endpointName ?? args.name);
        const props = (inputs.properties ?? {}) as Dict;
        const feIp = this.frontEndIp;
        return {
          id: `/subscriptions/${sub}/resourceGroups/${plain.resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/${plain.workspaceName}/onlineEndpoints/${name}`,
          state: {
            ...inputs,
            name,
            type: "Microsoft.MachineLearningServices/workspaces/onlineEndpoints",
            location: normLocation(plain.location, this.options.defaultLocation ?? "eastus"),
            properties: {
              ...props,
              provisioningState: "Succeeded",
              scoringUri: `http://${feIp}/api/v1/endpoint/${name}/score`,
              swaggerUri: `http://${feIp}/api/v1/endpoint/${name}/swagger.json`,
              traffic: {},
            },
            identity: { type: "SystemAssigned", principalId: guid(`${name}/ep`), tenantId: guid("tenant") },
            systemData: { createdAt: this.created, createdByType: "User" },
            azureApiVersion: "2025-12-01",
          },
        };
      }
      case "azure-native:machinelearningservices:OnlineDeployment": {
        const name = String(plain.deploymentName ?? args.name);
        const props = (inputs.properties ?? {}) as Dict;
        return {
          id: `/subscriptions/${sub}/resourceGroups/${plain.resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/${plain.workspaceName}/onlineEndpoints/${plain.endpointName}/deployments/${name}`,
          state: {
            ...inputs,
            name,
            type: "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments",
            location: normLocation(plain.location, this.options.defaultLocation ?? "eastus"),
            properties: { ...props, provisioningState: "Succeeded" },
            systemData: { createdAt: this.created, createdByType: "User" },
            azureApiVersion: "2025-12-01",
          },
        };
      }
      case "tls:index/privateKey:PrivateKey": {
        const seed = `${args.name}|${JSON.stringify(this.options.triggerOf?.(args.type, args.name) ?? "")}`;
        const key = offlinePrivateKey(
          seed,
          String(plain.algorithm),
          plain.ecdsaCurve as string,
          plain.rsaBits as number,
        );
        return {
          id: hex(`key|${seed}`, 40),
          state: {
            ...inputs,
            ...key,
            privateKeyOpenssh: "",
            publicKeyOpenssh: "",
            publicKeyFingerprintMd5: "",
          },
        };
      }
      case "tls:index/selfSignedCert:SelfSignedCert":
        return this.selfSigned(args.type, args.name, inputs, plain);
      case "cloudflare:index/dnsRecord:DnsRecord": {
        const id = hex(`${plain.zoneId}|${plain.name}|${plain.type}`, 32);
        return {
          id,
          state: {
            ...inputs,
            proxiable: true,
            createdOn: "2026-01-01T00:00:00.000000Z",
            modifiedOn: "2026-01-01T00:00:00.000000Z",
            commentModifiedOn: "2026-01-01T00:00:00.000000Z",
            meta: {},
            settings: { ipv4Only: false, ipv6Only: false },
            tags: [],
          },
        };
      }
      case "kubernetes:core/v1:Service":
        return this.frontEndService(args.id ?? args.name);
      case "pulumi:providers:acme": {
        const id = hex(`provider|${args.name}`, 36);
        this.acmeServers.set(id, String(plain.serverUrl ?? LETS_ENCRYPT_DIRECTORY));
        return { id, state: inputs };
      }
      case "acme:index/registration:Registration":
        return this.acmeRegistration(args, inputs);
      case "acme:index/certificate:Certificate":
        return this.acmeCertificate(args, inputs, plain);
      case "azure-native:dns:RecordSet":
        return this.recordSet(args.name, inputs, plain);
      case "azure-native:resources:Deployment":
        return this.templateDeployment(args.name, inputs, plain);
      case PRIVATE_RECORD_SET:
        return privateRecordSet(sub, args.name, inputs, plain);
      case VIRTUAL_NETWORK_LINK:
        return virtualNetworkLink(sub, args.name, inputs, plain);
      default:
        if (isAssetToken(args.type)) return assetResource(args, sub, this.created);
        if (args.type.startsWith("pulumi:providers:"))
          return { id: hex(`provider|${args.name}`, 36), state: inputs };
        return { id: `${args.name}-id`, state: inputs };
    }
  }

  private compute(logicalName: string, inputs: Dict, plain: Dict): { id: string; state: Dict } {
    const name = String(plain.computeName ?? logicalName);
    const props = (plain.properties ?? {}) as Dict;
    const inner = (props.properties ?? {}) as Dict;
    const loc = normLocation(plain.location, this.options.defaultLocation ?? "eastus");
    const id = `/subscriptions/${this.sub}/resourceGroups/${plain.resourceGroupName}/providers/Microsoft.MachineLearningServices/workspaces/${plain.workspaceName}/computes/${name}`;
    let innerOut: Dict;
    if (props.computeType === "AKS") {
      this.internalFrontEnd = inner.loadBalancerType === "InternalLoadBalancer";
      const ssl = inner.sslConfiguration as Dict | undefined;
      let sslOut = ssl;
      if (ssl?.status === "Auto" && !this.options.managedCnameMissing) {
        sslOut = { ...ssl, cname: `${ssl.leafDomainLabel}${hex(id, 6)}.${loc}.cloudapp.azure.com` };
      }
      innerOut = {
        ...inner,
        ...(sslOut ? { sslConfiguration: sslOut } : {}),
        clusterFqdn: `${name}-${hex(id, 8)}.hcp.${loc}.azmk8s.io`,
        systemServices: this.options.systemServicesNull
          ? null
          : [
              {
                systemServiceType: "ScoringFrontEnd",
                publicIpAddress: this.frontEndIp,
                version: "2026-11-01.1",
              },
            ],
      };
    } else {
      innerOut = {
        relayConnectionString: null,
        serviceBusConnectionString: null,
        extensionPrincipalId: null,
        extensionInstanceReleaseTrain: "stable",
        vcName: null,
        defaultInstanceType: "defaultinstancetype",
        instanceTypes: {
          defaultinstancetype: {
            nodeSelector: null,
            resources: { requests: { cpu: "100m", memory: "2Gi" }, limits: { cpu: "2", memory: "2Gi" } },
          },
        },
        ...inner,
      };
    }
    // The key inside sslConfiguration arrives wrapped as a secret; the response keeps it so.
    const inputProps = inputs.properties;
    const secretInput =
      typeof inputProps === "object" &&
      inputProps !== null &&
      "4dabf18193072939515e22adb298388d" in (inputProps as Dict);
    const propertiesOut: Dict = {
      ...props,
      provisioningState: "Succeeded",
      createdOn: this.created,
      modifiedOn: this.created,
      isAttachedCompute: props.resourceId !== undefined,
      properties: innerOut,
    };
    return {
      id,
      state: {
        ...inputs,
        name,
        location: loc,
        type: "Microsoft.MachineLearningServices/workspaces/computes",
        properties: secretInput
          ? { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: propertiesOut }
          : propertiesOut,
        systemData: { createdAt: this.created, createdByType: "User" },
        azureApiVersion: "2025-12-01",
      },
    };
  }

  private async selfSigned(
    type: string,
    name: string,
    inputs: Dict,
    plain: Dict,
  ): Promise<{ id: string; state: Dict }> {
    const trigger = this.options.triggerOf?.(type, name);
    const subject = (plain.subject ?? {}) as Dict;
    const dnsNames = (plain.dnsNames as string[]) ?? [];
    const memo = offlineCertificateMemo(
      name,
      trigger,
      dnsNames,
      plain.validityPeriodHours,
      String(plain.privateKeyPem),
    );
    // A trigger that is an ISO date is the rotation window's start: the modelled creation time.
    const start =
      typeof trigger === "string" && !Number.isNaN(Date.parse(trigger)) ? new Date(trigger) : new Date();
    let certPem =
      reusablePriorCertificate(this.options.priorCertificates?.[memo], {
        privateKey: String(plain.privateKeyPem),
        dnsNames,
        notBefore: start,
        notAfter: new Date(start.getTime() + Number(plain.validityPeriodHours) * 3_600_000),
      }) ?? certCache.get(memo);
    if (!certPem) {
      certPem = await offlineSelfSignedCert({
        privateKeyPem: String(plain.privateKeyPem),
        dnsNames,
        commonName: subject.commonName as string | undefined,
        organization: subject.organization as string | undefined,
        validityPeriodHours: Number(plain.validityPeriodHours),
        notBefore: start,
        isCaCertificate: Boolean(plain.isCaCertificate),
        allowedUses: (plain.allowedUses as string[]) ?? [],
      });
      certCache.set(memo, certPem);
    }
    this.certificates[memo] = certPem;
    const end = new Date(start.getTime() + Number(plain.validityPeriodHours) * 3_600_000);
    return {
      id: hex(`cert|${memo}`, 38),
      state: {
        ...inputs,
        certPem,
        validityStartTime: start.toISOString(),
        validityEndTime: end.toISOString(),
        readyForRenewal: false,
        earlyRenewalHours: plain.earlyRenewalHours ?? 0,
        keyAlgorithm: String(plain.privateKeyPem).includes("EC PRIVATE KEY") ? "ECDSA" : "RSA",
      },
    };
  }

  /** The directory URL of the acme provider a resource uses (`urn::id`), as registered. */
  private acmeServerOf(provider: string | undefined): string {
    const id = provider?.split("::").pop() ?? "";
    return this.acmeServers.get(id) ?? LETS_ENCRYPT_DIRECTORY;
  }

  private acmeRegistration(args: pulumi.runtime.MockResourceArgs, inputs: Dict): { id: string; state: Dict } {
    const origin = new URL(this.acmeServerOf(args.provider)).origin;
    const account = BigInt(`0x${hex(`acct|${args.name}|${origin}`, 12)}`).toString();
    const url = `${origin}/acme/acct/${account}`;
    return { id: url, state: { ...inputs, registrationUrl: url } };
  }

  /** An ACME order answered by the stand-in CA (acme-model.ts): real leaf + issuer, key per keyType. */
  private async acmeCertificate(
    args: pulumi.runtime.MockResourceArgs,
    inputs: Dict,
    plain: Dict,
  ): Promise<{ id: string; state: Dict }> {
    const serverUrl = this.acmeServerOf(args.provider);
    const trigger = this.options.triggerOf?.(args.type, args.name);
    const names = [
      plain.commonName as string | undefined,
      ...((plain.subjectAlternativeNames as string[]) ?? []),
    ]
      .filter((n): n is string => typeof n === "string" && n !== "")
      .filter((n, i, all) => all.indexOf(n) === i);
    const keyType = String(plain.keyType ?? "2048");
    const start =
      typeof trigger === "string" && !Number.isNaN(Date.parse(trigger)) ? new Date(trigger) : new Date();
    const caMemo = `acme-ca|${serverUrl}`;
    const ca = await standInCa(serverUrl, this.options.priorCertificates?.[caMemo]);
    this.certificates[caMemo] = ca.certPem;
    const key = acmeLeafKey(`${args.name}|${JSON.stringify(trigger ?? "")}|${keyType}`, keyType);
    const memo = `acme|${args.name}|${JSON.stringify(trigger ?? "")}|${JSON.stringify(names)}|${keyType}|${serverUrl}`;
    let certificatePem =
      reusablePriorCertificate(this.options.priorCertificates?.[memo], {
        privateKey: key,
        issuerPublicKey: crypto.createPublicKey(ca.key),
        dnsNames: names,
        notBefore: start,
        notAfter: new Date(start.getTime() + 90 * 86_400_000 - 1000),
      }) ?? certCache.get(memo);
    if (!certificatePem) {
      certificatePem = await issueFromStandIn({ ca, key, names, notBefore: start, validityDays: 90 });
      certCache.set(memo, certificatePem);
    }
    this.certificates[memo] = certificatePem;
    const x = new crypto.X509Certificate(certificatePem);
    const origin = new URL(serverUrl).origin;
    return {
      id: guid(`acme-cert|${memo}`),
      state: {
        ...inputs,
        certificatePem,
        issuerPem: ca.certPem,
        privateKeyPem: legoKeyPem(key),
        certificateDomain: names[0] ?? "",
        certificateNotBefore: new Date(Date.parse(x.validFrom)).toISOString().replace(/\.000Z$/, "Z"),
        certificateNotAfter: new Date(Date.parse(x.validTo)).toISOString().replace(/\.000Z$/, "Z"),
        certificateSerial: x.serialNumber.toLowerCase(),
        certificateUrl: `${origin}/acme/cert/${x.serialNumber.toLowerCase()}`,
        certificateP12: "",
      },
    };
  }

  /** An Azure DNS record set as ARM returns it (RecordSets_CreateOrUpdate, api-version 2018-05-01). */
  private recordSet(logicalName: string, inputs: Dict, plain: Dict): { id: string; state: Dict } {
    const zone = String(plain.zoneName);
    const rel = String(plain.relativeRecordSetName ?? logicalName);
    const type = String(plain.recordType);
    const id = `/subscriptions/${this.sub}/resourceGroups/${plain.resourceGroupName}/providers/Microsoft.Network/dnszones/${zone}/${type}/${rel}`;
    return {
      id,
      state: {
        ...inputs,
        name: rel,
        type: `Microsoft.Network/dnszones/${type}`,
        etag: guid(`etag|${id}|${JSON.stringify(plain)}`),
        fqdn: rel === "@" ? `${zone}.` : `${rel}.${zone}.`,
        provisioningState: "Succeeded",
        azureApiVersion: "2018-05-01",
      },
    };
  }

  /**
   * An ARM template deployment (Microsoft.Resources/deployments): the model applies the online
   * endpoint PUTs it carries (their traffic), and answers as ARM does once the deployment succeeded.
   */
  private templateDeployment(logicalName: string, inputs: Dict, plain: Dict): { id: string; state: Dict } {
    const name = String(plain.deploymentName ?? `${logicalName}-${hex(logicalName, 7)}`);
    // ARM's rule for deployment names: 1–64 characters of letters, digits, '-', '.', '_', '(' and ')'.
    if (!/^[-\w._()]{1,64}$/.test(name)) {
      throw new Error(
        `Code="InvalidDeploymentName" Message="The deployment name '${name}' is invalid: it must be 1 to 64 letters, digits, '-', '.', '_', '(' or ')'."`,
      );
    }
    const props = (plain.properties ?? {}) as Dict;
    const template = (props.template ?? {}) as Dict;
    const rg = String(plain.resourceGroupName);
    const outputResources: Dict[] = [];
    for (const raw of (template.resources as Dict[] | undefined) ?? []) {
      checkTemplateResource(raw);
      const r = evaluateArm(raw, { subscriptionId: this.sub, resourceGroup: rg }) as Dict;
      const [ws, ep] = String(r.name ?? "").split("/");
      if (String(r.type).toLowerCase() === "microsoft.machinelearningservices/workspaces/onlineendpoints") {
        const traffic = ((r.properties as Dict | undefined)?.traffic ?? {}) as Record<string, number>;
        this.traffic[ep] = traffic;
        this.templateEndpoints[ep] = r;
        outputResources.push({
          id: `/subscriptions/${this.sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${ws}/onlineEndpoints/${ep}`,
        });
      }
    }
    return {
      id: `/subscriptions/${this.sub}/resourceGroups/${rg}/providers/Microsoft.Resources/deployments/${name}`,
      state: {
        ...inputs,
        name,
        type: "Microsoft.Resources/deployments",
        properties: {
          ...props,
          provisioningState: "Succeeded",
          templateHash: String(BigInt(`0x${hex(JSON.stringify(template), 15)}`)),
          timestamp: this.created,
          duration: "PT31.2S",
          correlationId: guid(`${name}/correlation`),
          outputResources,
        },
        azureApiVersion: "2024-03-01",
      },
    };
  }

  private frontEndService(id: string): { id: string; state: Dict } {
    const [namespace, name] = id.includes("/") ? id.split("/") : ["default", id];
    const ingress = this.options.frontEndPending
      ? []
      : this.options.frontEndHostname
        ? [{ hostname: this.options.frontEndHostname }]
        : [{ ip: this.frontEndIp }];
    return {
      id,
      state: {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name, namespace, labels: { app: "azureml-fe" } },
        spec: {
          type: "LoadBalancer",
          clusterIP: "10.0.143.25",
          ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 9001 }],
          selector: { azuremlappname: "azureml-fe" },
        },
        status: { loadBalancer: { ingress } },
      },
    };
  }

  /**
   * Answers an invoke, after checking its arguments as the provider would. A refusal carries its
   * message in `details` too: Pulumi's runtime reports an invoke error by that gRPC field.
   */
  call(args: pulumi.runtime.MockCallArgs): Dict {
    try {
      const inputs = unwrapSecrets(args.inputs) as Dict;
      checkInvokeArgs(args.token, inputs);
      return this.answer(args.token, inputs);
    } catch (e) {
      if (e instanceof Error) Object.assign(e, { details: e.message });
      throw e;
    }
  }

  private answer(token: string, inputs: Dict): Dict {
    switch (token) {
      case "azure-native:containerservice:listManagedClusterUserCredentials": {
        if (this.options.kubeconfigAnswer !== undefined) {
          const v =
            this.options.kubeconfigAnswer === "" ? "" : Buffer.from(": not yaml [").toString("base64");
          return { kubeconfigs: [{ name: "clusterUser", value: v }] };
        }
        const server = `https://${inputs.resourceName}-${hex(String(inputs.resourceName), 8)}.hcp.eastus.azmk8s.io:443`;
        const kubeconfig = [
          "apiVersion: v1",
          "kind: Config",
          "clusters:",
          `- cluster:\n    certificate-authority-data: ${Buffer.from("offline-ca").toString("base64")}\n    server: ${server}\n  name: ${inputs.resourceName}`,
          "contexts:",
          `- context:\n    cluster: ${inputs.resourceName}\n    user: clusterUser_${inputs.resourceGroupName}_${inputs.resourceName}\n  name: ${inputs.resourceName}`,
          `current-context: ${inputs.resourceName}`,
          "users:",
          `- name: clusterUser_${inputs.resourceGroupName}_${inputs.resourceName}\n  user:\n    token: offline-token-${hex(String(inputs.resourceName), 16)}`,
          "",
        ].join("\n");
        return { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(kubeconfig).toString("base64") }] };
      }
      case "azure-native:machinelearningservices:getWorkspace": {
        // Shape of GET workspaces/{name} (azure-native flattens `properties`).
        const ws = String(inputs.workspaceName);
        const rg = String(inputs.resourceGroupName);
        if (this.options.workspaceMissing) {
          throw new Error(
            `Status=404 Code="ResourceNotFound" Message="The Resource 'Microsoft.MachineLearningServices/workspaces/${ws}' under resource group '${rg}' was not found."`,
          );
        }
        const loc = this.options.workspaceLocation ?? "westeurope";
        return {
          id: `/subscriptions/${this.sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${ws}`,
          name: ws,
          type: "Microsoft.MachineLearningServices/workspaces",
          location: loc,
          kind: "Default",
          sku: { name: "Basic", tier: "Basic" },
          identity: { type: "SystemAssigned", principalId: guid(`${ws}/ws`), tenantId: guid("tenant") },
          workspaceId: guid(`${rg}/${ws}`),
          discoveryUrl: `https://${loc}.api.azureml.ms/discovery`,
          mlFlowTrackingUri: `azureml://${loc}.api.azureml.ms/mlflow/v1.0/subscriptions/${this.sub}/resourceGroups/${rg}/providers/Microsoft.MachineLearningServices/workspaces/${ws}`,
          provisioningState: "Succeeded",
          publicNetworkAccess: "Enabled",
          azureApiVersion: "2025-12-01",
        };
      }
      case "cloudflare:index/getZone:getZone": {
        const name = this.options.cloudflareZoneName ?? "";
        return {
          id: String(inputs.zoneId),
          zoneId: String(inputs.zoneId),
          name,
          status: "active",
          type: "full",
          paused: false,
          nameServers: ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"],
          account: { id: hex(`account|${inputs.zoneId}`, 32), name: "offline" },
        };
      }
      case "cloudflare:index/getDnsRecords:getDnsRecords": {
        const exact = String(((inputs.name ?? {}) as Dict).exact ?? "").toLowerCase();
        const results = (this.options.existingDnsRecords ?? [])
          .filter((r) => r.name.toLowerCase() === exact)
          .map((r) => ({
            ...r,
            comment: r.comment ?? "",
            proxied: false,
            proxiable: true,
            ttl: 1,
            createdOn: this.created,
            modifiedOn: this.created,
            tags: [],
            settings: { ipv4Only: false, ipv6Only: false },
          }));
        return {
          zoneId: inputs.zoneId,
          name: inputs.name,
          direction: "asc",
          match: "all",
          order: "type",
          proxied: false,
          includeShadowMetadata: false,
          results,
        };
      }
      case "azure-native:containerservice:getManagedCluster": {
        const name = String(inputs.resourceName);
        const count = this.options.existingClusterNodeCount ?? 3;
        return {
          id: `/subscriptions/${this.sub}/resourcegroups/${inputs.resourceGroupName}/providers/Microsoft.ContainerService/managedClusters/${name}`,
          name,
          location: this.options.defaultLocation ?? "eastus",
          type: "Microsoft.ContainerService/ManagedClusters",
          provisioningState: "Succeeded",
          kubernetesVersion: "1.31.5",
          agentPoolProfiles: [
            {
              name: "nodepool1",
              count,
              vmSize: "Standard_D4s_v3",
              mode: "System",
              osType: "Linux",
              type: "VirtualMachineScaleSets",
            },
          ],
          fqdn: `${name}-${hex(name, 8)}.hcp.eastus.azmk8s.io`,
          azureApiVersion: "2025-10-01",
        };
      }
      case "azure-native:authorization:getClientConfig":
        return {
          clientId: guid("client"),
          objectId: guid("object"),
          subscriptionId: this.sub,
          tenantId: guid("tenant"),
        };
      default:
        if (isAssetToken(token)) return assetInvoke(token, inputs, this.sub);
        throw new Error(`offline model: no answer for ${token}`);
    }
  }
}

const certCache = new Map<string, string>();
