import { DevError } from './errors';
import { createServer } from 'node:net';

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
