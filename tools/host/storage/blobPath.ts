import { randomUUID } from 'node:crypto';
import { lookup } from '../inputs/bindingData';
import { BindingConfigError } from '../errors';

export interface BlobPathPattern {
  container: string;
  /** The literal start of the blob name, for listing. */
  prefix: string;
  /** Matches a blob name; named groups are the `{name}` parameters. */
  match(blobName: string): Record<string, string> | undefined;
}

const PARAM = /\{([^{}]+)\}/g;

/**
 * A blob trigger's `path` (`container/dir/{name}.{ext}`) as the extension reads it: the container is literal, each
 * `{param}` in the blob name binds the text it covers (a parameter takes as little as it can, so
 * `{name}.{ext}` splits at the first dot, as the extension's pattern does).
 */
export function blobPathPattern(functionName: string, path: string): BlobPathPattern {
  const slash = path.indexOf('/');
  const container = slash < 0 ? path : path.slice(0, slash);
  const blob = slash < 0 ? '' : path.slice(slash + 1);
  if (!/^[a-z0-9$](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(container))
    throw new BindingConfigError(
      functionName,
      `blob path '${path}': '${container}' is not a literal container name`,
    );
  const names: string[] = [];
  let source = '^';
  let last = 0;
  for (const m of blob.matchAll(PARAM)) {
    source += escape(blob.slice(last, m.index)) + '(.+?)';
    names.push(m[1]!.trim());
    last = m.index + m[0].length;
  }
  source += `${escape(blob.slice(last))}${names.length === 0 && blob === '' ? '.+' : ''}$`;
  const re = new RegExp(source, 's');
  const firstParam = blob.indexOf('{');
  return {
    container,
    prefix: firstParam < 0 ? blob : blob.slice(0, firstParam),
    match(blobName) {
      const m = re.exec(blobName);
      if (!m) return undefined;
      const out: Record<string, string> = {};
      names.forEach((n, i) => (out[n] = m[i + 1]!));
      return out;
    },
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `{DateTime}` as the extension writes it into a blob path: UTC, `yyyy-MM-ddTHH-mm-ssZ`. */
function dateTimeText(now: Date): string {
  return now
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}

/**
 * A blob binding's `path` with its binding expressions filled in from the trigger's binding data, plus the
 * built-ins `{rand-guid}` and `{DateTime}`. A missing value fails the binding, as in the extension.
 */
export function resolveBlobPath(
  functionName: string,
  bindingName: string,
  path: string,
  data: Map<string, unknown>,
): { container: string; blobName: string } {
  const resolved = path.replace(PARAM, (_, expr: string) => {
    const key = expr.trim();
    if (key.toLowerCase() === 'rand-guid') return randomUUID();
    if (key.toLowerCase() === 'datetime') return dateTimeText(new Date());
    const v = lookup(data, key);
    if (v === undefined || v === null)
      throw new BindingConfigError(functionName, `blob binding '${bindingName}': no value for '{${key}}'`);
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
  });
  const slash = resolved.indexOf('/');
  if (slash <= 0 || slash === resolved.length - 1)
    throw new BindingConfigError(
      functionName,
      `blob binding '${bindingName}': path '${resolved}' needs container/blob`,
    );
  return { container: resolved.slice(0, slash), blobName: resolved.slice(slash + 1) };
}
