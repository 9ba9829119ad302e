/** One function as the host lists it (and as `startHost` returns it). */
export interface HostFunctionInfo {
  name: string;
  /** The trigger binding type, e.g. `httpTrigger`, `timerTrigger`, `serviceBusTrigger`, `cosmosDBTrigger`, `queueTrigger`. */
  trigger: string;
  /** HTTP only: the path template with the route prefix, e.g. `/api/orders/{id:guid}`. */
  route?: string;
  /** HTTP only: accepted methods; absent = every method. */
  methods?: string[];
}
