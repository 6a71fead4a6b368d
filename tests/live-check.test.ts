import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { missingPrerequisites } from "../live/live-check";

describe("live-check without credentials", () => {
  it("names exactly what is missing", () => {
    assert.deepEqual(missingPrerequisites({}, false), [
      "a Pulumi CLI on PATH (pulumi version failed)",
      "ARM_SUBSCRIPTION_ID",
      "Azure credentials (ARM_CLIENT_ID + ARM_CLIENT_SECRET + ARM_TENANT_ID, or LIVE_USE_AZ_CLI=1 after az login)",
      "CLOUDFLARE_API_TOKEN",
      "LIVE_RESOURCE_GROUP",
      "LIVE_WORKSPACE",
      "LIVE_HOSTNAME",
      "LIVE_CLOUDFLARE_ZONE_ID",
    ]);
    const all = {
      ARM_SUBSCRIPTION_ID: "s",
      ARM_CLIENT_ID: "c",
      ARM_CLIENT_SECRET: "x",
      ARM_TENANT_ID: "t",
      CLOUDFLARE_API_TOKEN: "cf",
      LIVE_RESOURCE_GROUP: "rg",
      LIVE_WORKSPACE: "ws",
      LIVE_HOSTNAME: "ml.example.com",
      LIVE_CLOUDFLARE_ZONE_ID: "z",
    };
    assert.deepEqual(missingPrerequisites(all, true), []);
  });

  it("skips in one line and exits 0", () => {
    const r = spawnSync(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", path.join(__dirname, "..", "live", "live-check.ts")],
      {
        encoding: "utf8",
        // No V8 code cache folder in the temporary directory (see tests/helpers/no-compile-cache.cjs).
        env: { PATH: "/nonexistent", HOME: process.env.HOME ?? "/tmp", DISABLE_V8_COMPILE_CACHE: "1" },
        timeout: 60_000,
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split("\n");
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^live-check: skipped: missing a Pulumi CLI on PATH .*ARM_SUBSCRIPTION_ID/);
  });
});
