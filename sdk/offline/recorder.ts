// What a program registered and invoked under the offline runtime (runtime.ts fills it; plan.ts,
// the bench and the tests read it).

/** One registration as the engine received it: wire-form inputs keep their secret markers. */
export interface Registration {
  urn: string;
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  /** `read` for `Resource.get`, `register` otherwise. */
  op: "register" | "read";
  id?: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  dependencies: string[];
  provider: string;
  deleteBeforeReplace: boolean;
  replaceOnChanges: string[];
  additionalSecretOutputs: string[];
  ignoreChanges: string[];
  /** URN of the resource whose deletion deletes this one (the `deletedWith` option), or "". */
  deletedWith: string;
  replacementTrigger?: unknown;
  importId: string;
}

export interface Invocation {
  token: string;
  inputs: Record<string, unknown>;
  /** The provider reference (`<urn>::<id>`) the invoke was sent through, or "" for the default one. */
  provider: string;
}

/** Everything a program registered and invoked under the offline runtime. */
export class Recorder {
  readonly registrations: Registration[] = [];
  readonly invocations: Invocation[] = [];
  readonly warnings: string[] = [];
  /** `pulumi.log.info` messages (e.g. which credential a challenge uses; never its value). */
  readonly infos: string[] = [];
  /**
   * Full keys (`project:key`) of every `Config.require*` call that found no value, in call order,
   * when the runtime collects them (`collectMissingConfig`).
   */
  readonly missingConfig: string[] = [];
  private readonly triggers = new Map<string, unknown>();
  private pending = 0;
  private idle: (() => void)[] = [];

  byType(type: string): Registration[] {
    return this.registrations.filter((r) => r.type === type);
  }
  one(type: string): Registration {
    const found = this.byType(type);
    if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
    return found[0];
  }
  byName(name: string): Registration | undefined {
    return this.registrations.find((r) => r.name === name);
  }
  triggerOf(type: string, name: string): unknown {
    return this.triggers.get(`${type}::${name}`);
  }
  /** Resolves when no registration is in flight. */
  settled(): Promise<void> {
    if (this.pending === 0) return new Promise((r) => setImmediate(r));
    return new Promise((r) => this.idle.push(r));
  }

  /** @internal */
  track<T>(p: Promise<T>): Promise<T> {
    this.pending++;
    return p.finally(() => {
      this.pending--;
      if (this.pending === 0) this.idle.splice(0).forEach((r) => setImmediate(r));
    });
  }
  /** @internal */
  setTrigger(type: string, name: string, v: unknown) {
    this.triggers.set(`${type}::${name}`, v);
  }
}
