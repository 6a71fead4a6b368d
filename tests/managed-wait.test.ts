// The wait for Front Door's domain approval (sdk/managed/wait.ts) on a fake clock: no real time.
import * as assert from "node:assert/strict";
import { waitForApproval, ApprovalClock } from "../sdk/managed/wait";
import { ArgumentError } from "../sdk/errors";

function clock(states: string[], deadlineMs = 600_000, intervalMs = 15_000) {
  let t = 0;
  const logs: string[] = [];
  const reads: number[] = [];
  const c: ApprovalClock = {
    read: async () => {
      reads.push(t);
      return states.length > 1 ? states.shift() : states[0];
    },
    now: () => t,
    sleep: async (ms) => {
      t += ms;
    },
    log: (m) => logs.push(m),
    deadlineMs,
    intervalMs,
  };
  return { c, logs, reads };
}

describe("SslMlManagedEndpoints: waiting for Front Door's approval", () => {
  it("returns at Approved, reading every interval and logging each new state", async () => {
    const { c, logs, reads } = clock(["Submitting", "Pending", "Pending", "Approved"]);
    await waitForApproval("ml.example.com", c);
    assert.deepEqual(reads, [0, 15_000, 30_000, 45_000]);
    assert.deepEqual(logs, [
      "waiting for Front Door to approve ml.example.com: Submitting (0 s of 600 s)",
      "waiting for Front Door to approve ml.example.com: Pending (15 s of 600 s)",
      "Front Door approved ml.example.com after 45 s",
    ]);
  });

  it("logs at least once a minute while the state stays the same", async () => {
    const { c, logs } = clock([...Array(9).fill("Pending"), "Approved"]);
    await waitForApproval("ml.example.com", c);
    assert.equal(logs.filter((l) => /Pending/.test(l)).length, 3); // 0 s, 60 s, 120 s
  });

  it("stops at the deadline, naming the argument and what to check", async () => {
    const { c, reads } = clock(["Pending"], 60_000);
    await assert.rejects(waitForApproval("ml.example.com", c), (e: unknown) => {
      assert.ok(e instanceof ArgumentError);
      assert.equal(e.argument, "frontDoor.validationTimeoutMinutes");
      assert.match(
        e.message,
        /not approved ml\.example\.com after 1 min \(state Pending\).*dig TXT _dnsauth\.ml\.example\.com/,
      );
      return true;
    });
    assert.deepEqual(reads, [0, 15_000, 30_000, 45_000, 60_000]);
  });

  for (const state of ["Rejected", "TimedOut", "InternalError"]) {
    it(`stops at once on ${state}`, async () => {
      const { c, reads } = clock([state]);
      await assert.rejects(waitForApproval("ml.example.com", c), new RegExp(`ended in ${state}`));
      assert.equal(reads.length, 1);
    });
  }
});
