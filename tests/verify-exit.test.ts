// verify's exit codes and its RENEW alarm line, on hand-made results (the live checks that produce
// them are in tests/verify.test.ts).
import * as assert from "node:assert/strict";
import { EXIT_ERROR, EXIT_OK, EXIT_RENEW, renewLine, verifyExitCode } from "../sdk/cli/verify/verify-exit";
import { verifyFinding, UriResult } from "../sdk/cli/verify/verify-findings";

const result = (uri: string, daysLeft: number, codes: Parameters<typeof verifyFinding>[0][]): UriResult => ({
  uri,
  address: "127.0.0.1",
  tlsVersion: "TLSv1.3",
  fingerprintSha256: null,
  daysLeft,
  httpStatus: 401,
  dns: "skipped",
  findings: codes.map((c) => verifyFinding(c, c)),
});

describe("verify exit codes: renew now vs broken", () => {
  it("0 clean, 3 only EXPIRES_SOON, 1 as soon as any error is there (even beside EXPIRES_SOON)", () => {
    assert.equal(verifyExitCode([result("https://a/s", 90, [])]), EXIT_OK);
    assert.equal(
      verifyExitCode([result("https://a/s", 9, ["EXPIRES_SOON"]), result("https://b/s", 90, [])]),
      EXIT_RENEW,
    );
    assert.equal(
      verifyExitCode([
        result("https://a/s", 9, ["EXPIRES_SOON"]),
        result("https://b/s", 9, ["EXPIRES_SOON", "HTTP_ERROR"]),
      ]),
      EXIT_ERROR,
    );
    assert.equal(verifyExitCode([result("https://a/s", -1, ["EXPIRED"])]), EXIT_ERROR);
    assert.deepEqual([EXIT_OK, EXIT_ERROR, EXIT_RENEW], [0, 1, 3]);
  });

  it("the RENEW line names the soonest URI and how many are due", () => {
    const line = renewLine(
      [
        result("https://b/s", 12, ["EXPIRES_SOON"]),
        result("https://a/s", 7, ["EXPIRES_SOON"]),
        result("https://c/s", 80, []),
      ],
      30,
    );
    assert.equal(line, "ssl-ml-cluster verify: RENEW days_left=7 min_days=30 uri=https://a/s uris=2\n");
    assert.match(line, /^ssl-ml-cluster verify: RENEW days_left=(\d+) /);
  });
});
