/** A response as tests look at it: status, headers and the parsed body (JSON, or text otherwise). */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface ApiRequest {
  method?: string;
  /** Serialised as JSON with `content-type: application/json` unless `raw` is given. */
  json?: unknown;
  /** Sent as is (with whatever content-type `headers` say). */
  raw?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  /** Sets `Authorization: Bearer <token>`. */
  token?: string;
}

/** A tiny fetch wrapper bound to the stack's base URL (real sockets, Node's fetch). */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async call<T = Record<string, unknown>>(path: string, req: ApiRequest = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...req.headers };
    let body: string | Uint8Array<ArrayBuffer> | undefined = req.raw;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] ??= 'application/json';
    }
    if (req.token) headers.authorization = `Bearer ${req.token}`;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: req.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    if (/json/.test(res.headers.get('content-type') ?? '') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  post<T = Record<string, unknown>>(
    path: string,
    json: unknown,
    req: Omit<ApiRequest, 'json'> = {},
  ): Promise<ApiResponse<T>> {
    return this.call<T>(path, { ...req, method: 'POST', json });
  }

  get<T = Record<string, unknown>>(
    path: string,
    req: Omit<ApiRequest, 'json'> = {},
  ): Promise<ApiResponse<T>> {
    return this.call<T>(path, { ...req, method: 'GET' });
  }
}
