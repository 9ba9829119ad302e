import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

/**
 * Calls `onChange` once per burst of changes under the given folders (editors save in several steps; git
 * checkouts touch many files), `debounceMs` after the last one.
 */
export function watchSources(
  root: string,
  folders: string[],
  onChange: () => void,
  debounceMs = 200,
): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  const fire = (_event: string, file: string | Buffer | null) => {
    // Editor swap and backup files are not sources.
    if (typeof file === 'string' && /(~|\.swp|\.tmp)$/.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  const watchers: FSWatcher[] = folders
    .map((f) => join(root, f))
    .filter((dir) => existsSync(dir))
    .map((dir) => watch(dir, { recursive: true }, fire));
  return {
    close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
