import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { spawnTracked, stopChild } from '../children';
import { BenchUnavailableError } from '../errors';
import { requireFiles } from '../parts';
import { readyLine } from './readyLine';
import type { StackInfo } from './stackInfo';

export interface OfflineStack extends StackInfo {
  child: ChildProcess;
  close(): Promise<void>;
}

/** Starts Cosmos DB (and Service Bus when asked) in a child process on ephemeral ports of 127.0.0.1. */
export async function startOfflineStack(
  root: string,
  parts: { serviceBus: boolean; mail?: boolean },
): Promise<OfflineStack> {
  requireFiles(root, ['tools/cosmos/index.ts'], 'the offline Cosmos DB');
  if (parts.serviceBus) requireFiles(root, ['tools/servicebus/index.ts'], 'the offline Service Bus broker');
  const args = [
    '--import',
    'tsx',
    join(root, 'bench', 'stack', 'stackMain.ts'),
    'cosmos',
    ...(parts.serviceBus ? ['servicebus'] : []),
    ...(parts.mail ? ['mail'] : []),
  ];
  const child = spawnTracked(process.execPath, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  const info = await readyLine<StackInfo>(child, 'ready', 'offline stack', 60_000);
  if (parts.serviceBus && !info.serviceBus)
    throw new BenchUnavailableError('the offline Service Bus broker did not start');
  return { ...info, child, close: () => stopChild(child) };
}
