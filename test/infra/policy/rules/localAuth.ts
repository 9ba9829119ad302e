import { literal, prop } from '../../bicep/syntax';
import type { PolicyRule, Violation } from '../PolicyRule';
import { targetsOfType } from '../targets';
import { violation } from '../violation';

const TYPES = [
  'Microsoft.ServiceBus/namespaces',
  'Microsoft.DocumentDB/databaseAccounts',
  'Microsoft.Insights/components',
];

/** Keys and shared access signatures switched off: only Entra ID tokens are accepted. */
export const localAuthDisabled: PolicyRule = {
  id: 'local-auth-disabled',
  description: 'disableLocalAuth: true on Service Bus, Cosmos DB and Application Insights',
  check(files) {
    const out: Violation[] = [];
    for (const type of TYPES) {
      for (const t of targetsOfType(files, type)) {
        if (literal(prop(t.settings, 'disableLocalAuth')) !== true) {
          out.push(
            violation(this.id, t.file, t.node, `${type} '${t.symbol}' must set disableLocalAuth: true`),
          );
        }
      }
    }
    return out;
  },
};
