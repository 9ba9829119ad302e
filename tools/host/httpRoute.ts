import type { IndexedFunction } from './app/indexFunctions';
import { HostError } from './errors';
import type { HostFunctionInfo } from './HostFunctionInfo';
import { RouteTemplate } from './http/RouteTemplate';
import type { AuthLevel, Router } from './http/Router';

/** Adds an HTTP trigger to the router: route (default: the function name), methods, authLevel. */
export function addHttpRoute(router: Router, f: IndexedFunction): HostFunctionInfo {
  const o = f.trigger.options;
  const route = typeof o.route === 'string' && o.route !== '' ? o.route : f.name;
  const methods = Array.isArray(o.methods) ? (o.methods as string[]).map((m) => m.toUpperCase()) : undefined;
  const authLevel = (typeof o.authLevel === 'string' ? o.authLevel.toLowerCase() : 'anonymous') as AuthLevel;
  if (!['anonymous', 'function', 'admin'].includes(authLevel)) {
    throw new HostError(`unknown authLevel '${String(o.authLevel)}'.`);
  }
  const display = '/' + [router.prefix, route.replace(/^\/+/, '')].filter(Boolean).join('/');
  router.add({
    fn: f,
    bindingName: f.trigger.name,
    httpOutputs: f.outputs.filter((o) => o.type.toLowerCase() === 'http').map((o) => o.name),
    template: new RouteTemplate(route),
    methods: methods && new Set(methods),
    authLevel,
    display,
  });
  return { name: f.name, trigger: f.trigger.type, route: display, ...(methods ? { methods } : {}) };
}
