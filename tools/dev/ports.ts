import { DevError } from './errors';
import { createServer, type AddressInfo, type Server } from 'node:net';

/** Fails with one message naming every busy port and what it was meant for. */
export async function assertPortsFree(ports: Array<{ port: number; what: string }>): Promise<void> {
  const busy = (
    await Promise.all(
      ports.filter((p) => p.port > 0).map(async (p) => ((await isFree(p.port)) ? undefined : p)),
    )
  ).filter((p) => p !== undefined);
  if (busy.length === 0) return;
  const list = busy.map((p) => `${p.port} (${p.what})`).join(', ');
  throw new DevError(
    `Port${busy.length > 1 ? 's' : ''} ${list} already in use: is another \`npm run dev\` (or emulator) running? ` +
      'Stop it, or run this one with --ephemeral-ports.',
  );
}

function isFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

/** Ports the OS calls free right now (for services whose address must be known before they start). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((done, fail) => {
          const s = createServer();
          s.once('error', fail);
          s.listen(0, '127.0.0.1', () => done(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  return ports;
}
