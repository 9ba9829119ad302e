import type { AppRegistry, HookName } from '../app/AppRegistry';
import type { FunctionCallback, InvocationModel, InvocationState } from '../app/coreTypes';
import { ensureError } from '../errors';
import { invocationHookContexts, withTimeout } from './invocationHookContexts';

export interface RunHandlerInit {
  registry: AppRegistry;
  invocModel: InvocationModel;
  /** The core context the library reads `state` from (it warns about logs after the handler finished). */
  coreCtx: { state?: InvocationState | undefined };
  callback: FunctionCallback;
  inputs: unknown[];
  context: () => unknown;
  /** host.json `functionTimeout` in ms; undefined = no limit. */
  timeoutMs: number | undefined;
}

/**
 * The handler between preInvocation and postInvocation hooks, as the worker runs it: hooks may replace the
 * inputs and the callback before, and the result or the error after. The hook contexts are only built when
 * the app registered such hooks: most apps have none, and this runs on every request.
 */
export async function runHandler(init: RunHandlerInit): Promise<unknown> {
  const { registry, invocModel, coreCtx, context, timeoutMs } = init;
  const invoke = (args: unknown[], fn: FunctionCallback): Promise<unknown> => {
    const run = invocModel.invokeFunction(context(), args, fn);
    return timeoutMs === undefined ? run : withTimeout(run, timeoutMs);
  };
  if (registry.hooksFor('preInvocation').length === 0 && registry.hooksFor('postInvocation').length === 0) {
    coreCtx.state = 'invocation';
    try {
      return await invoke(init.inputs, init.callback);
    } finally {
      coreCtx.state = undefined;
    }
  }
  const { pre, post } = invocationHookContexts(registry.appHookData, context, init.callback, init.inputs);
  await runHooks(registry, 'preInvocation', pre, coreCtx, 'preInvocationHooks');
  post.inputs = pre.inputs;
  coreCtx.state = 'invocation';
  try {
    post.result = await invoke(pre.inputs, pre.functionCallback);
  } catch (err) {
    post.error = err;
  } finally {
    coreCtx.state = undefined;
  }
  await runHooks(registry, 'postInvocation', post, coreCtx, 'postInvocationHooks');
  if (post.error !== null && post.error !== undefined) throw ensureError(post.error);
  return post.result;
}

async function runHooks(
  registry: AppRegistry,
  name: HookName,
  ctx: object,
  coreCtx: RunHandlerInit['coreCtx'],
  state: InvocationState,
): Promise<void> {
  const hooks = registry.hooksFor(name);
  if (hooks.length === 0) return;
  coreCtx.state = state;
  try {
    // A copy: a hook that registers or disposes hooks does not change this run.
    for (const hook of [...hooks]) await hook(ctx);
  } finally {
    coreCtx.state = undefined;
  }
}
