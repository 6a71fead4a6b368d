import type { Resource } from "@pulumi/pulumi";

/**
 * How `pulumi up` shows our errors. Pulumi's program runner prints a `RunError` as its message
 * alone and a `ResourceError` against its resource, both without a stack trace; anything else is
 * "unhandled exception" plus a trace. It recognises them by a marker property
 * (`RunError.isInstance`, `ResourceError.isInstance` in @pulumi/pulumi's errors.js), so these
 * classes set the marker without loading @pulumi/pulumi (the certificate toolkit and the CLI stay
 * free of it). When an error is thrown inside an input's `apply`, the runtime prepends
 * `error serializing property "x": ` to `message` on its way out, once per nesting level
 * (runtime/rpc.js); the message keeps the one line the user should read, so that rewrite is
 * ignored.
 */
function keepMessage(err: Error, message: string): void {
  Object.defineProperty(err, "message", {
    configurable: true,
    enumerable: false,
    get: () => message,
    set: () => undefined,
  });
}

/**
 * An argument of the component or the CLI is wrong. `argument` names it; the message says how to fix it.
 * Thrown before any resource is registered when the value is plain, else when the value is known.
 */
export class ArgumentError extends Error {
  /** Pulumi's RunError marker: printed as one line, no stack trace. */
  readonly __pulumiRunError = true;
  constructor(
    public readonly argument: string,
    message: string,
  ) {
    super(`${argument}: ${message}`);
    this.name = "ArgumentError";
    keepMessage(this, `${argument}: ${message}`);
  }
}

/**
 * What Azure reported cannot be used yet (no front-end address, no Microsoft-managed name, no
 * kubeconfig): reported against the component, with the way out in the message.
 */
export class ComponentError extends Error {
  /** Pulumi's ResourceError marker. */
  readonly __pulumResourceError = true;
  readonly hideStack = true;
  constructor(
    message: string,
    public readonly resource: Resource | undefined,
  ) {
    super(message);
    this.name = "ComponentError";
    keepMessage(this, message);
  }
}

/** Marks a CertificateError (or any error) the way ArgumentError is marked. */
export function markRunError<E extends Error>(err: E): E {
  Object.defineProperty(err, "__pulumiRunError", { value: true, enumerable: false });
  keepMessage(err, err.message);
  return err;
}
