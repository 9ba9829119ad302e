import type { IndexedFunction } from './app/indexFunctions';
import type { HostLogger } from './invoke/HostLogger';
import type { Invoker } from './invoke/Invoker';
import type { OutputBindings } from './outputs/OutputBindings';
import type { TriggerListener } from './TriggerListener';

export interface ListenerDeps {
  invoker: Invoker;
  logger: HostLogger;
  hostJson: Record<string, unknown>;
  outputs: OutputBindings;
  appDir: string;
}

/** The listener for a non-HTTP trigger, or undefined when this host does not run that trigger type. */
export function createListener(f: IndexedFunction, deps: ListenerDeps): TriggerListener | undefined {
  void deps;
  switch (f.trigger.type.toLowerCase()) {
    default:
      return undefined;
  }
}
