// Real certificates made at test time by the openssl CLI (an independent tool), never committed.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface Fixtures {
  dir: string;
  read(name: string): string;
  bytes(name: string): Buffer;
  file(name: string): string;
}

let cached: Fixtures | undefined;

function ossl(dir: string, args: string[], input?: string): string {
  return execFileSync("openssl", args, { cwd: dir, input, stdio: ["pipe", "pipe", "pipe"] }).toString();
}

function ymd(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14) + "Z";
}

/** Builds every certificate case once per test process. */
export function fixtures(): Fixtures {
  if (cached) return cached;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-certs-"));
  // Built once and shared by every test file of the process, so it goes when the process does
  // (mocha --exit calls process.exit, which still runs "exit" listeners; rmSync is synchronous).
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  const w = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  w(
    "ca.ext",
    "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n",
  );
  const leafExt = (san: string) =>
    `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${san}\nauthorityKeyIdentifier=keyid\n`;
  w(
    "ca.cnf",
    [
      "[ ca ]",
      "default_ca = CA_default",
      "[ CA_default ]",
      "database = index.txt",
      "new_certs_dir = .",
      "serial = serial",
      "default_md = sha256",
      "policy = policy_any",
      "unique_subject = no",
      "copy_extensions = none",
      "[ policy_any ]",
      "commonName = supplied",
    ].join("\n") + "\n",
  );
  w("index.txt", "");
  w("serial", "1000\n");

  const key = (name: string, spec: string) => {
    if (spec.startsWith("rsa:"))
      ossl(dir, [
        "genpkey",
        "-algorithm",
        "RSA",
        "-pkeyopt",
        `rsa_keygen_bits:${spec.slice(4)}`,
        "-out",
        name,
      ]);
    else
      ossl(dir, [
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        `ec_paramgen_curve:${spec.slice(3)}`,
        "-out",
        name,
      ]);
  };
  const csr = (keyFile: string, cn: string, out: string) =>
    ossl(dir, ["req", "-new", "-key", keyFile, "-subj", `/CN=${cn}`, "-out", out]);
  const sign = (
    csrFile: string,
    caCert: string,
    caKey: string,
    ext: string,
    out: string,
    extra: string[] = [],
  ) => {
    w(`${out}.ext`, ext);
    ossl(dir, [
      "x509",
      "-req",
      "-in",
      csrFile,
      "-CA",
      caCert,
      "-CAkey",
      caKey,
      "-set_serial",
      String(Math.floor(Math.random() * 1e9)),
      "-days",
      "200",
      "-extfile",
      `${out}.ext`,
      "-out",
      out,
      ...extra,
    ]);
  };
  const signDates = (
    csrFile: string,
    caCert: string,
    caKey: string,
    ext: string,
    out: string,
    from: Date,
    to: Date,
  ) => {
    w(`${out}.ext`, ext);
    ossl(dir, [
      "ca",
      "-batch",
      "-config",
      "ca.cnf",
      "-cert",
      caCert,
      "-keyfile",
      caKey,
      "-in",
      csrFile,
      "-out",
      out,
      "-notext",
      "-startdate",
      ymd(from),
      "-enddate",
      ymd(to),
      "-extfile",
      `${out}.ext`,
    ]);
  };

  /** A PKCS#12 of a leaf, its key and the intermediate + root, as `openssl pkcs12 -export` makes it. */
  const pfx = (cert: string, key: string, password: string, out: string, extra: string[] = []) =>
    ossl(dir, [
      "pkcs12",
      "-export",
      ...extra,
      "-in",
      cert,
      "-inkey",
      key,
      "-certfile",
      "int+root.pem",
      "-passout",
      `pass:${password}`,
      "-out",
      out,
    ]);

  // root -> intermediate -> leaf (RSA)
  key("root.key", "rsa:2048");
  ossl(dir, [
    "req",
    "-x509",
    "-new",
    "-key",
    "root.key",
    "-subj",
    "/CN=Test Root CA",
    "-days",
    "3650",
    "-out",
    "root.pem",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  key("int.key", "rsa:2048");
  csr("int.key", "Test Intermediate CA", "int.csr");
  sign("int.csr", "root.pem", "root.key", fs.readFileSync(path.join(dir, "ca.ext"), "utf8"), "int.pem");
  key("leaf.key", "rsa:2048");
  csr("leaf.key", "ml.example.com", "leaf.csr");
  sign("leaf.csr", "int.pem", "int.key", leafExt("DNS:ml.example.com,DNS:www.example.com"), "leaf.pem");
  const rd = (n: string) => fs.readFileSync(path.join(dir, n), "utf8");
  w("fullchain.pem", rd("leaf.pem") + rd("int.pem") + rd("root.pem"));
  w("leaf+int.pem", rd("leaf.pem") + rd("int.pem"));
  w("chain-out-of-order.pem", rd("leaf.pem") + rd("root.pem") + rd("int.pem"));
  w("chain-missing-int.pem", rd("leaf.pem") + rd("root.pem"));
  w("int+root.pem", rd("int.pem") + rd("root.pem"));
  w("bundle-with-key.pem", rd("leaf.pem") + rd("int.pem") + rd("root.pem") + rd("leaf.key"));
  // PKCS#1 form of the leaf key, and encrypted forms
  ossl(dir, ["rsa", "-in", "leaf.key", "-traditional", "-out", "leaf.pkcs1.key"]);
  ossl(dir, ["pkcs8", "-topk8", "-in", "leaf.key", "-passout", "pass:s3cret", "-out", "leaf.enc.key"]);
  ossl(dir, [
    "rsa",
    "-in",
    "leaf.key",
    "-traditional",
    "-aes256",
    "-passout",
    "pass:s3cret",
    "-out",
    "leaf.legacy-enc.key",
  ]);
  w("fullchain.crlf.pem", "\ufeff" + rd("fullchain.pem").replace(/\n/g, "\r\n"));
  w(
    "fullchain.spaced.pem",
    "\n\n  " +
      rd("leaf.pem").replace(/\n/g, "  \n") +
      "\n\n\t" +
      rd("int.pem") +
      "\n  \n" +
      rd("root.pem") +
      "\n\n",
  );
  ossl(dir, ["x509", "-in", "leaf.pem", "-outform", "DER", "-out", "leaf.der"]);
  ossl(dir, ["x509", "-in", "leaf.pem", "-trustout", "-addtrust", "serverAuth", "-out", "leaf.trusted.pem"]);
  ossl(dir, [
    "pkcs8",
    "-topk8",
    "-scrypt",
    "-in",
    "leaf.key",
    "-passout",
    "pass:s3cret",
    "-out",
    "leaf.scrypt.key",
  ]);
  pfx("leaf.pem", "leaf.key", "pfxpass", "leaf-legacy.pfx", ["-legacy"]);
  pfx("leaf.pem", "leaf.key", "pfxpass", "leaf.pfx");
  pfx("leaf.pem", "leaf.key", "", "leaf-nopass.pfx");

  // ECDSA P-256 leaf from the same intermediate
  key("ec.key", "ec:P-256");
  csr("ec.key", "ec.example.com", "ec.csr");
  sign("ec.csr", "int.pem", "int.key", leafExt("DNS:ec.example.com"), "ec.pem");
  ossl(dir, ["ec", "-in", "ec.key", "-out", "ec.sec1.key"]);
  w("ec-fullchain.pem", rd("ec.pem") + rd("int.pem") + rd("root.pem"));
  pfx("ec.pem", "ec.key", "pfxpass", "ec.pfx");

  // wildcard, CN-only
  key("wild.key", "ec:P-256");
  csr("wild.key", "*.example.com", "wild.csr");
  sign("wild.csr", "int.pem", "int.key", leafExt("DNS:*.example.com"), "wild.pem");
  w("wild-fullchain.pem", rd("wild.pem") + rd("int.pem") + rd("root.pem"));
  key("cn.key", "ec:P-256");
  csr("cn.key", "ml.example.com", "cn.csr");
  sign(
    "cn.csr",
    "int.pem",
    "int.key",
    "basicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n",
    "cn.pem",
  );
  w("cn-fullchain.pem", rd("cn.pem") + rd("int.pem") + rd("root.pem"));

  // validity cases (openssl ca sets the dates)
  const now = Date.now();
  const day = 86_400_000;
  key("dates.key", "ec:P-256");
  csr("dates.key", "ml.example.com", "dates.csr");
  signDates(
    "dates.csr",
    "int.pem",
    "int.key",
    leafExt("DNS:ml.example.com"),
    "expired.pem",
    new Date(now - 400 * day),
    new Date(now - 5 * day),
  );
  signDates(
    "dates.csr",
    "int.pem",
    "int.key",
    leafExt("DNS:ml.example.com"),
    "future.pem",
    new Date(now + 5 * day),
    new Date(now + 400 * day),
  );
  signDates(
    "dates.csr",
    "int.pem",
    "int.key",
    leafExt("DNS:ml.example.com"),
    "soon.pem",
    new Date(now - 80 * day),
    new Date(now + 10 * day + 3_600_000),
  );
  for (const n of ["expired", "future", "soon"])
    w(`${n}-fullchain.pem`, rd(`${n}.pem`) + rd("int.pem") + rd("root.pem"));

  // weak key, weak signature, CA as leaf
  key("weak.key", "rsa:1024");
  csr("weak.key", "ml.example.com", "weak.csr");
  sign("weak.csr", "int.pem", "int.key", leafExt("DNS:ml.example.com"), "weak.pem");
  w("weak-fullchain.pem", rd("weak.pem") + rd("int.pem") + rd("root.pem"));
  sign("leaf.csr", "int.pem", "int.key", leafExt("DNS:ml.example.com"), "sha1.pem", ["-sha1"]);
  w("sha1-fullchain.pem", rd("sha1.pem") + rd("int.pem") + rd("root.pem"));
  sign(
    "leaf.csr",
    "int.pem",
    "int.key",
    "basicConstraints=critical,CA:TRUE\nsubjectAltName=DNS:ml.example.com\n",
    "ca-leaf.pem",
  );
  w("ca-leaf-fullchain.pem", rd("ca-leaf.pem") + rd("int.pem") + rd("root.pem"));

  // another certificate's key, self-signed leaf, garbage, empty, truncated
  key("other.key", "rsa:2048");
  key("self.key", "ec:P-256");
  ossl(dir, [
    "req",
    "-x509",
    "-new",
    "-key",
    "self.key",
    "-subj",
    "/CN=ml.example.com",
    "-days",
    "90",
    "-out",
    "self.pem",
    "-addext",
    "subjectAltName=DNS:ml.example.com",
    "-addext",
    "basicConstraints=critical,CA:FALSE",
    "-addext",
    "extendedKeyUsage=serverAuth",
  ]);
  w("garbage.pem", "this is not a certificate\n");
  w("empty.pem", "");
  const leafText = rd("leaf.pem");
  w("truncated.pem", leafText.slice(0, Math.floor(leafText.length / 2)));

  cached = {
    dir,
    file: (n) => path.join(dir, n),
    read: (n) => fs.readFileSync(path.join(dir, n), "utf8"),
    bytes: (n) => fs.readFileSync(path.join(dir, n)),
  };
  return cached;
}

let chainsCached: Fixtures | undefined;

/**
 * Chains that `verify` must not trust, or must judge certificate by certificate, built once per
 * process from the shared fixtures' root and intermediate:
 * - `evil-chain.pem` (+ `evil-leaf.key`): a valid leaf for ml.example.com under an intermediate
 *   that expired 5 days ago (`evil-int.pem`), under a root no one trusts (`evil-root.pem`);
 * - `int-old.pem`: the shared intermediate (same name and key) as the root signed it before, expired
 *   5 days ago: a second path to the root, through an expired certificate;
 * - `impostor-root.pem`: a self-signed "CN=Test Root CA" under another RSA key, without a key id,
 *   so that only the signature tells it from `root.pem`;
 * - `forged.pem`: a certificate for evil.example.com signed with the key of `cn.pem`, a leaf
 *   (CA:FALSE, no key usage) of the shared intermediate;
 * - `nc-root.pem` / `nc-leaf.pem` (+ `nc-leaf.key`): a root constrained to `.corp.example` and a
 *   leaf it signed for ml.example.com (OpenSSL refuses it; only the constraint is wrong);
 * - `self-ca.pem` (+ `self-ca.key`): what `openssl req -x509` makes by default for ml.example.com
 *   (self-signed, CA:TRUE).
 */
export function chainCases(): Fixtures {
  if (chainsCached) return chainsCached;
  const base = fixtures();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ssl-ml-chains-"));
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  const w = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  const rd = (n: string) => fs.readFileSync(path.join(dir, n), "utf8");
  for (const n of ["root.pem", "root.key", "int.pem", "int.csr", "cn.pem", "cn.key", "ca.cnf", "ca.ext"])
    fs.copyFileSync(base.file(n), path.join(dir, n));
  w("index.txt", "");
  w("serial", "2000\n");
  const ecKey = (name: string) =>
    ossl(dir, ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name]);
  const selfSigned = (keyName: string, cn: string, out: string, ext: string[]) =>
    ossl(dir, [
      "req",
      "-x509",
      "-new",
      "-key",
      keyName,
      "-subj",
      `/CN=${cn}`,
      "-days",
      "3650",
      "-out",
      out,
      ...ext.flatMap((e) => ["-addext", e]),
    ]);
  const leafExt = (san: string) =>
    `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=${san}\n`;
  const sign = (csrName: string, ca: string, caKey: string, ext: string, out: string) => {
    w(`${out}.ext`, ext);
    ossl(dir, [
      "x509",
      "-req",
      "-in",
      csrName,
      "-CA",
      ca,
      "-CAkey",
      caKey,
      "-set_serial",
      String(Math.floor(Math.random() * 1e9)),
      "-days",
      "200",
      "-extfile",
      `${out}.ext`,
      "-out",
      out,
    ]);
  };
  const csr = (keyName: string, cn: string, out: string) =>
    ossl(dir, ["req", "-new", "-key", keyName, "-subj", `/CN=${cn}`, "-out", out]);
  const caExts = ["basicConstraints=critical,CA:TRUE", "keyUsage=critical,keyCertSign,cRLSign"];

  // the attacker's root, an expired intermediate (openssl ca sets past dates), a valid leaf
  ecKey("evil-root.key");
  selfSigned("evil-root.key", "Attacker Root", "evil-root.pem", caExts);
  ecKey("evil-int.key");
  csr("evil-int.key", "Attacker Intermediate", "evil-int.csr");
  const day = 86_400_000;
  const now = Date.now();
  ossl(dir, [
    "ca",
    "-batch",
    "-config",
    "ca.cnf",
    "-cert",
    "evil-root.pem",
    "-keyfile",
    "evil-root.key",
    "-in",
    "evil-int.csr",
    "-out",
    "evil-int.pem",
    "-notext",
    "-startdate",
    ymd(new Date(now - 400 * day)),
    "-enddate",
    ymd(new Date(now - 5 * day)),
    "-extfile",
    "ca.ext",
  ]);
  ecKey("evil-leaf.key");
  csr("evil-leaf.key", "ml.example.com", "evil-leaf.csr");
  sign(
    "evil-leaf.csr",
    "evil-int.pem",
    "evil-int.key",
    leafExt("DNS:ml.example.com") + "authorityKeyIdentifier=keyid\n",
    "evil-leaf.pem",
  );
  w("evil-chain.pem", rd("evil-leaf.pem") + rd("evil-int.pem") + rd("evil-root.pem"));

  ossl(dir, [
    "ca",
    "-batch",
    "-config",
    "ca.cnf",
    "-cert",
    "root.pem",
    "-keyfile",
    "root.key",
    "-in",
    "int.csr",
    "-out",
    "int-old.pem",
    "-notext",
    "-startdate",
    ymd(new Date(now - 400 * day)),
    "-enddate",
    ymd(new Date(now - 5 * day)),
    "-extfile",
    "ca.ext",
  ]);

  ossl(dir, ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "impostor.key"]);
  selfSigned("impostor.key", "Test Root CA", "impostor-root.pem", [
    ...caExts,
    "subjectKeyIdentifier=none",
    "authorityKeyIdentifier=none",
  ]);

  ecKey("forged.key");
  csr("forged.key", "evil.example.com", "forged.csr");
  sign("forged.csr", "cn.pem", "cn.key", leafExt("DNS:evil.example.com"), "forged.pem");

  ecKey("nc-root.key");
  selfSigned("nc-root.key", "Constrained Root", "nc-root.pem", [
    ...caExts,
    "nameConstraints=critical,permitted;DNS:.corp.example",
  ]);
  ecKey("nc-leaf.key");
  csr("nc-leaf.key", "ml.example.com", "nc-leaf.csr");
  sign("nc-leaf.csr", "nc-root.pem", "nc-root.key", leafExt("DNS:ml.example.com"), "nc-leaf.pem");

  // OpenSSL 3's `req -x509` marks a self-signed certificate CA:TRUE unless told otherwise
  ecKey("self-ca.key");
  selfSigned("self-ca.key", "ml.example.com", "self-ca.pem", ["subjectAltName=DNS:ml.example.com"]);

  chainsCached = {
    dir,
    file: (n) => path.join(dir, n),
    read: (n) => fs.readFileSync(path.join(dir, n), "utf8"),
    bytes: (n) => fs.readFileSync(path.join(dir, n)),
  };
  return chainsCached;
}
