// The documentation's links hold: every relative link in README.md, CONTRIBUTING.md, CHANGELOG.md and
// docs/**/*.md names a file or folder that exists, and every #anchor (on the same page or another .md)
// is a heading of that page, by GitHub's slug rules (github-slugger, which github.com uses).
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..");

/**
 * Pages other branches add (issue 20): linked from the README before they are merged. Each entry is
 * accepted only while its file is missing; once the file exists the test asks for the entry's removal.
 */
const PENDING = new Set(["docs/key-vault.md", "docs/live-check-and-traffic.md"]);

export function markdownFiles(root = ROOT): string[] {
  const docs = path.join(root, "docs");
  const more = fs.existsSync(docs)
    ? fs
        .readdirSync(docs, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".md"))
        .sort()
        .map((f) => path.join("docs", f))
    : [];
  return ["README.md", "CONTRIBUTING.md", "CHANGELOG.md", ...more];
}

/** The lines outside fenced code blocks (``` or ~~~, CommonMark), with their line numbers. */
function prose(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let fence: string | undefined;
  text.split("\n").forEach((l, i) => {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(l);
    if (fence) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = undefined;
      return;
    }
    if (m) fence = m[1];
    else out.push({ line: i + 1, text: l });
  });
  return out;
}

/** The text a heading renders: links become their text, code spans and emphasis lose their marks. */
function headingText(raw: string): string {
  return raw
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/`/g, "")
    .replace(/(\*\*|__|\*)/g, "")
    .trim();
}

/** github-slugger: lower case, punctuation removed (letters, digits, `-`, `_` and spaces stay), spaces to `-`. */
export function slug(heading: string): string {
  return headingText(heading)
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** Every anchor a page offers: its headings' slugs (repeats get -1, -2, …) and explicit ids. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const { text: l } of prose(text)) {
    const h = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(l);
    if (h) {
      const base = slug(h[1]);
      let s = base;
      const n = seen.get(base) ?? 0;
      if (n > 0) s = `${base}-${n}`;
      seen.set(base, n + 1);
      out.add(s);
    }
    for (const m of l.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) out.add(m[1]);
  }
  return out;
}

/** Link targets outside code: inline `[text](target)` and reference definitions `[x]: target`. */
export function links(text: string): { line: number; target: string }[] {
  const out: { line: number; target: string }[] = [];
  for (const { line, text: l } of prose(text)) {
    const noCode = l.replace(/`[^`]*`/g, "");
    for (const m of noCode.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
      out.push({ line, target: m[1] });
    const def = /^ {0,3}\[[^\]]+\]:\s*(\S+)/.exec(noCode);
    if (def) out.push({ line, target: def[1] });
  }
  return out;
}

/** What is wrong with the relative links of `file` (relative to `root`), one line each. */
export function brokenLinks(file: string, root = ROOT): string[] {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const problems: string[] = [];
  for (const { line, target } of links(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, …
    const [rawPath, anchor] = target.split("#", 2) as [string, string | undefined];
    const where = `${file}:${line}: ${target}`;
    const resolved =
      rawPath === "" ? file : path.normalize(path.join(path.dirname(file), decodeURI(rawPath)));
    if (resolved.startsWith("..")) {
      problems.push(`${where}: leaves the repository`);
      continue;
    }
    if (!fs.existsSync(path.join(root, resolved))) {
      if (!PENDING.has(resolved)) problems.push(`${where}: no such file`);
      continue;
    }
    if (anchor === undefined || !resolved.endsWith(".md")) continue;
    const offered = anchors(fs.readFileSync(path.join(root, resolved), "utf8"));
    if (!offered.has(anchor)) problems.push(`${where}: ${resolved} has no heading #${anchor}`);
  }
  return problems;
}

describe("documentation links", () => {
  it("slugs headings as GitHub does", () => {
    assert.equal(slug("After `pulumi up`: verify"), "after-pulumi-up-verify");
    assert.equal(slug("ACME (Let's Encrypt)"), "acme-lets-encrypt");
    assert.equal(slug("What it creates, and what Azure receives"), "what-it-creates-and-what-azure-receives");
    assert.equal(slug("Try it (no Azure account needed)"), "try-it-no-azure-account-needed");
    assert.equal(slug("`plan` → `verify`"), "plan--verify");
    assert.equal(slug("snake_case and [a link](x.md)"), "snake_case-and-a-link");
    assert.deepEqual(
      [...anchors('# A\n\n## A\n\n```sh\n# A\n```\n\n### A!\n<a id="x-y"></a>\n')],
      ["a", "a-1", "a-2", "x-y"],
    );
  });

  it("finds links outside code only", () => {
    const text =
      '[a](a.md) `[b](b.md)`\n\n```md\n[c](c.md)\n```\n[d]: d.md#x\n[e](https://x.y/z) [f](#g "t")\n';
    assert.deepEqual(
      links(text).map((l) => l.target),
      ["a.md", "d.md#x", "https://x.y/z", "#g"],
    );
  });

  it("names a missing file, a missing anchor and a link that leaves the repository", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-links-"));
    try {
      fs.mkdirSync(path.join(root, "docs"));
      fs.writeFileSync(path.join(root, "docs", "a.md"), "# Title\n\n## Sub part\n");
      fs.writeFileSync(
        path.join(root, "README.md"),
        "[ok](docs/a.md#sub-part) [self](#readme) [gone](docs/b.md) [anchor](docs/a.md#nope) [out](../x.md)\n\n# README\n",
      );
      assert.deepEqual(brokenLinks("README.md", root), [
        "README.md:1: docs/b.md: no such file",
        "README.md:1: docs/a.md#nope: docs/a.md has no heading #nope",
        "README.md:1: ../x.md: leaves the repository",
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("README.md links into docs/", () => {
    const targets = links(fs.readFileSync(path.join(ROOT, "README.md"), "utf8")).map((l) => l.target);
    assert.ok(targets.filter((t) => t.startsWith("docs/")).length >= 10, targets.join(" "));
  });

  for (const file of markdownFiles()) {
    it(`${file}: every relative link and anchor resolves`, () => {
      assert.deepEqual(brokenLinks(file), []);
    });
  }

  it("pending pages are still missing (remove an entry of PENDING once its page is merged)", () => {
    for (const p of PENDING)
      assert.ok(!fs.existsSync(path.join(ROOT, p)), `${p} exists now: remove it from PENDING`);
  });
});
