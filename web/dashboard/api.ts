// The admin APIs the dashboard reads. The access token lives in sessionStorage only: gone with the tab.
const TOKEN_KEY = 'orderflow.accessToken';

export interface Snapshot {
  generatedAt: string;
  totals: { orders: number; revenue: number; open: number; cancelled: number };
  revenueByCurrency: Record<string, number>;
  cancellationRate: number;
  averageOrderValue: number;
  ordersByStatus: Record<string, number>;
  daily: Array<{ date: string; orders: number; revenue: number; cancelled: number }>;
  topProducts: Array<{ sku: string; quantity: number; revenue: number }>;
  openAge: { count: number; averageSeconds: number; p90Seconds: number; oldestSeconds: number };
}

export interface DeadLetter {
  id: string;
  messageId: string;
  reason: string | null;
  description: string | null;
  deliveryCount: number | null;
  enqueuedTime: string | null;
  receivedAt: string;
  subject: string | null;
  replayedAt: string | null;
  replayedBy: string | null;
  replayCount: number;
}

export class UnauthorizedError extends Error {}

export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (t: string): void => sessionStorage.setItem(TOKEN_KEY, t),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const t = token.get();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (res.status === 401 || res.status === 403)
    throw new UnauthorizedError(
      res.status === 403 ? 'This account is not an administrator.' : 'Please sign in.',
    );
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as { detail?: string; title?: string };
    throw new Error(problem.detail ?? problem.title ?? `${method} ${path}: ${res.status}`);
  }
  return (await res.json()) as T;
}

export async function login(email: string, password: string): Promise<void> {
  const res = await call<{ accessToken: string }>('POST', '/api/auth/login', { email, password });
  token.set(res.accessToken);
}

export const getSnapshot = (): Promise<Snapshot> => call('GET', '/api/analytics/dashboard');
export const refreshSnapshot = (): Promise<Snapshot> => call('POST', '/api/analytics/dashboard/refresh');
export const getDeadLetters = (): Promise<{ items: DeadLetter[] }> => call('GET', '/api/admin/deadletters');
export const replay = (id: string): Promise<{ messageId: string }> =>
  call('POST', `/api/admin/deadletters/${encodeURIComponent(id)}/replay`);
