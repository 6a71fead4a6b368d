// `demo --managed`: Front Door's request mapping (sdk/offline/frontdoor-routes.ts, pure) with the
// examples of Microsoft's route-matching and URL-rewrite pages, and the demo itself over loopback TLS.
import * as assert from "node:assert/strict";
import { mapRequest, FrontDoorTable } from "../sdk/offline/frontdoor-routes";
import { runManagedDemo } from "../sdk/cli/demo-managed";

const route = (pattern: string, originPath: string, host: string) => ({
  pattern,
  originPath,
  originHost: host,
  hostHeader: host,
});

describe("demo --managed: Front Door's request mapping", () => {
  const table: FrontDoorTable = {
    hostname: "ml.example.com",
    routes: [
      route("/iris/*", "/", "iris.westeurope.inference.ml.azure.com"),
      route("/iris/v2/*", "/", "v2.example.net"),
    ],
  };

  it("drops the matched prefix when originPath is / (learn.microsoft.com/azure/frontdoor/front-door-url-rewrite)", () => {
    assert.deepEqual(mapRequest(table, "/iris/score"), { route: table.routes[0], originPath: "/score" });
    assert.equal(mapRequest(table, "/iris/score?verbose=1")?.originPath, "/score?verbose=1");
    assert.equal(mapRequest(table, "/iris/swagger.json")?.originPath, "/swagger.json");
  });
  it("appends the rest to a deeper originPath", () => {
    const t = { ...table, routes: [route("/iris/*", "/api/", "h")] };
    assert.equal(mapRequest(t, "/iris/score")?.originPath, "/api/score");
  });
  it("prefers the most specific pattern, and matches nothing else", () => {
    assert.equal(mapRequest(table, "/iris/v2/score")?.route.originHost, "v2.example.net");
    assert.equal(mapRequest(table, "/other/score"), undefined);
    assert.equal(mapRequest(table, "/iris"), undefined, "/iris/* needs the slash");
  });
});

describe("demo --managed over loopback TLS", function () {
  this.timeout(120_000);
  it("reaches /score with the endpoint's Host and the headers intact; an unknown path gets 404", async () => {
    let text = "";
    const code = await runManagedDemo({ quiet: true }, (s) => (text += s));
    assert.equal(code, 0, text);
    assert.match(
      text,
      /ok {3}iris: POST https:\/\/ml\.example\.com\/iris\/score -> 200; the endpoint got POST \/score, Host iris\.westeurope\.inference\.ml\.azure\.com, key intact, azureml-model-deployment default/,
    );
    assert.match(text, /ok {3}POST https:\/\/ml\.example\.com\/no-such-endpoint\/score -> 404/);
    assert.match(text, /demo passed/);
  });
});
