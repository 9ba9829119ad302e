import { HostError } from '../errors';
import type { FunctionCallback } from '../app/coreTypes';

function readOnly(name: string): never {
  throw new TypeError(`Cannot assign "${name}": it is read-only`);
}

export interface PreInvocationHookContext {
  readonly hookData: Record<string, unknown>;
  readonly appHookData: Record<string, unknown>;
  readonly invocationContext: unknown;
  functionCallback: FunctionCallback;
  inputs: unknown[];
}

export interface PostInvocationHookContext {
  readonly hookData: Record<string, unknown>;
  readonly appHookData: Record<string, unknown>;
  readonly invocationContext: unknown;
  inputs: unknown[];
  result: unknown;
  error: unknown;
}

/** What both hook contexts of one invocation read: one `hookData` shared by both, the app's, the context. */
interface SharedHookState {
  hookData: Record<string, unknown>;
  appHookData: Record<string, unknown>;
  context: () => unknown;
}

// Accessors on the prototype, not per object: these are built on every invocation of an app with hooks
// (telemetry registers one), and per-object accessor properties put each object in V8's slow dictionary mode.
class CoreHookContext {
  readonly #shared: SharedHookState;
  constructor(shared: SharedHookState) {
    this.#shared = shared;
  }
  get hookData(): Record<string, unknown> {
    return this.#shared.hookData;
  }
  set hookData(_v: Record<string, unknown>) {
    readOnly('hookData');
  }
  get appHookData(): Record<string, unknown> {
    return this.#shared.appHookData;
  }
  set appHookData(_v: Record<string, unknown>) {
    readOnly('appHookData');
  }
  get invocationContext(): unknown {
    return this.#shared.context();
  }
  set invocationContext(_v: unknown) {
    readOnly('invocationContext');
  }
}

class PreHookContext extends CoreHookContext implements PreInvocationHookContext {
  constructor(
    shared: SharedHookState,
    public functionCallback: FunctionCallback,
    public inputs: unknown[],
  ) {
    super(shared);
  }
}

class PostHookContext extends CoreHookContext implements PostInvocationHookContext {
  result: unknown = null;
  error: unknown = null;
  constructor(
    shared: SharedHookState,
    public inputs: unknown[],
  ) {
    super(shared);
  }
}

/**
 * The core hook contexts the worker hands to preInvocation and postInvocation hooks (the library wraps them):
 * one `hookData` shared by both, read-only properties that throw on assignment, as the worker's do.
 */
export function invocationHookContexts(
  appHookData: Record<string, unknown>,
  context: () => unknown,
  callback: FunctionCallback,
  inputs: unknown[],
): { pre: PreInvocationHookContext; post: PostInvocationHookContext } {
  const shared: SharedHookState = { hookData: {}, appHookData, context };
  return { pre: new PreHookContext(shared, callback, inputs), post: new PostHookContext(shared, inputs) };
}

/** Fails an invocation that outlives host.json `functionTimeout`, as the host does (the handler is not stopped). */
export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  // Runs on every HTTP request: one timer, no Promise.race.
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new HostError(`Timeout value of ${ms} ms (host.json functionTimeout) was exceeded.`)),
      ms,
    );
    const clear = (): void => clearTimeout(timer);
    p.then(clear, clear);
    // Settles as the handler did, its own error value included (postInvocation hooks see it as thrown).
    p.then(resolve, reject);
  });
}
