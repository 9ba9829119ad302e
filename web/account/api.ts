// The auth and order APIs the account pages call. The access token is kept in memory only: these pages are
// opened from a mail, used once, and closed.

/** A failed call, with the problem document's detail when there is one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export async function call<T>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    // Same-origin calls only; no referrer anywhere (the page's URL may still hold a token when first loaded).
    referrerPolicy: 'no-referrer',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const parsed = (await res.json().catch(() => ({}))) as T & {
    detail?: string;
    title?: string;
    errors?: Array<{ message?: string }>;
  };
  if (!res.ok) {
    const detail =
      parsed.errors?.[0]?.message ?? parsed.detail ?? parsed.title ?? `request failed (${res.status})`;
    throw new ApiError(detail, res.status);
  }
  return parsed;
}
