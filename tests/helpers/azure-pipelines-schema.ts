// The part of Azure Pipelines' published YAML schema that examples/pipelines/azure-pipelines uses,
// written out from its definitions (pipeline, schedule, stage, deployment job, runOnce strategy,
// steps, and the inputs of the NodeTool@0 and AzureCLI@2 tasks) in
// https://github.com/microsoft/azure-pipelines-vscode/blob/main/service-schema.json ("v1.247.2").
// Like that schema, every scalar is a string (Azure Pipelines reads YAML scalars as strings) and
// unknown keys are refused. The full schema is not on npm; tests/pipelines.test.ts also validates
// against it when AZURE_PIPELINES_SCHEMA names a downloaded copy.

const str = { type: "string" };
const nonEmpty = { type: "string", minLength: 1 };
// The schema's boolean: the YAML 1.1 spellings, any case (`ignoreCase: value` there).
const bool = {
  type: "string",
  pattern: "^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee]|[Yy]|[Yy][Ee][Ss]|[Nn]|[Nn][Oo]|[Oo][Nn]|[Oo][Ff][Ff])$",
};
const includeExclude = {
  type: "object",
  properties: { include: { type: "array", items: str }, exclude: { type: "array", items: str } },
  additionalProperties: false,
};
const envMap = { type: "object", additionalProperties: str };

const script = {
  type: "object",
  properties: {
    script: nonEmpty,
    displayName: str,
    name: str,
    condition: str,
    continueOnError: bool,
    enabled: bool,
    env: envMap,
    workingDirectory: str,
    failOnStderr: bool,
    timeoutInMinutes: str,
  },
  required: ["script"],
  additionalProperties: false,
};

const checkout = {
  type: "object",
  properties: {
    checkout: nonEmpty,
    clean: bool,
    fetchDepth: str,
    lfs: bool,
    submodules: str,
    persistCredentials: bool,
  },
  required: ["checkout"],
  additionalProperties: false,
};

const taskCommon = {
  displayName: str,
  name: str,
  condition: str,
  continueOnError: bool,
  enabled: bool,
  env: envMap,
  timeoutInMinutes: str,
};

const nodeTool = {
  type: "object",
  properties: {
    task: { type: "string", pattern: "^NodeTool@0$" },
    inputs: {
      type: "object",
      properties: {
        versionSource: { enum: ["spec", "fromFile"] },
        versionSpec: str,
        versionFilePath: str,
        checkLatest: bool,
        force32bit: bool,
        nodejsMirror: str,
        retryCountOnDownloadFails: str,
        delayBetweenRetries: str,
      },
      additionalProperties: false,
    },
    ...taskCommon,
  },
  required: ["task"],
  additionalProperties: false,
};

const azureCli = {
  type: "object",
  properties: {
    task: { type: "string", pattern: "^AzureCLI@2$" },
    inputs: {
      type: "object",
      properties: {
        azureSubscription: str,
        connectedServiceNameARM: str,
        scriptType: { enum: ["ps", "pscore", "batch", "bash"] },
        scriptLocation: { enum: ["inlineScript", "scriptPath"] },
        scriptPath: str,
        inlineScript: str,
        arguments: str,
        powerShellErrorActionPreference: { enum: ["stop", "continue", "silentlyContinue"] },
        addSpnToEnvironment: bool,
        useGlobalConfig: bool,
        workingDirectory: str,
        failOnStandardError: bool,
        powerShellIgnoreLASTEXITCODE: bool,
        visibleAzLogin: bool,
        keepAzSessionActive: bool,
      },
      required: ["azureSubscription", "scriptType"],
      additionalProperties: false,
    },
    ...taskCommon,
  },
  required: ["task", "inputs"],
  additionalProperties: false,
};

const steps = { type: "array", items: { anyOf: [script, checkout, nodeTool, azureCli] } };

const pool = {
  anyOf: [
    str,
    {
      type: "object",
      properties: { name: nonEmpty, vmImage: nonEmpty, demands: {} },
      additionalProperties: true,
    },
  ],
};

const deploymentJob = {
  type: "object",
  properties: {
    deployment: { type: "string", pattern: "^[A-Za-z0-9_]+$" },
    displayName: str,
    dependsOn: {},
    condition: str,
    continueOnError: bool,
    timeoutInMinutes: nonEmpty,
    cancelTimeoutInMinutes: nonEmpty,
    variables: {},
    pool,
    environment: { anyOf: [str, { type: "object" }] },
    strategy: {
      type: "object",
      properties: {
        runOnce: {
          type: "object",
          properties: {
            preDeploy: {},
            deploy: { type: "object", properties: { pool, steps }, additionalProperties: false },
            routeTraffic: {},
            postRouteTraffic: {},
            on: {},
          },
          additionalProperties: false,
        },
      },
      additionalProperties: false,
    },
    workspace: {},
    uses: {},
    container: {},
    services: {},
    templateContext: {},
  },
  required: ["deployment", "environment", "strategy"],
  additionalProperties: false,
};

export const AZURE_PIPELINES_SUBSET_SCHEMA = {
  type: "object",
  properties: {
    name: str,
    trigger: {
      anyOf: [{ type: "string", pattern: "^none$" }, { type: "array", items: str }, { type: "object" }],
    },
    pr: { anyOf: [{ type: "string", pattern: "^none$" }, { type: "array", items: str }, { type: "object" }] },
    schedules: {
      type: "array",
      items: {
        type: "object",
        properties: { cron: nonEmpty, displayName: str, branches: includeExclude, batch: bool, always: bool },
        required: ["cron"],
        additionalProperties: false,
      },
    },
    parameters: {
      type: "array",
      items: {
        type: "object",
        properties: {
          name: nonEmpty,
          displayName: str,
          type: {
            enum: [
              "boolean",
              "deployment",
              "deploymentList",
              "environment",
              "filePath",
              "job",
              "jobList",
              "number",
              "object",
              "pool",
              "secureFile",
              "serviceConnection",
              "stage",
              "stageList",
              "step",
              "stepList",
              "string",
              "stringList",
            ],
          },
          default: {},
          values: {},
        },
        required: ["name"],
        additionalProperties: false,
      },
    },
    variables: {
      anyOf: [
        { type: "object", additionalProperties: true },
        {
          type: "array",
          items: {
            anyOf: [
              {
                type: "object",
                properties: { name: nonEmpty, value: str, readonly: bool },
                required: ["name"],
                additionalProperties: false,
              },
              {
                type: "object",
                properties: { group: nonEmpty },
                required: ["group"],
                additionalProperties: false,
              },
              {
                type: "object",
                properties: { template: nonEmpty, parameters: {} },
                required: ["template"],
                additionalProperties: false,
              },
            ],
          },
        },
      ],
    },
    lockBehavior: { enum: ["sequential", "runLatest"] },
    pool,
    resources: {},
    appendCommitMessageToRunName: bool,
    stages: {
      type: "array",
      items: {
        type: "object",
        properties: {
          stage: { type: "string", pattern: "^[A-Za-z0-9_]+$" },
          displayName: str,
          dependsOn: {},
          condition: str,
          variables: {},
          pool,
          lockBehavior: { enum: ["sequential", "runLatest"] },
          jobs: { type: "array", items: deploymentJob },
        },
        required: ["stage"],
        additionalProperties: false,
      },
    },
  },
  required: ["stages"],
  additionalProperties: false,
} as const;
