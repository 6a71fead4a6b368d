"""The quickstart (examples/quickstart) in Python.

`pulumi install` generates the `pulumi_ssl_ml_cluster` package from this repository (see `packages:`
in Pulumi.yaml; docs/languages.md). Argument names are the schema's in snake_case;
closed sets are enums (`ssl_ml.ClusterKind.KUBERNETES` is the string "kubernetes").
"""

import pulumi
import pulumi_ssl_ml_cluster as ssl_ml

config = pulumi.Config()
environment = config.get("environment") or "azureml:sklearn-env:1"
code = config.get("code") or "azureml:scoring-code:1"

ml = ssl_ml.SslMlCluster(
    "ml",
    hostname=config.get("hostname") or "ml.example.com",
    resource_group_name=config.get("resourceGroupName") or "rg-ml",
    workspace_name=config.get("workspaceName") or "ws-ml",
    location=config.get("location") or "westeurope",
    cluster={
        "kind": ssl_ml.ClusterKind.KUBERNETES,
        "node_count": config.get_int("nodeCount") or 3,
    },
    # RSA 2048 is what every Azure ML TLS example uses; ECDSA (P-256) is also possible.
    certificate={
        "self_signed": {
            "validity_days": 90,
            "renew_before_days": 30,
            "algorithm": config.get("certificateAlgorithm") or ssl_ml.KeyAlgorithm.RSA,
        },
    },
    dns={
        "cloudflare": {"zone_id": config.get("cloudflareZoneId") or "0123456789abcdef0123456789abcdef"},
    },
    # Each Kubernetes deployment needs an environment; a scikit-learn model also needs its scoring
    # script (the code asset).
    services=[
        {
            "name": "iris",
            "model": config.get("irisModel") or "azureml:iris-model:1",
            "environment": environment,
            "code_id": code,
            "scoring_script": "score.py",
        },
        {
            "name": "churn",
            "model": config.get("churnModel") or "azureml:churn-model:4",
            "environment": environment,
            "code_id": code,
            "scoring_script": "score.py",
            "instance_count": 2,
        },
    ],
)

pulumi.export("hostname", ml.hostname)
pulumi.export("frontEndIp", ml.front_end_ip)
pulumi.export("scoringUris", ml.scoring_uris)
pulumi.export("scoringUri", ml.scoring_uri)
pulumi.export("certificate", ml.certificate)
pulumi.export("computeId", ml.compute_id)
pulumi.export("dnsRecord", ml.dns_record)
pulumi.export("keyVaultCertificate", ml.key_vault_certificate)
