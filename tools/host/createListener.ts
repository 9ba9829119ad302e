import type { IndexedFunction } from './app/indexFunctions';
import type { HostLogger } from './invoke/HostLogger';
import type { Invoker } from './invoke/Invoker';
import type { OutputBindings } from './outputs/OutputBindings';
import { CosmosTriggerListener } from './cosmos/CosmosTriggerListener';
import { ServiceBusListener } from './serviceBus/ServiceBusListener';
import { serviceBusOptions } from './serviceBus/serviceBusOptions';
import { BlobListener } from './storage/BlobListener';
import { blobsOptions } from './storage/blobsOptions';
import { QueueListener } from './storage/QueueListener';
import { queueOptions } from './storage/queueOptions';
import { ScheduleMonitor } from './timer/ScheduleMonitor';
import { TimerListener } from './timer/TimerListener';
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
  switch (f.trigger.type.toLowerCase()) {
    case 'timertrigger':
      return new TimerListener(f, deps.invoker, deps.logger, new ScheduleMonitor(deps.appDir));
    case 'cosmosdbtrigger':
      return new CosmosTriggerListener(f, deps.invoker, deps.logger, deps.outputs.clients, deps.appDir);
    case 'servicebustrigger':
      return new ServiceBusListener(
        f,
        deps.invoker,
        deps.logger,
        deps.outputs.clients,
        serviceBusOptions(deps.hostJson),
      );
    case 'queuetrigger':
      return new QueueListener(
        f,
        deps.invoker,
        deps.logger,
        deps.outputs.clients.storage,
        queueOptions(deps.hostJson),
      );
    case 'blobtrigger':
      return new BlobListener(
        f,
        deps.invoker,
        deps.logger,
        deps.outputs.clients.storage,
        blobsOptions(deps.hostJson),
      );
    default:
      return undefined;
  }
}
