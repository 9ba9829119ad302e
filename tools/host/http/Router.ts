import type { IndexedFunction } from '../app/indexFunctions';
import { RouteTemplate } from './RouteTemplate';

export type AuthLevel = 'anonymous' | 'function' | 'admin';

export interface HttpRoute {
  fn: IndexedFunction;
  /** The trigger binding's name: the input the request is bound to. */
  bindingName: string;
  /** Output bindings of type http, in binding order: the first with data is the response (none: 204). */
  httpOutputs: readonly string[];
  template: RouteTemplate;
  /** Upper-case methods; undefined = every method. */
  methods: ReadonlySet<string> | undefined;
  authLevel: AuthLevel;
  /** Full path as printed, e.g. `api/orders/{id:guid}`. */
  display: string;
}

export interface RouteMatch {
  route: HttpRoute;
  params: Record<string, string>;
}

function compare(a: HttpRoute, b: HttpRoute): number {
  const pa = a.template.precedence;
  const pb = b.template.precedence;
  // A missing segment ranks before any (0): `items` before `items/{*rest}` and `items/{page?}`.
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (x !== y) return x - y;
  }
  return 0;
}

/** Matches a request path against every HTTP trigger route under the host's route prefix. */
export class Router {
  readonly #prefix: string[];
  #routes: HttpRoute[] = [];

  constructor(routePrefix: string) {
    this.#prefix = routePrefix
      .split('/')
      .filter(Boolean)
      .map((s) => s.toLowerCase());
  }

  get prefix(): string {
    return this.#prefix.join('/');
  }

  add(route: HttpRoute): void {
    this.#routes.push(route);
    this.#routes.sort(compare);
  }

  get routes(): readonly HttpRoute[] {
    return this.#routes;
  }

  /**
   * Returns the route for `method` and `pathname`, `undefined` when none matches. A route that matches the path
   * but not the method does not match at all: the Functions host answers 404 there too.
   * Throws URIError for a malformed percent-encoding.
   */
  match(method: string, pathname: string): RouteMatch | undefined {
    const raw = pathname.split('/');
    const segs: string[] = [];
    for (const s of raw) if (s !== '') segs.push(s.includes('%') ? decodeURIComponent(s) : s);
    const prefix = this.#prefix;
    if (segs.length < prefix.length) return undefined;
    for (let i = 0; i < prefix.length; i++) if (segs[i]!.toLowerCase() !== prefix[i]) return undefined;
    const path = prefix.length === 0 ? segs : segs.slice(prefix.length);
    for (const route of this.#routes) {
      if (route.methods && !route.methods.has(method)) continue;
      const params = route.template.match(path);
      if (params) return { route, params };
    }
    return undefined;
  }
}
