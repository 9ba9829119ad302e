import { applySettings, readLocalSettings } from './settings';

/**
 * The Functions host's setting for the command-line arguments of the Node worker process: the host puts them
 * before the worker script when it starts `node` (Core Tools honours it from local.settings.json, e.g. `--inspect`,
 * `--enable-source-maps`, V8 heap sizes). Both spellings: `__` in the environment on every OS, `:` in
 * local.settings.json.
 */
export const NODE_ARGUMENTS = ['languageWorkers__node__arguments', 'languageWorkers:node:arguments'] as const;

/** The arguments in `raw`, split on whitespace (the host passes the string as is; quoted spaces are not kept). */
export function splitArguments(raw: string | undefined): string[] {
  return (raw ?? '').split(/\s+/).filter((a) => a !== '');
}

/** The setting as this process's environment has it (once the app's settings are applied to it). */
export function nodeWorkerArguments(env: NodeJS.ProcessEnv = process.env): string[] {
  return splitArguments(NODE_ARGUMENTS.map((k) => env[k]).find((v) => v !== undefined));
}

/**
 * The setting as the app process will see it, read before that process exists (the supervisor forks it): the app's
 * settings applied to a copy of this environment, in applySettings' order (overrides, environment, local.settings.json).
 */
export function nodeWorkerArgumentsFor(
  appDir: string,
  overrides: Record<string, string> | undefined,
): string[] {
  const env = { ...process.env };
  applySettings(readLocalSettings(appDir), overrides, env);
  return nodeWorkerArguments(env);
}

/**
 * A list of node flags as options: a flag without `=` followed by a word that is not a flag takes it as its value
 * (`--import ./otel.mjs`, `-r x`), every other entry stands alone.
 */
function options(args: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = args[i + 1];
    if (a.startsWith('-') && !a.includes('=') && next !== undefined && !next.startsWith('-')) {
      out.push([a, next]);
      i++;
    } else out.push([a]);
  }
  return out;
}

/**
 * `base` (the runtime's own flags) followed by each option of `extra` not already in it. Compared option by option,
 * not word by word: `--import ./otel.mjs` is added beside tsx's `--import <loader>`, not cut to a stray `./otel.mjs`.
 */
export function withArguments(base: string[], extra: string[]): string[] {
  const have = new Set(options(base).map((o) => o.join('\0')));
  return [...base, ...options(extra).flatMap((o) => (have.has(o.join('\0')) ? [] : o))];
}
