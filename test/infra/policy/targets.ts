import type { SyntaxNode } from 'tree-sitter';
import type { BicepFile } from '../bicep/BicepFile';
import { path, prop } from '../bicep/syntax';

/** AVM resource modules we use or expect, by the ARM type they deploy; their params carry the same settings. */
export const AVM_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  'avm/res/insights/component': 'Microsoft.Insights/components',
  'avm/res/storage/storage-account': 'Microsoft.Storage/storageAccounts',
  'avm/res/service-bus/namespace': 'Microsoft.ServiceBus/namespaces',
  'avm/res/document-db/database-account': 'Microsoft.DocumentDB/databaseAccounts',
  'avm/res/web/site': 'Microsoft.Web/sites',
  'avm/res/key-vault/vault': 'Microsoft.KeyVault/vaults',
  'avm/res/managed-identity/user-assigned-identity': 'Microsoft.ManagedIdentity/userAssignedIdentities',
  'avm/res/web/serverfarm': 'Microsoft.Web/serverfarms',
  'avm/res/operational-insights/workspace': 'Microsoft.OperationalInsights/workspaces',
};

/** `br/public:avm/res/web/site:0.15.1` -> { module: 'avm/res/web/site', version: '0.15.1' }. */
export function avmReference(source: string): { module: string; version: string } | undefined {
  const m = /^br\/public:(avm\/[a-z]+\/[a-z0-9/-]+):(.+)$/.exec(source);
  return m?.[1] && m[2] ? { module: m[1], version: m[2] } : undefined;
}

/** A deployed instance of an ARM type: a (non-existing) resource, or an AVM module that deploys it. */
export interface Target {
  file: BicepFile;
  symbol: string;
  /** `properties` of a resource, `params` of an AVM module. */
  settings: SyntaxNode | undefined;
  node: SyntaxNode;
  via: 'resource' | 'avm';
}

export function targetsOfType(files: BicepFile[], armType: string): Target[] {
  const wanted = armType.toLowerCase();
  const out: Target[] = [];
  for (const file of files) {
    for (const r of file.resources) {
      if (r.existing || r.type.toLowerCase() !== wanted) continue;
      out.push({
        file,
        symbol: r.symbol,
        settings: prop(r.body, 'properties'),
        node: r.node,
        via: 'resource',
      });
    }
    for (const m of file.modules) {
      const avm = avmReference(m.source);
      if (!avm || AVM_RESOURCE_TYPES[avm.module]?.toLowerCase() !== wanted) continue;
      out.push({ file, symbol: m.symbol, settings: path(m.body, 'params'), node: m.node, via: 'avm' });
    }
  }
  return out;
}
