import { randomUUID } from 'node:crypto';
import type { AppRegistry, HookName } from '../app/AppRegistry';
import type { IndexedFunction } from '../app/indexFunctions';
import type { OutputBindings } from '../outputs/OutputBindings';
import type {
  CoreInvocationContext,
  FunctionCallback,
  FunctionMetadata,
  InvocationModel,
  InvocationState,
  RpcInvocationRequest,
  RpcInvocationResponse,
  RpcLogCategory,
  RpcLogLevel,
  RpcParameterBinding,
  RpcRetryContext,
  RpcTypedData,
} from '../app/coreTypes';
import { ensureError, HostError } from '../errors';
import type { HostLogger } from './HostLogger';
import { invocationHookContexts, withTimeout } from './invocationHookContexts';

export interface InvokeInput {
  inputData: RpcParameterBinding[];
  triggerMetadata?: Record<string, RpcTypedData>;
  retryContext?: RpcRetryContext;
  /** Shown in the "Executing" line, as func start shows the trigger's reason. */
  reason: string;
  invocationId?: string;
  /**
   * The return value's RPC form computed by the host (HTTP: `toRpcHttpResponse`), or undefined to let the
   * programming model convert it. Output bindings other than `$return` are always the model's.
   */
  convertReturn?: (result: unknown) => RpcTypedData | null | undefined;
}

/** A handler failure, carrying the invocation id so the trigger can report it (HTTP 500, abandon, retry). */
export class InvocationError extends HostError {
  override name = 'InvocationError';
  constructor(
    readonly invocationId: string,
    readonly functionName: string,
    override readonly cause: Error,
  ) {
    super(`Function '${functionName}' failed (invocation ${invocationId}): ${cause.message}`);
  }
}

class HostInvocationContext implements CoreInvocationContext {
  state?: InvocationState;
  constructor(
    readonly invocationId: string,
    readonly request: RpcInvocationRequest,
    readonly metadata: FunctionMetadata,
    readonly log: (level: RpcLogLevel, category: RpcLogCategory, message: string) => void,
  ) {}
}

/**
 * Runs one invocation the way the Node worker's InvocationHandler does: the programming model the app registered
 * turns RPC-shaped input into handler arguments and the result back into RPC-shaped output, so the app's own
 * copy of `@azure/functions` (bundled or not) does all conversion and no `instanceof` crosses copies.
 */
export class Invoker {
  constructor(
    private readonly registry: AppRegistry,
    private readonly logger: HostLogger,
    private readonly outputs: OutputBindings,
    /** host.json `functionTimeout` in ms; undefined = no limit. */
    private readonly timeoutMs?: number,
  ) {}

  async invoke(f: IndexedFunction, input: InvokeInput): Promise<RpcInvocationResponse> {
    const model = this.registry.programmingModel;
    if (!model) throw new HostError('The app set no programming model (did it import @azure/functions?).');
    const fn = f.fn;
    const name = fn.metadata.name;
    const invocationId = input.invocationId ?? randomUUID();
    const started = performance.now();
    if (this.logger.enabled('information'))
      this.logger.host(
        'information',
        `Executing 'Functions.${name}' (Reason='${input.reason}', Id=${invocationId})`,
      );
    const request: RpcInvocationRequest = {
      invocationId,
      functionId: fn.functionId,
      inputData: input.inputData,
      triggerMetadata: input.triggerMetadata ?? {},
      ...(input.retryContext ? { retryContext: input.retryContext } : {}),
    };
    let context: unknown;
    const coreCtx: HostInvocationContext = new HostInvocationContext(
      invocationId,
      request,
      fn.metadata,
      (level, category, message) => this.#onLog(name, level, category, message, context),
    );
    try {
      const invocModel = await model.getInvocationModel(coreCtx);
      const args = await invocModel.getArguments();
      context = args.context;
      const result = await this.#run(invocModel, coreCtx, fn.callback, args.inputs, () => context);
      const fast = input.convertReturn?.(result);
      let response: RpcInvocationResponse;
      if (fast !== undefined) {
        // The model still converts every other output binding; `$return` is the host's.
        response = await invocModel.getResponse(context, undefined);
        response.returnValue = fast;
      } else response = await invocModel.getResponse(context, result);
      await this.outputs.apply(name, f.outputs, response);
      this.#done(name, invocationId, started, undefined);
      return response;
    } catch (err) {
      const error = ensureError(err);
      this.#done(name, invocationId, started, error);
      throw new InvocationError(invocationId, name, error);
    }
  }

