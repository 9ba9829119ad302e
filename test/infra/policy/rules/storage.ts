import { literal, prop } from '../../bicep/syntax';
import type { PolicyRule, Violation } from '../PolicyRule';
import { targetsOfType } from '../targets';
import { violation } from '../violation';

/** Storage reachable only with Entra ID: no account keys, no SAS signed with them, no anonymous blobs. */
export const storageSharedKeyOff: PolicyRule = {
  id: 'storage-shared-key-off',
  description: 'allowSharedKeyAccess: false and allowBlobPublicAccess not true on every storage account',
  check(files) {
    const out: Violation[] = [];
    for (const t of targetsOfType(files, 'Microsoft.Storage/storageAccounts')) {
      if (literal(prop(t.settings, 'allowSharedKeyAccess')) !== false) {
        out.push(
          violation(this.id, t.file, t.node, `storage '${t.symbol}' must set allowSharedKeyAccess: false`),
        );
      }
      if (literal(prop(t.settings, 'allowBlobPublicAccess')) === true) {
        out.push(
          violation(this.id, t.file, t.node, `storage '${t.symbol}' must not allow public blob access`),
        );
      }
    }
    return out;
  },
};
