// The ready policy pack: `pulumi preview --policy-pack node_modules/ssl-ml-cluster/policy` (or this
// folder in a clone, after `npm run build`). Its rules are ssl-ml-cluster's own (docs/operations.md).
// Plain JavaScript that needs no install of its own: the package's build (../bin) and
// @pulumi/policy, a dependency of the package, are found from here by Node's usual lookup.
"use strict";
const { PolicyPack } = require("@pulumi/policy");
const { sslMlClusterPolicies } = require("../bin/sdk/policy");

new PolicyPack("ssl-ml-cluster", { policies: sslMlClusterPolicies() });
