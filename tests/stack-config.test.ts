// plan and preflight read what `pulumi config set` wrote: the plain values of Pulumi.<stack>.yaml
// (format: https://www.pulumi.com/docs/iac/concepts/projects/stack-settings-file/), never its
// secure values, with --config over them.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { readStackConfig, stackConfigNote } from "../sdk/offline/stack-config";
import { cli } from "./helpers/cli";
import { tempDirs } from "./helpers/tmp";

describe("stack configuration files (Pulumi.<stack>.yaml)", function () {
  this.timeout(60_000);
  const tmp = tempDirs();

  const stackFile = [
    "encryptionsalt: v1:abc=",
    "config:",
    "  hostname: ml.example.com",
    "  proj:workspaceName: ws-ml",
    "  nodes: 3",
    "  tls: true",
    "  tags:",
    "    team: ml",
    "  cloudflare:apiToken:",
    "    secure: v1:AAAAAAAA",
    "  empty:",
    "",
  ].join("\n");

  it("reads plain values under full keys, numbers and booleans as text, objects as JSON; secure values are listed, not read", () => {
    const dir = tmp("stack-cfg-");
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stackFile);
    const c = readStackConfig(dir, "proj", "dev");
    assert.deepEqual(c.values, {
      "proj:hostname": "ml.example.com",
      "proj:workspaceName": "ws-ml",
      "proj:nodes": "3",
      "proj:tls": "true",
      "proj:tags": '{"team":"ml"}',
    });
    assert.deepEqual(c.secure, ["cloudflare:apiToken"]);
    assert.equal(
      stackConfigNote(c, {}),
      "read 5 values of Pulumi.dev.yaml; 1 secret value not read (cloudflare:apiToken): give it with --config if the program needs it",
    );
    assert.equal(stackConfigNote(c, { "cloudflare:apiToken": "t" }), "read 5 values of Pulumi.dev.yaml");
    assert.deepEqual(readStackConfig(dir, "proj", "prod"), { values: {}, secure: [] });
  });

  it("plan --stack reads the file, --config wins, and a missing value is still named", async () => {
    const dir = tmp("stack-prog-");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: stackcfg\nruntime: nodejs\n");
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      'import * as pulumi from "@pulumi/pulumi";\nconst c = new pulumi.Config();\nexport const host = c.require("hostname");\nexport const ws = c.require("workspaceName");\n',
    );
    fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config:\n  stackcfg:hostname: ml.example.com\n");
    let r = await cli("plan", dir, "--json", "--config", "workspaceName=ws-given");
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).outputs, { host: "ml.example.com", ws: "ws-given" });
    assert.match(r.stderr, /^plan: read 1 value of Pulumi\.dev\.yaml$/m);
    r = await cli(
      "plan",
      dir,
      "--json",
      "--config",
      "workspaceName=w",
      "--config",
      "hostname=cli.example.com",
    );
    assert.equal(JSON.parse(r.stdout).outputs.host, "cli.example.com");
    r = await cli("plan", dir, "--json");
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /needs the configuration value stackcfg:workspaceName: give it with --config workspaceName=VALUE \(or pulumi config set it/,
    );
    r = await cli("plan", dir, "--json", "--stack", "prod", "--config", "workspaceName=w");
    assert.equal(r.code, 2, "another stack's file is not read");
    assert.match(r.stderr, /stackcfg:hostname/);
  });
});
