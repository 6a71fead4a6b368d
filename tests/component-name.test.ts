// The component's own name (issue 28, item 6): Azure names are made from it (a new AKS cluster is
// `<name>-aks` plus azure-native's 8 random hex characters; AKS takes 1–63 letters, digits, '_' or
// '-', a letter or digit first: https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftcontainerservice),
// so a name that reads as a path, a query or an ARM expression is refused before anything is
// registered: by the pure rule, by the constructor, and by `plan` with the one-line message.
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { ArgumentError } from "../sdk/errors";
import { checkedComponentName, componentNameProblem } from "../sdk/common/azure-names";
import { SslMlCluster } from "../sdk/component";
import { freshRuntime } from "./mocks";
import { quickstartArgs } from "./helpers/component";
import { cliProcess } from "./helpers/cli";
import { tempDirs } from "./helpers/tmp";
import "../sdk/index";

describe("the component's name: the rule", () => {
  it("accepts 1–51 letters, digits, '-' or '_', a letter or digit first", () => {
    for (const ok of ["ml", "x", "7", "ml-prod_2", "A".repeat(51), "a-", "a_"]) {
      assert.equal(componentNameProblem(ok), undefined, ok);
    }
    // 51 + "-aks" + 8 random hex = 63, AKS's limit; one more would not fit.
    assert.equal(`${"a".repeat(51)}-aks${"0".repeat(8)}`.length, 63);
  });

  it("refuses paths, queries, ARM expressions, spaces, dots, a leading '-' or '_', and 52+ characters", () => {
    for (const bad of [
      "a?b/../c",
      "[x]",
      "a/b",
      "..",
      "a b",
      "ml.prod",
      "-ml",
      "_ml",
      "",
      "é",
      "a".repeat(52),
    ]) {
      assert.match(componentNameProblem(bad) ?? "", /cannot be the component's name/, JSON.stringify(bad));
    }
  });

  it("checkedComponentName: an ArgumentError naming `name`, the value and the fix", () => {
    assert.throws(
      () => checkedComponentName("a?b/../c"),
      (e: unknown) => {
        assert.ok(e instanceof ArgumentError, String(e));
        assert.equal(e.argument, "name");
        assert.equal(
          e.message,
          `name: "a?b/../c" cannot be the component's name: Azure names are made from it (the AKS cluster \`<name>-aks…\`); use 1–51 letters, digits, '-' or '_', a letter or digit first`,
        );
        return true;
      },
    );
    assert.throws(
      () => checkedComponentName(42),
      (e: Error) => e instanceof ArgumentError && e.message === "name: must be a string, got 42",
    );
    assert.equal(checkedComponentName("ml"), "ml");
  });
});

describe("the component's name: refused before anything is registered", () => {
  for (const bad of ["a?b/../c", "[x]"]) {
    it(`new SslMlCluster(${JSON.stringify(bad)}) throws, and registers nothing`, async () => {
      const rec = freshRuntime();
      assert.throws(
        () => new SslMlCluster(bad, quickstartArgs()),
        (e: Error) =>
          e instanceof ArgumentError &&
          e.message.startsWith(`name: ${JSON.stringify(bad)} cannot be the component's name`),
      );
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(rec.registrations, []);
    });
  }

  const tmp = tempDirs();
  it("plan of a program naming it [x] ends with that message, not a promise leak", () => {
    const dir = tmp("prog-name-");
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: bad-name\nruntime: nodejs\n");
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      [
        'import { SslMlCluster } from "ssl-ml-cluster";',
        'export const ml = new SslMlCluster("[x]", {',
        '  hostname: "ml.example.com", resourceGroupName: "rg-ml", workspaceName: "ws-ml",',
        '  location: "westeurope", certificate: { selfSigned: {} },',
        '  services: [{ name: "iris", model: "azureml:iris:1", environment: "azureml:sklearn-env:1" }],',
        "}).hostname;",
        "",
      ].join("\n"),
    );
    // Its own process: a program that leaks promises ends the process that runs it.
    const r = cliProcess(["plan", dir]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /name: "\[x\]" cannot be the component's name/);
    assert.doesNotMatch(r.stderr, /promises were still active/);
  });
});
