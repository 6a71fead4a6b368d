// A small certificate authority driven by the openssl CLI (an independent tool) in a temporary
// folder: keys, self-signed roots, certificates with chosen extensions and dates (RFC 5280 times,
// GeneralizedTime for years before 1950 or after 2049, as `openssl ca -enddate` takes them).
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export interface MiniCa {
  dir: string;
  file(name: string): string;
  read(name: string): string;
  /** An EC P-256 key. */
  key(name: string): void;
  /** A self-signed CA certificate of `key` (a new serial each call: copies of one CA). */
  root(out: string, key: string, cn: string, ext?: string): void;
  /** A certificate for `key`, signed by `caCert`/`caKey`, with the extensions `ext` (openssl's extfile syntax). */
  issue(
    out: string,
    key: string,
    cn: string,
    caCert: string,
    caKey: string,
    ext: string,
    dates?: [string, string],
  ): void;
  /** openssl's own verdict: "OK" or the error line. */
  opensslVerify(args: string[]): string;
  /** openssl's reading of the dates (`Dec 18 02:00:00 2026 GMT`). */
  opensslDates(name: string): { notBefore: string; notAfter: string };
  /** Concatenates files into `out`. */
  cat(out: string, ...files: string[]): string;
}

export const CA_EXT = "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n";
export const serverExt = (san: string, more = "") =>
  `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n${san ? `subjectAltName=${san}\n` : ""}${more}`;

let serial = 4096;

export function miniCa(dir: string): MiniCa {
  const file = (n: string) => path.join(dir, n);
  const ossl = (args: string[]) =>
    execFileSync("openssl", args, { cwd: dir, stdio: ["pipe", "pipe", "pipe"] }).toString();
  fs.writeFileSync(
    file("ca.cnf"),
    "[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=p\nunique_subject=no\ncopy_extensions=none\n[p]\ncommonName=supplied\n",
  );
  fs.writeFileSync(file("index.txt"), "");
  fs.writeFileSync(file("serial"), "1000\n");
  const ext = (name: string, text: string) => {
    fs.writeFileSync(file(`${name}.ext`), text);
    return `${name}.ext`;
  };
  return {
    dir,
    file,
    read: (n) => fs.readFileSync(file(n), "utf8"),
    key: (name) =>
      void ossl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name]),
    root: (out, key, cn, e = CA_EXT) => {
      ossl(["req", "-new", "-key", key, "-subj", `/CN=${cn}`, "-out", `${out}.csr`]);
      ossl([
        "x509",
        "-req",
        "-in",
        `${out}.csr`,
        "-signkey",
        key,
        "-set_serial",
        String(serial++),
        "-days",
        "300",
        "-extfile",
        ext(out, e),
        "-out",
        out,
      ]);
    },
    issue: (out, key, cn, caCert, caKey, e, dates) => {
      ossl(["req", "-new", "-key", key, "-subj", `/CN=${cn}`, "-out", `${out}.csr`]);
      if (dates) {
        ossl([
          "ca",
          "-batch",
          "-config",
          "ca.cnf",
          "-cert",
          caCert,
          "-keyfile",
          caKey,
          "-in",
          `${out}.csr`,
          "-out",
          out,
          "-notext",
          "-startdate",
          dates[0],
          "-enddate",
          dates[1],
          "-extfile",
          ext(out, e),
        ]);
        return;
      }
      ossl([
        "x509",
        "-req",
        "-in",
        `${out}.csr`,
        "-CA",
        caCert,
        "-CAkey",
        caKey,
        "-set_serial",
        String(serial++),
        "-days",
        "200",
        "-extfile",
        ext(out, e),
        "-out",
        out,
      ]);
    },
    opensslVerify: (args) => {
      try {
        return ossl(["verify", ...args])
          .trim()
          .endsWith(": OK")
          ? "OK"
          : "?";
      } catch (e) {
        const err = e as { stdout?: Buffer; stderr?: Buffer };
        const text = `${err.stdout?.toString() ?? ""}${err.stderr?.toString() ?? ""}`;
        return text.split("\n").find((l) => l.startsWith("error ")) ?? text;
      }
    },
    opensslDates: (name) => {
      const out = ossl(["x509", "-in", name, "-noout", "-startdate", "-enddate"]);
      const get = (k: string) =>
        out
          .split("\n")
          .find((l) => l.startsWith(`${k}=`))!
          .slice(k.length + 1);
      return { notBefore: get("notBefore"), notAfter: get("notAfter") };
    },
    cat: (out, ...files) => {
      fs.writeFileSync(file(out), files.map((f) => fs.readFileSync(file(f), "utf8")).join(""));
      return file(out);
    },
  };
}
