// Compiled by `npm run typecheck` (never run): each closed set refuses a wrong spelling at compile
// time. Every `@ts-expect-error` line must be an error, or tsc reports the directive as unused;
// tests/enums.test.ts compiles this file without the directives and expects one error per line.
import type { SslMlClusterArgs } from "../../sdk/types";
import { AcmeKeyType, AuthMode, ClusterKind, ClusterPurpose, KeyAlgorithm } from "../../sdk/enums";

const base: SslMlClusterArgs = {
  hostname: "ml.example.com",
  resourceGroupName: "rg",
  workspaceName: "ws",
  certificate: { selfSigned: { algorithm: KeyAlgorithm.RSA } },
  cluster: { kind: ClusterKind.Aks, clusterPurpose: ClusterPurpose.DevTest },
  services: [{ name: "iris", authMode: AuthMode.AMLToken }],
};

export const wrong: SslMlClusterArgs[] = [
  // @ts-expect-error cluster.kind is "kubernetes" or "aks"
  { ...base, cluster: { kind: "AKS" } },
  // @ts-expect-error cluster.clusterPurpose is "FastProd", "DevTest" or "DenseProd"
  { ...base, cluster: { kind: "aks", clusterPurpose: "fastprod" } },
  // @ts-expect-error certificate.selfSigned.algorithm is "RSA" or "ECDSA"
  { ...base, certificate: { selfSigned: { algorithm: "rsa" } } },
  // @ts-expect-error services[].authMode is "Key" or "AMLToken"
  { ...base, services: [{ name: "iris", authMode: "key" }] },
];

// @ts-expect-error an ACME key type is "RSA2048", "RSA4096", "P256" or "P384"
export const wrongKeyType: AcmeKeyType = "rsa2048";

// The plain strings of each set are accepted as they are.
export const right: SslMlClusterArgs = {
  ...base,
  cluster: { kind: "aks", clusterPurpose: "DenseProd" },
  certificate: { selfSigned: { algorithm: "ECDSA" } },
  services: [{ name: "iris", authMode: "Key" }],
};
export const rightKeyType: AcmeKeyType = "P384";
