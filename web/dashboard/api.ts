import type { DeadLetterListItem } from '../../shared/alerts/deadLetterDocs';
import type { DashboardSnapshot } from '../../shared/analytics/dashboardSnapshot';

// The admin APIs the dashboard reads. The access token lives in sessionStorage only: gone with the tab.
const TOKEN_KEY = 'orderflow.accessToken';

// The page reads the same types the API is built from (type-only: nothing of shared/ reaches the bundle).
export type Snapshot = DashboardSnapshot;
export type DeadLetter = DeadLetterListItem;

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
