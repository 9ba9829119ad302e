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
  const hookData: Record<string, unknown> = {};
  const shared = {
    get hookData() {
      return hookData;
    },
    set hookData(_v) {
      readOnly('hookData');
    },
    get appHookData() {
      return appHookData;
    },
    set appHookData(_v) {
      readOnly('appHookData');
    },
    get invocationContext() {
      return context();
    },
    set invocationContext(_v) {
      readOnly('invocationContext');
    },
  };
  const pre = Object.defineProperties(
    { functionCallback: callback, inputs },
    Object.getOwnPropertyDescriptors(shared),
  );
  const post = Object.defineProperties(
    { inputs, result: null, error: null },
    Object.getOwnPropertyDescriptors(shared),
  );
  return { pre: pre as PreInvocationHookContext, post: post as PostInvocationHookContext };
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
