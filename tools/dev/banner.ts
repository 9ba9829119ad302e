import type { DevStack } from './devStack';

/** What a developer needs on one screen: where things are, what runs offline, and how it connects. */
export function printBanner(stack: DevStack): void {
  const api = `${stack.hostUrl}/api`;
  const lines = [
    '',
    'orderflow dev',
    `  API         ${api}`,
    `  API docs    ${api}/docs`,
    `  Dashboard   ${api}/dashboard`,
    ...(stack.mailUrl ? [`  Mail        ${stack.mailUrl}`] : []),
    ...(stack.portalUrl ? [`  Portal      ${stack.portalUrl}`] : []),
    '',
    '  Services',
    ...Object.entries(stack.plan).map(
      ([name, d]) => `    ${name.padEnd(11)} ${d.offline ? 'offline' : 'Azure  '}  (${d.reason})`,
    ),
    '',
    '  Connection settings handed to the host',
    ...Object.entries(stack.connections).map(([k, v]) => `    ${k}=${v}`),
    ...stack.notes.map((n) => `  note: ${n}`),
    '',
    `  Up after (ms from start): ${Object.entries(stack.timings)
      .sort((a, b) => a[1] - b[1])
      .map(([k, v]) => `${k} ${Math.round(v)}`)
      .join(', ')}`,
    `[dev] ready in ${(stack.readyMs / 1000).toFixed(2)} s, listening on ${api} (Ctrl-C stops everything)`,
  ];
  console.log(lines.join('\n'));
}
