import type { IndexedFunction } from './app/indexFunctions';
import type { RpcTypedData } from './app/coreTypes';

/**
 * The trigger input for `POST /admin/functions/{name}` `{"input": "..."}`, as the host builds it: a timer gets its
 * timer object, other triggers get the input string (which the library JSON-parses when it can).
 */
export function manualInput(f: IndexedFunction, input: string): RpcTypedData {
  if (f.trigger.type.toLowerCase() === 'timertrigger') {
    return {
      json: JSON.stringify({ Schedule: { AdjustForDST: true }, ScheduleStatus: null, IsPastDue: false }),
    };
  }
  return { string: input };
}
