import type { RegisteredFunction } from './AppRegistry';
import type { RpcBindingInfo } from './coreTypes';
import { resolveSettingRefs } from './settings';
import { BindingConfigError, ensureError } from '../errors';

export interface BindingSpec {
  /** Binding name (`$return` for the return binding). */
  name: string;
  type: string;
  /** Options with `%Setting%` references resolved. */
  options: Record<string, unknown>;
}

export interface IndexedFunction {
  fn: RegisteredFunction;
  name: string;
  trigger: BindingSpec;
  outputs: BindingSpec[];
  /** Input bindings other than the trigger (Cosmos DB is read; the others are warned about). */
  inputs: BindingSpec[];
}

const NOT_RESOLVED = new Set(['name', 'type', 'direction', 'properties']);

function resolveOptions(
  functionName: string,
  binding: RpcBindingInfo,
  env: NodeJS.ProcessEnv,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(binding)) {
    if (typeof v === 'string' && !NOT_RESOLVED.has(k) && v.includes('%')) {
      try {
        out[k] = resolveSettingRefs(v, env);
      } catch (err) {
        throw new BindingConfigError(functionName, `binding option '${k}': ${ensureError(err).message}`);
      }
    } else out[k] = v;
  }
  return out;
}

/** Reads each registered function's trigger and output bindings, resolving `%Setting%` references as the host does. */
export function indexFunction(fn: RegisteredFunction, env: NodeJS.ProcessEnv = process.env): IndexedFunction {
  const name = fn.metadata.name;
  let trigger: BindingSpec | undefined;
  const outputs: BindingSpec[] = [];
  const inputs: BindingSpec[] = [];
  for (const [bindingName, binding] of Object.entries(fn.metadata.bindings ?? {})) {
    const type = binding.type ?? '';
    const spec = { name: bindingName, type, options: resolveOptions(name, binding, env) };
    if (/trigger$/i.test(type)) {
      if (trigger) throw new BindingConfigError(name, 'more than one trigger binding');
      trigger = spec;
    } else if (binding.direction === 'out') outputs.push(spec);
    else if (binding.direction === 'in') inputs.push(spec);
  }
  if (!trigger) throw new BindingConfigError(name, 'no trigger binding');
  return { fn, name, trigger, outputs, inputs };
}
