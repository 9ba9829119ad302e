import type { Invoker } from '../invoke/Invoker';
import type { HostLogger } from '../invoke/HostLogger';
import type { HostKeys } from './HostKeys';
import type { Router } from './Router';
import type { CorsOptions } from './cors';

export interface HttpServerOptions {
  router: Router;
  /** Checks keys when set (`--enableAuth`); otherwise every route and the admin API are open, as in `func start`. */
  keys: HostKeys | undefined;
  invoker: Invoker;
  logger: HostLogger;
  /** Largest request body accepted; larger gets 413. */
  maxBodyBytes: number;
  cors?: CorsOptions | undefined;
  /** The library's HTTP proxy (`HttpUri` capability) when the app enabled HTTP streaming. */
  streamUri?: string | undefined;
  /** `POST /admin/functions/{name}` (master key): runs a non-HTTP function now; false when there is no such function. */
  adminInvoke?: (name: string, input: string) => boolean | Promise<boolean>;
  /** Who converts requests and responses: the host (default, see `HttpConversion`) or the library alone. */
  conversion?: HttpConversion;
}

/**
 * `host`: the library's HttpRequest wraps a BufferedRequest and a plain HttpResponseInit becomes RPC data
 * without a fetch Response (toRpcHttpResponse); `library`: the library builds an undici Request and Response
 * for every invocation, exactly as under the Node worker. Both give handlers the same objects and clients the
 * same bytes; `library` is there to prove that and to measure the difference.
 */
export type HttpConversion = 'host' | 'library';
