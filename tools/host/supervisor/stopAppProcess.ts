import type { ChildProcess } from 'node:child_process';
import type { ToAppProcess } from './appProcessMessages';

/** Asks the app process to stop (in-flight work finishes, checkpoints flush); SIGKILL after 15 s. */
export function stopAppProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    if (child.connected) child.send({ type: 'close' } satisfies ToAppProcess);
    else child.kill('SIGTERM');
  });
}
