import type { BicepFile } from '../bicep/BicepFile';
import type { PolicyContext, PolicyRule, Violation } from './PolicyRule';
import { avmPinned, noUnusedDeclarations, paramDescriptions } from './rules/conventions';
import { leasesOnId } from './rules/leases';
import { localAuthDisabled } from './rules/localAuth';
import { moduleContract } from './rules/moduleContract';
import { builtInRoleIds } from './rules/roles';
import { noListFunctions, noSecretsInAppSettings, noSecretsInOutputs } from './rules/secrets';
import { storageSharedKeyOff } from './rules/storage';
import { everythingTagged } from './rules/tags';
import { topologySourced } from './rules/topologySourced';
import { ftpsOff, httpsOnly, tls12Minimum } from './rules/transport';

/** Every infrastructure policy, each able to fail on its own (see policyRules.test.ts). */
export const POLICY_RULES: readonly PolicyRule[] = [
  localAuthDisabled,
  noListFunctions,
  noSecretsInOutputs,
  noSecretsInAppSettings,
  storageSharedKeyOff,
  tls12Minimum,
  httpsOnly,
  ftpsOff,
  leasesOnId,
  builtInRoleIds,
  everythingTagged,
  topologySourced,
  paramDescriptions,
  avmPinned,
  moduleContract,
  noUnusedDeclarations,
];

export function runPolicy(rule: PolicyRule, files: BicepFile[], ctx: PolicyContext): Violation[] {
  return rule.check(files, ctx);
}
