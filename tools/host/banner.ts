import type { HostFunctionInfo } from './HostFunctionInfo';
import type { HostKeys } from './http/HostKeys';

/** What `func start` prints once the host runs: the functions with their URLs, the keys, then `listening`. */
export function banner(
  baseUrl: string,
  functions: readonly HostFunctionInfo[],
  keys: HostKeys | undefined,
  disabled: readonly string[],
): string[] {
  const lines = ['', 'Functions:', ''];
  for (const f of functions) {
    if (f.route) lines.push(`\t${f.name}: [${(f.methods ?? ['*']).join(',')}] ${baseUrl}${f.route}`);
    else lines.push(`\t${f.name}: ${f.trigger}`);
  }
  for (const name of disabled) lines.push(`\t${name}: disabled (AzureWebJobs.${name}.Disabled)`);
  if (keys) {
    lines.push('', `Keys: ${keys.file}${keys.created ? ' (created)' : ''}`);
    lines.push(`\tfunction key (x-functions-key or ?code=): ${keys.defaultFunctionKey}`);
    lines.push(`\tmaster key: ${keys.keys.masterKey}`);
  } else {
    lines.push('', 'Keys are not checked (as func start; --enableAuth checks them).');
  }
  lines.push(
    `\tPOST ${baseUrl}/admin/functions/<name>${keys ? ' with the master key' : ''} runs a non-HTTP function now.`,
    '',
  );
  lines.push(`Host listening on ${baseUrl} (${functions.length} functions)`);
  return lines;
}
