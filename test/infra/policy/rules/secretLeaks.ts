import type { SyntaxNode } from 'tree-sitter';
import type { BicepFile } from '../../bicep/BicepFile';
import {
  accessedProperties,
  calledFunctions,
  descendants,
  referencedIdentifiers,
  stringPrefix,
} from '../../bicep/syntax';

// Properties that hold keys or key-bearing connection strings on Azure resources and module outputs.
const KEY_PROPERTIES = new Set(
  [
    'primaryKey',
    'secondaryKey',
    'primaryMasterKey',
    'secondaryMasterKey',
    'primaryReadonlyMasterKey',
    'secondaryReadonlyMasterKey',
    'primaryConnectionString',
    'secondaryConnectionString',
    'connectionString',
    'connectionStrings',
    'instrumentationKey',
    'accessKey',
    'keys',
  ].map((k) => k.toLowerCase()),
);

const EMBEDDED_SECRET = /AccountKey=|SharedAccessKey=|SharedAccessSignature=|Password=|[?&]sig=/i;

export interface LeakOptions {
  /** Application Insights' connection string is an ingestion address once local auth is off. */
  allowConnectionString?: boolean;
}

/** Why the expression could carry a secret: list*() calls, @secure() params, key properties, embedded keys. */
export function secretLeaks(value: SyntaxNode, file: BicepFile, options: LeakOptions = {}): string[] {
  const reasons: string[] = [];
  for (const fn of calledFunctions(value)) {
    if (/^list[A-Z]/.test(fn)) reasons.push(`calls ${fn}()`);
  }
  const secure = new Set(file.params.filter((p) => p.secure).map((p) => p.name));
  for (const id of referencedIdentifiers(value)) {
    if (secure.has(id)) reasons.push(`uses the @secure() parameter '${id}'`);
  }
  for (const name of accessedProperties(value)) {
    const lower = name.toLowerCase();
    if (!KEY_PROPERTIES.has(lower)) continue;
    if (options.allowConnectionString && lower === 'connectionstring') continue;
    reasons.push(`reads '.${name}'`);
  }
  for (const s of descendants(value, (n) => n.type === 'string')) {
    if (EMBEDDED_SECRET.test(s.text)) reasons.push(`embeds a credential in ${stringPrefix(s) ?? s.text}`);
  }
  return reasons;
}
