/** What the AzureML extension's settings are computed from. */
export interface ExtensionSettingsInput {
  clusterId: string;
  clusterName: string;
  location: string;
  hostname?: string;
  /** Nodes across the cluster's pools; under 3 the front end cannot run in HA. Undefined: unknown. */
  nodeCount?: number;
  tlsEnabled: boolean;
  /** `network.internalLoadBalancer`: the front end behind an internal Azure load balancer. */
  internalLoadBalancer?: boolean;
}

/** ARM stores extension settings as strings; these are the lower-case literals the CLI writes. */
const bool = (b: boolean) => (b ? "true" : "false");
/**
 * The spelling of a Python bool that the CLI stringifies (`str(False)`), or that Microsoft's docs
 * have users type (`enableInference=True allowInsecureConnections=False`).
 */
const pyBool = (b: boolean) => (b ? "True" : "False");

/**
 * The plain settings `az k8s-extension create --extension-type Microsoft.AzureML.Kubernetes` sends
 * for an AKS cluster with inference over TLS, as the documented command line
 * (`--config enableInference=True inferenceRouterServiceType=LoadBalancer
 * allowInsecureConnections=False sslCname=<host>`) turns into after the CLI's own rewriting in
 * https://github.com/Azure/azure-cli-extensions/blob/main/src/k8s-extension/azext_k8s_extension/partner_extensions/AzureMLKubernetes.py
 * Each value is the very string the CLI sends: `enableTraining` is Python's `str(False)`,
 * `servicebus.enabled` / `relayserver.enabled` / `nginxIngress.enabled` / `inferenceRouterHA` are
 * lower-case literals there. Sending only the four a user types installs an extension that fails
 * its SSL validation (docs/what-azure-receives.md). Keys are sorted so the registered inputs are
 * byte-identical run to run.
 */
export function extensionSettings(i: ExtensionSettingsInput): Record<string, string> {
  const location = i.location.toLowerCase().replace(/\s+/g, "");
  const s: Record<string, string> = {
    allowInsecureConnections: pyBool(!i.tlsEnabled),
    cluster_name: i.clusterId,
    cluster_name_friendly: i.clusterName,
    clusterId: i.clusterId,
    domain: `${location}.cloudapp.azure.com`,
    enableInference: pyBool(true),
    enableTraining: pyBool(false),
    inferenceRouterServiceType: "LoadBalancer",
    jobSchedulerLocation: location,
    location,
    "nginxIngress.enabled": bool(true),
    "prometheus.prometheusSpec.externalLabels.cluster_name": i.clusterId,
    "relayserver.enabled": bool(false),
    "servicebus.enabled": bool(false),
  };
  if (i.tlsEnabled) {
    if (!i.hostname) throw new Error("extensionSettings: a hostname is required when TLS is on");
    s.sslCname = i.hostname;
  }
  if (i.internalLoadBalancer === true) {
    // What `--config internalLoadBalancerProvider=azure` becomes: the CLI keeps the key and adds
    // scoringFe.serviceType.internalLoadBalancer = Python's True (AzureMLKubernetes.py,
    // __validate_scoring_fe_settings). It refuses this with a NodePort router; ours is LoadBalancer.
    s.internalLoadBalancerProvider = "azure";
    s["scoringFe.serviceType.internalLoadBalancer"] = pyBool(true);
  }
  // `internalLoadBalancer: false` (public, said explicitly) sends nothing, as `az k8s-extension
  // create` sends nothing without `internalLoadBalancerProvider`: the public body, byte for byte.
  // Going back from private is an update of the extension whose settings no longer hold the two
  // keys (its PUT carries the whole settings map).
  if (i.nodeCount !== undefined && i.nodeCount < 3) {
    s.clusterPurpose = "DevTest";
    s.inferenceRouterHA = bool(false);
  }
  return sortKeys(s);
}

/** The protected settings: base64 of the PEM chain (leaf first) and of the unencrypted key. */
export function extensionProtectedSettings(chainPem: string, keyPem: string): Record<string, string> {
  if (!chainPem || !keyPem)
    throw new Error(
      "certificate: no certificate chain or key to send to the front end (the certificate source returned none)",
    );
  return {
    "scoringFe.sslCert": Buffer.from(chainPem, "utf8").toString("base64"),
    "scoringFe.sslKey": Buffer.from(keyPem, "utf8").toString("base64"),
  };
}

export function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
}
