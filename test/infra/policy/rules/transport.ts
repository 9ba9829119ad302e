import type { SyntaxNode } from 'tree-sitter';
import type { BicepFile } from '../../bicep/BicepFile';
import { descendants, literal, path, prop } from '../../bicep/syntax';
import type { PolicyRule, Violation } from '../PolicyRule';
import { targetsOfType } from '../targets';
import { violation } from '../violation';

// Each ARM type spells its minimum TLS setting differently.
const TLS: Array<{ type: string; setting: string; value: string }> = [
  { type: 'Microsoft.ServiceBus/namespaces', setting: 'minimumTlsVersion', value: '1.2' },
  { type: 'Microsoft.DocumentDB/databaseAccounts', setting: 'minimalTlsVersion', value: 'Tls12' },
  { type: 'Microsoft.Storage/storageAccounts', setting: 'minimumTlsVersion', value: 'TLS1_2' },
  { type: 'Microsoft.Web/sites', setting: 'siteConfig.minTlsVersion', value: '1.2' },
];

export const tls12Minimum: PolicyRule = {
  id: 'tls12-minimum',
  description:
    'TLS 1.2 minimum on Service Bus (1.2), Cosmos DB (Tls12), storage (TLS1_2) and the function app',
  check(files) {
    const out: Violation[] = [];
    for (const { type, setting, value } of TLS) {
      for (const t of targetsOfType(files, type)) {
        if (literal(path(t.settings, setting)) !== value) {
          out.push(
            violation(this.id, t.file, t.node, `${type} '${t.symbol}' must set ${setting}: '${value}'`),
          );
        }
      }
    }
    return out;
  },
};

export const httpsOnly: PolicyRule = {
  id: 'https-only',
  description: 'httpsOnly: true on the function app; storage never allows plain HTTP',
  check(files) {
    const out: Violation[] = [];
    for (const t of targetsOfType(files, 'Microsoft.Web/sites')) {
      if (literal(prop(t.settings, 'httpsOnly')) !== true) {
        out.push(violation(this.id, t.file, t.node, `site '${t.symbol}' must set httpsOnly: true`));
      }
    }
    for (const t of targetsOfType(files, 'Microsoft.Storage/storageAccounts')) {
      if (literal(prop(t.settings, 'supportsHttpsTrafficOnly')) === false) {
        out.push(violation(this.id, t.file, t.node, `storage '${t.symbol}' must not allow HTTP`));
      }
    }
    return out;
  },
};

/** basicPublishingCredentialsPolicies `ftp` and `scm` of a raw site, with allow: false, in the same file. */
function publishingPoliciesOff(file: BicepFile, siteSymbol: string): Set<string> {
  const off = new Set<string>();
  for (const r of file.resources) {
    if (r.type.toLowerCase() !== 'microsoft.web/sites/basicpublishingcredentialspolicies') continue;
    if (prop(r.body, 'parent')?.text !== siteSymbol) continue;
    if (literal(path(r.body, 'properties.allow')) === false) off.add(String(literal(prop(r.body, 'name'))));
  }
  return off;
}

/** The same for an AVM site: objects { name, allow: false } inside params.basicPublishingCredentialsPolicies. */
function avmPoliciesOff(settings: SyntaxNode | undefined): Set<string> {
  const policies = prop(settings, 'basicPublishingCredentialsPolicies');
  const off = new Set<string>();
  if (!policies) return off;
  for (const o of descendants(policies, (n) => n.type === 'object')) {
    if (literal(prop(o, 'allow')) === false) off.add(String(literal(prop(o, 'name'))));
  }
  return off;
}

export const ftpsOff: PolicyRule = {
  id: 'ftps-off',
  description: "ftpsState: 'Disabled' and basic-auth publishing (ftp, scm) switched off on the function app",
  check(files) {
    const out: Violation[] = [];
    for (const t of targetsOfType(files, 'Microsoft.Web/sites')) {
      if (literal(path(t.settings, 'siteConfig.ftpsState')) !== 'Disabled') {
        out.push(
          violation(this.id, t.file, t.node, `site '${t.symbol}' must set siteConfig.ftpsState: 'Disabled'`),
        );
      }
      const off = t.via === 'resource' ? publishingPoliciesOff(t.file, t.symbol) : avmPoliciesOff(t.settings);
      for (const name of ['ftp', 'scm']) {
        if (!off.has(name)) {
          out.push(
            violation(
              this.id,
              t.file,
              t.node,
              `site '${t.symbol}' needs basicPublishingCredentialsPolicies '${name}' allow: false`,
            ),
          );
        }
      }
    }
    return out;
  },
};
