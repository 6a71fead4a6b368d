/** One PEM block: its label, RFC 1421 headers (legacy encrypted keys) and DER body. */
export interface PemBlock {
  label: string;
  headers: Record<string, string>;
  der: Buffer;
  /** The block re-encoded canonically (LF, 64 columns). */
  pem: string;
}

/** The result of reading PEM text: the blocks that parsed, and what could not be read. */
export interface PemParse {
  blocks: PemBlock[];
  problems: string[];
}

/** Accepts a UTF-8 BOM, CRLF or CR line ends; returns LF text. */
export function normalizeText(input: string | Buffer): string {
  let text = typeof input === "string" ? input : input.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.replace(/\r\n?/g, "\n");
}

/** Whether bytes look like PEM (a BEGIN line) rather than DER. */
export function looksLikePem(input: string | Buffer): boolean {
  const head = typeof input === "string" ? input : input.subarray(0, 65536).toString("latin1");
  return head.includes("-----BEGIN ");
}

/** Encodes DER as a PEM block with the given label. */
export function toPem(label: string, der: Buffer): string {
  const b64 = der.toString("base64");
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

const BEGIN = /^-----BEGIN ([A-Z0-9 ]+)-----$/;

/**
 * Splits text into PEM blocks. Node's X509Certificate reads only the first block of a string, so
 * every multi-block input goes through here. Blank lines and stray spaces around and inside
 * blocks are accepted; a block without its END line or with bad base64 is reported, not thrown.
 */
export function parsePem(input: string | Buffer): PemParse {
  const lines = normalizeText(input)
    .split("\n")
    .map((l) => l.trim());
  const blocks: PemBlock[] = [];
  const problems: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = BEGIN.exec(lines[i]);
    if (!m) continue;
    const label = m[1];
    const end = `-----END ${label}-----`;
    const headers: Record<string, string> = {};
    const body: string[] = [];
    let j = i + 1;
    let closed = false;
    for (; j < lines.length; j++) {
      const line = lines[j];
      if (line === end) {
        closed = true;
        break;
      }
      if (BEGIN.test(line)) break;
      const h = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (h && body.length === 0) headers[h[1]] = h[2];
      else if (line !== "") body.push(line);
    }
    if (!closed) {
      problems.push(`the ${label} block has no END line (is the text cut off?)`);
      i = j - 1;
      continue;
    }
    i = j;
    const b64 = body.join("").replace(/\s+/g, "");
    if (b64.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 === 1) {
      problems.push(`the ${label} block is not valid base64`);
      continue;
    }
    const der = Buffer.from(b64, "base64");
    blocks.push({ label, headers, der, pem: toPem(label, der) });
  }
  return { blocks, problems };
}
