// azure-native's API-version type aliases are dropped from the component's children (issue 19:
// they were most of the CPU a service costs); every other alias stays. The aliases expected here
// are azure-native's and Cloudflare's own (read from a resource made outside the component), not
// the component's.
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { OnlineEndpoint } from "@pulumi/azure-native/machinelearningservices";
import { freshRuntime, settle } from "./mocks";
import { quickstartArgs, T } from "./helpers/component";
import { SslMlCluster } from "../sdk/component";
import { dropVersionedTypeAliases, isVersionedTypeAlias } from "../sdk/common/versioned-aliases";

type Seen = { type: string; name: string; aliases: unknown[] };

/** A transformation that only records what it sees. */
function recorder(seen: Seen[]): pulumi.ResourceTransformation {
  return ({ type, name, opts }) => {
    seen.push({ type, name, aliases: [...(opts.aliases ?? [])] });
    return undefined;
  };
}

describe("azure-native's API-version aliases", () => {
  it("recognises only a bare API-version type alias", () => {
    assert.equal(
      isVersionedTypeAlias({ type: "azure-native:machinelearningservices/v20240401:OnlineEndpoint" }),
      true,
    );
    assert.equal(isVersionedTypeAlias({ type: "azure-native:dns/v20230701preview:RecordSet" }), true);
    // A module move, another provider's rename, a rename with a name, a URN: all kept.
    assert.equal(isVersionedTypeAlias({ type: "azure-native:network:PrivateRecordSet" }), false);
    assert.equal(isVersionedTypeAlias({ type: "cloudflare:index/record:Record" }), false);
    assert.equal(
      isVersionedTypeAlias({
        type: "azure-native:machinelearningservices/v20240401:OnlineEndpoint",
        name: "old",
      }),
      false,
    );
    assert.equal(isVersionedTypeAlias({ name: "old" }), false);
    assert.equal(isVersionedTypeAlias("urn:pulumi:dev::p::azure-native:dns/v20180501:RecordSet::r"), false);
    assert.equal(isVersionedTypeAlias(undefined), false);
  });

  it("leaves options without such aliases untouched", () => {
    const args = {
      resource: {} as pulumi.Resource,
      type: "t",
      name: "n",
      props: {},
      opts: { aliases: [{ name: "x" }] },
    };
    assert.equal(dropVersionedTypeAliases(args), undefined);
  });

  it("a resource made outside the component keeps them (the filter has something to remove)", async () => {
    const rec = freshRuntime();
    const seen: Seen[] = [];
    const e = new OnlineEndpoint(
      "bare",
      { resourceGroupName: "rg-ml", workspaceName: "ws-ml", properties: { authMode: "Key" } as never },
      { transformations: [recorder(seen)] },
    );
    await settle(rec, { id: e.id });
    assert.equal(seen.length, 1);
    assert.ok(seen[0].aliases.length > 10, `azure-native gave ${seen[0].aliases.length} aliases`);
    assert.ok(seen[0].aliases.every(isVersionedTypeAlias));
  });

  it("the component's children carry none of them; other aliases and the caller's transformations stay", async () => {
    const rec = freshRuntime();
    const seen: Seen[] = [];
    // The caller's transformation adds an API-version alias to the endpoint: it runs after the
    // component's, so it is kept.
    const addOne: pulumi.ResourceTransformation = ({ type, props, opts }) =>
      type === T.endpoint
        ? {
            props,
            opts: {
              ...opts,
              aliases: [
                ...(opts.aliases ?? []),
                { type: "azure-native:machinelearningservices/v20240401:OnlineEndpoint" },
              ],
            },
          }
        : undefined;
    const c = new SslMlCluster("ml", quickstartArgs(), {
      aliases: [{ name: "old-ml" }],
      transformations: [addOne, recorder(seen)],
    });
    await settle(rec, { uris: c.scoringUris });
    const of = (type: string) => {
      const s = seen.filter((x) => x.type === type);
      assert.ok(s.length > 0, `no ${type} was made`);
      return s;
    };
    assert.deepEqual(of(T.component)[0].aliases, [{ name: "old-ml" }]);
    for (const s of seen.filter((x) => x.type.startsWith("azure-native:") && x.type !== T.endpoint)) {
      assert.deepEqual(s.aliases, [], `${s.type} ${s.name}`);
    }
    assert.deepEqual(of(T.endpoint)[0].aliases, [
      { type: "azure-native:machinelearningservices/v20240401:OnlineEndpoint" },
    ]);
    assert.deepEqual(of(T.dns)[0].aliases, [{ type: "cloudflare:index/record:Record" }]);
    assert.ok(of(T.compute).length === 1 && of(T.deployment).length === 1);
  });
});