  /** The handler between preInvocation and postInvocation hooks; the hook contexts exist only when hooks do. */
  async #run(
    invocModel: InvocationModel,
    coreCtx: HostInvocationContext,
    callback: FunctionCallback,
    inputs: unknown[],
    context: () => unknown,
  ): Promise<unknown> {
    const invoke = (ctx: unknown, args: unknown[], fn: FunctionCallback): Promise<unknown> => {
      const run = invocModel.invokeFunction(ctx, args, fn);
      return this.timeoutMs === undefined ? run : withTimeout(run, this.timeoutMs);
    };
    if (
      this.registry.hooksFor('preInvocation').length === 0 &&
      this.registry.hooksFor('postInvocation').length === 0
    ) {
      coreCtx.state = 'invocation';
      try {
        return await invoke(context(), inputs, callback);
      } finally {
        coreCtx.state = undefined;
      }
    }
    const { pre, post } = invocationHookContexts(this.registry.appHookData, context, callback, inputs);
    await this.#hooks('preInvocation', pre, coreCtx, 'preInvocationHooks');
    post.inputs = pre.inputs;
    coreCtx.state = 'invocation';
    try {
      post.result = await invoke(context(), pre.inputs, pre.functionCallback);
    } catch (err) {
      post.error = err;
    } finally {
      coreCtx.state = undefined;
    }
    await this.#hooks('postInvocation', post, coreCtx, 'postInvocationHooks');
    if (post.error !== null && post.error !== undefined) throw ensureError(post.error);
    return post.result;
  }

  async #hooks(
    name: HookName,
    ctx: object,
    coreCtx: HostInvocationContext,
    state: InvocationState,
  ): Promise<void> {
    const hooks = this.registry.hooksFor(name);
    if (hooks.length === 0) return;
    coreCtx.state = state;
    try {
      for (const hook of [...hooks]) await hook(ctx);
    } finally {
      coreCtx.state = undefined;
    }
  }

  #onLog(
    name: string,
    level: RpcLogLevel,
    category: RpcLogCategory,
    message: string,
    context: unknown,
  ): void {
    if (category === 'system') this.logger.host(level, message);
    else this.logger.fn(name, level, message);
    const logHooks = this.registry.hooksFor('log');
    if (logHooks.length === 0) return;
    const ctx = {
      hookData: {},
      appHookData: this.registry.appHookData,
      level,
      category,
      message,
      invocationContext: context,
    };
    for (const hook of logHooks) {
      try {
        void hook(ctx);
      } catch (err) {
        this.logger.host('warning', `A log hook threw: ${ensureError(err).message}`);
      }
    }
  }

  #done(name: string, invocationId: string, started: number, error: Error | undefined): void {
    if (!error) {
      if (!this.logger.enabled('information')) return;
      const ms = Math.round(performance.now() - started);
      this.logger.host(
        'information',
        `Executed 'Functions.${name}' (Succeeded, Id=${invocationId}, Duration=${ms}ms)`,
      );
      return;
    }
    const ms = Math.round(performance.now() - started);
    this.logger.host('error', `Executed 'Functions.${name}' (Failed, Id=${invocationId}, Duration=${ms}ms)`);
    this.logger.host('error', `Result: Failure\nException: ${error.message}\nStack: ${error.stack ?? ''}`);
  }
}
