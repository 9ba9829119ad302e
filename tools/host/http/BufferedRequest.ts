import { ensureError } from '../errors';

// Fetch decodes text as UTF-8, dropping a leading BOM and replacing bad sequences; a shared decoder is stateless here.
const utf8 = new TextDecoder();

function bodyUnusable(): TypeError {
  return new TypeError('Body is unusable: Body has already been read');
}

/**
 * The fetch `Request` the library's `HttpRequest` wraps (its `nativeRequest`), for a request whose body the
 * host already holds in memory. It has the members `HttpRequest` reads (url, method, headers, body, bodyUsed,
 * arrayBuffer, blob, formData, json, text, clone) with undici's results and errors, without building an undici
 * Request, its AbortSignal and its body stream on every invocation. The first use of the body as a stream, or of
 * blob()/formData(), hands over to a real Request built then, so stream and MIME semantics are undici's own.
 */
export class BufferedRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly #bytes: Uint8Array | null;
  #used = false;
  #real: Request | undefined;

  /** `url` must already be serialized (`new URL(...).href`) and `method` normalized, as undici does both. */
  constructor(url: string, method: string, headers: Headers, bytes: Uint8Array | null) {
    this.url = url;
    this.method = method;
    this.headers = headers;
    this.#bytes = bytes && bytes.byteLength > 0 ? bytes : null;
  }

  get body(): ReadableStream<Uint8Array> | null {
    if (this.#bytes === null) return null;
    return this.#realRequest().body;
  }

  get bodyUsed(): boolean {
    return this.#real ? this.#real.bodyUsed : this.#used;
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    if (this.#real) return this.#real.arrayBuffer();
    try {
      const b = this.#consume();
      return Promise.resolve(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
    } catch (err) {
      return Promise.reject(ensureError(err));
    }
  }

  text(): Promise<string> {
    if (this.#real) return this.#real.text();
    try {
      return Promise.resolve(utf8.decode(this.#consume()));
    } catch (err) {
      return Promise.reject(ensureError(err));
    }
  }

  json(): Promise<unknown> {
    if (this.#real) return this.#real.json();
    try {
      return Promise.resolve(JSON.parse(utf8.decode(this.#consume())) as unknown);
    } catch (err) {
      return Promise.reject(ensureError(err));
    }
  }

  blob(): Promise<Blob> {
    return this.#realRequest().blob();
  }

  formData(): Promise<FormData> {
    return this.#realRequest().formData();
  }

  clone(): BufferedRequest | Request {
    if (this.#real) return this.#real.clone();
    // undici's own message for cloning a consumed request.
    if (this.#used) throw new TypeError('unusable');
    return new BufferedRequest(this.url, this.method, new Headers(this.headers), this.#bytes);
  }

  /** The bytes, once: a second read fails as undici's does. A request without a body reads as empty every time. */
  #consume(): Uint8Array {
    if (this.#bytes === null) return new Uint8Array(0);
    if (this.#used) throw bodyUnusable();
    this.#used = true;
    return this.#bytes;
  }

  /** A real Request with this body, from here on the one every body member delegates to. */
  #realRequest(): Request {
    if (!this.#real) {
      const real = new Request(this.url, {
        method: this.method,
        headers: this.headers,
        // Never a SharedArrayBuffer: the host's body comes from a socket.
        ...(this.#bytes === null ? {} : { body: this.#bytes as Uint8Array<ArrayBuffer> }),
      });
      // Already read through the fast path: the stream must look consumed (disturbed and locked), as undici's does.
      if (this.#used) void real.arrayBuffer();
      this.#real = real;
    }
    return this.#real;
  }
}

/** Methods undici refuses to build a Request for: those requests keep the library's own conversion (and its error). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * The `nativeRequest` for a buffered request, or undefined when undici would reject the request (bad URL,
 * credentials in it, forbidden method, invalid header): the library then builds its own Request and fails
 * exactly as it does without the host's help.
 */
export function bufferedRequest(
  rawUrl: string,
  method: string,
  headers: Record<string, string>,
  body: Uint8Array | undefined,
): BufferedRequest | undefined {
  if (FORBIDDEN_METHODS.has(method)) return undefined;
  // GET and HEAD cannot carry a body in fetch: the library drops it with a warning, so leave that case to it.
  if ((method === 'GET' || method === 'HEAD') && body && body.byteLength > 0) return undefined;
  let url: URL;
  let h: Headers;
  try {
    url = new URL(rawUrl);
    h = new Headers(headers);
  } catch {
    return undefined;
  }
  if (url.username !== '' || url.password !== '') return undefined;
  return new BufferedRequest(url.href, method, h, body ?? null);
}
