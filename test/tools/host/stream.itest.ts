import { join } from 'node:path';
import { startHost, type RunningHost } from '../../../tools/host/index';
import { FIXTURE_APP } from './fixture';

// An app that enabled HTTP streaming: requests and responses go through the library's own proxy.
const STREAM_APP = join(FIXTURE_APP, '..', 'stream-app');
let host: RunningHost;

beforeAll(async () => {
  host = await startHost({ appDir: STREAM_APP, port: 0, quiet: true });
});

afterAll(() => host?.close());

it('streams a request body to the handler, with route parameters and headers', async () => {
  const res = await fetch(`${host.baseUrl}/api/upload/big`, {
    method: 'POST',
    body: 'x'.repeat(1_000_000),
    headers: { 'x-test': 'yes' },
  });
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ name: 'big', bytes: 1_000_000, header: 'yes' });
});

it('streams a response body back', async () => {
  const res = await fetch(`${host.baseUrl}/api/countdown`);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('3\n2\n1\nliftoff\n');
});

it('answers 500 with the invocation id when a streaming handler throws', async () => {
  const res = await fetch(`${host.baseUrl}/api/boom`);
  expect(res.status).toBe(500);
  expect(res.headers.get('x-ms-invocation-id')).toMatch(/^[0-9a-f-]{36}$/);
});
