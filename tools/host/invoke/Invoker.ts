import { randomUUID } from 'node:crypto';
import type { AppRegistry } from '../app/AppRegistry';
import type { IndexedFunction } from '../app/indexFunctions';
import type { OutputBindings } from '../outputs/OutputBindings';
import { InputBindings } from '../inputs/InputBindings';
import { bindingData } from '../inputs/bindingData';
import type {
  CoreInvocationContext,
  FunctionMetadata,
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
import { runHandler } from './runHandler';
import { traceContextOf } from './traceContextOf';

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
 * copy of `@azure/functions` (bundled or not) builds every object a handler sees and no `instanceof` crosses
 * copies. The one exception is opt-in per call (`convertReturn`): a plain HTTP response the host converts itself.
 */
export class Invoker {
  readonly #inputs: InputBindings;

  constructor(
    private readonly registry: AppRegistry,
    private readonly logger: HostLogger,
    private readonly outputs: OutputBindings,
    /** host.json `functionTimeout` in ms; undefined = no limit. */
    private readonly timeoutMs?: number,
  ) {
    this.#inputs = new InputBindings(outputs.clients);
  }

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
    const traceContext = traceContextOf(input.inputData, input.triggerMetadata);
    if (traceContext) request.traceContext = traceContext;
    let context: unknown;
    const coreCtx: HostInvocationContext = new HostInvocationContext(
      invocationId,
      request,
      fn.metadata,
      (level, category, message) => this.#onLog(name, level, category, message, context),
    );
    try {
      // Inputs are read before the handler runs; a failed read fails the invocation, as in the extensions.
      if (f.inputs.length > 0)
        request.inputData = [
          ...input.inputData,
          ...(await this.#inputs.read(name, f.inputs, input.inputData[0], input.triggerMetadata)),
        ];
      const invocModel = await model.getInvocationModel(coreCtx);
      const args = await invocModel.getArguments();
      context = args.context;
      const result = await runHandler({
        registry: this.registry,
        invocModel,
        coreCtx,
        callback: fn.callback,
        inputs: args.inputs,
        context: () => context,
        timeoutMs: this.timeoutMs,
      });
      const converted = input.convertReturn?.(result);
      let response: RpcInvocationResponse;
      if (converted === undefined) response = await invocModel.getResponse(context, result);
      else if (f.outputs.length === 1 && f.outputs[0]!.name === '$return') {
        // What the model answers when `$return` is the only output, without a pass through it.
        response = { invocationId, outputData: [], returnValue: converted };
      } else {
        // The model still converts every other output binding; `$return` is the host's.
        response = await invocModel.getResponse(context, undefined);
        response.returnValue = converted;
      }
      await this.outputs.apply(name, f.outputs, response, () =>
        bindingData(input.inputData[0], input.triggerMetadata),
      );
      this.#done(name, invocationId, started, undefined);
      return response;
    } catch (err) {
      const error = ensureError(err);
      this.#done(name, invocationId, started, error);
      throw new InvocationError(invocationId, name, error);
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
