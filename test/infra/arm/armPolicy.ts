import type { ArmResource, ArmTemplate } from './armResources';
import { armPath, armResources, armTemplates, ofType } from './armResources';

/**
 * The policy rules of ../policy, checked again on the compiled ARM JSON: resources and properties as ARM
 * receives them, after modules are inlined as nested deployments. A rule that passes on the Bicep text but not
 * here means the text compiles to something else (a parameter default, a module that drops a setting, a
 * property name ARM does not know).
 */
export interface ArmViolation {
  rule: string;
  where: string;
  message: string;
}

export interface ArmRule {
  id: string;
  check(template: ArmTemplate, ctx: ArmContext): ArmViolation[];
}

export interface ArmContext {
  /** infra/roles.json: role key -> built-in role definition id. */
  roles: Record<string, string>;
  /** infra/topology.json as parsed. */
  topology: unknown;
}

const where = (r: ArmResource): string => `${r.deployment || 'main'}: ${r.type} ${String(r.name)}`;

/** A rule that each resource of `type` must satisfy: `expect` returns the problems of one resource. */
function perResource(id: string, type: string, expect: (r: ArmResource) => string[]): ArmRule {
  return {
    id,
    check(template) {
      return ofType(armResources(template), type).flatMap((r) =>
        expect(r).map((message) => ({ rule: id, where: where(r), message })),
      );
    },
  };
}

function requireValue(r: ArmResource, path: string, value: unknown): string[] {
  const actual = armPath(r.body, path);
  return actual === value ? [] : [`${path} must be ${JSON.stringify(value)}, is ${JSON.stringify(actual)}`];
}

const isExpression = (s: unknown): s is string =>
  typeof s === 'string' && s.startsWith('[') && !s.startsWith('[[');

/** Every string in a JSON value, with its path. */
function strings(value: unknown, path = ''): Array<{ path: string; value: string }> {
  if (typeof value === 'string') return [{ path, value }];
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
}

const LIST_CALL = /\blist[A-Za-z]*\(/;

export const ARM_RULES: readonly ArmRule[] = [
  perResource('local-auth-disabled', 'Microsoft.ServiceBus/namespaces', (r) =>
    requireValue(r, 'properties.disableLocalAuth', true),
  ),
  perResource('local-auth-disabled', 'Microsoft.DocumentDB/databaseAccounts', (r) =>
    requireValue(r, 'properties.disableLocalAuth', true),
  ),
  perResource('local-auth-disabled', 'Microsoft.Insights/components', (r) =>
    requireValue(r, 'properties.DisableLocalAuth', true),
  ),
  perResource('storage-shared-key-off', 'Microsoft.Storage/storageAccounts', (r) => [
    ...requireValue(r, 'properties.allowSharedKeyAccess', false),
    ...requireValue(r, 'properties.allowBlobPublicAccess', false),
  ]),
  perResource('tls12-minimum', 'Microsoft.ServiceBus/namespaces', (r) =>
    requireValue(r, 'properties.minimumTlsVersion', '1.2'),
  ),
  perResource('tls12-minimum', 'Microsoft.DocumentDB/databaseAccounts', (r) =>
    requireValue(r, 'properties.minimalTlsVersion', 'Tls12'),
  ),
  perResource('tls12-minimum', 'Microsoft.Storage/storageAccounts', (r) =>
    requireValue(r, 'properties.minimumTlsVersion', 'TLS1_2'),
  ),
  perResource('tls12-minimum', 'Microsoft.Web/sites', (r) =>
    requireValue(r, 'properties.siteConfig.minTlsVersion', '1.2'),
  ),
  perResource('https-only', 'Microsoft.Web/sites', (r) => requireValue(r, 'properties.httpsOnly', true)),
  perResource('https-only', 'Microsoft.Storage/storageAccounts', (r) =>
    requireValue(r, 'properties.supportsHttpsTrafficOnly', true),
  ),
  perResource('ftps-off', 'Microsoft.Web/sites', (r) =>
    requireValue(r, 'properties.siteConfig.ftpsState', 'Disabled'),
  ),
  {
    id: 'ftps-off',
    check(template) {
      const policies = ofType(
        armResources(template),
        'Microsoft.Web/sites/basicPublishingCredentialsPolicies',
      );
      return ['ftp', 'scm'].flatMap((name) => {
        const off = policies.some(
          (p) => String(p.name).endsWith(`'${name}')]`) && armPath(p.body, 'properties.allow') === false,
        );
        return off
          ? []
          : [
              {
                rule: 'ftps-off',
                where: 'Microsoft.Web/sites',
                message: `no '${name}' policy with allow: false`,
              },
            ];
      });
    },
  },
  {
    id: 'no-list-functions',
    check(template) {
      return strings(template)
        .filter((s) => isExpression(s.value) && LIST_CALL.test(s.value))
        .map((s) => ({
          rule: 'no-list-functions',
          where: s.path,
          message: `list*() call: ${s.value.slice(0, 120)}`,
        }));
    },
  },
  {
    id: 'no-secrets-in-outputs',
    check(template) {
      return armTemplates(template).flatMap(({ deployment, template: t }) =>
        Object.entries(t.outputs ?? {}).flatMap(([name, o]) => {
          const secureType = /^secure/i.test(o.type ?? '');
          const leaks = strings(o.value).some((s) =>
            /connectionstring|primarykey|secondarykey|\blist[A-Za-z]*\(/i.test(s.value),
          );
          return secureType || leaks
            ? [
                {
                  rule: 'no-secrets-in-outputs',
                  where: `${deployment || 'main'}: output ${name}`,
                  message: 'carries a secret',
                },
              ]
            : [];
        }),
      );
    },
  },
  perResource('no-secrets-in-app-settings', 'Microsoft.Web/sites/config', (r) => {
    const settings = (armPath(r.body, 'properties') ?? {}) as Record<string, unknown>;
    return Object.entries(settings).flatMap(([name, value]) => {
      const text = JSON.stringify(value);
      const problems: string[] = [];
      if (/^(azurewebjobsstorage|cosmosdb|servicebusconnection)$/i.test(name))
        problems.push(`${name} is a connection string`);
      if (LIST_CALL.test(text)) problems.push(`${name} calls a list*() function`);
      if (/KEYS?$|SECRET|PASSWORD/i.test(name) && !text.includes('@Microsoft.KeyVault(')) {
        problems.push(`${name} looks secret but is not a Key Vault reference`);
      }
      if (
        name !== 'APPLICATIONINSIGHTS_CONNECTION_STRING' &&
        /ConnectionString|AccountKey=|SharedAccessKey=/i.test(text)
      ) {
        problems.push(`${name} carries a connection string or key`);
      }
      return problems;
    });
  }),
  {
    // Tags on every top-level tracked resource; nested deployments and role assignments take none.
    id: 'tagged',
    check(template) {
      return armResources(template)
        .filter((r) => r.type.split('/').length === 2)
        .filter((r) => !/^microsoft\.(resources\/deployments|authorization\/)/i.test(r.type))
        .filter((r) => !armPath(r.body, 'tags'))
        .map((r) => ({ rule: 'tagged', where: where(r), message: 'has no tags' }));
    },
  },
  {
    id: 'built-in-role-ids',
    check(template, ctx) {
      const known = new Set(Object.keys(ctx.roles));
      return ofType(armResources(template), 'Microsoft.Authorization/roleAssignments').flatMap((r) => {
        const id = String(armPath(r.body, 'properties.roleDefinitionId'));
        const key =
          /^\[subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions', variables\('roles'\)\.(\w+)\)\]$/.exec(
            id,
          )?.[1];
        return key && known.has(key)
          ? []
          : [
              {
                rule: 'built-in-role-ids',
                where: where(r),
                message: `roleDefinitionId ${id} is not a roles.json role`,
              },
            ];
      });
    },
  },
  {
    // The compiled template embeds infra/topology.json as it is, and queues, databases and containers are copy
    // loops over it: no name the file does not hold.
    id: 'topology-sourced',
    check(template, ctx) {
      const out: ArmViolation[] = [];
      for (const type of [
        'Microsoft.ServiceBus/namespaces/queues',
        'Microsoft.DocumentDB/databaseAccounts/sqlDatabases',
        'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
      ]) {
        const rs = ofType(armResources(template), type);
        if (rs.length === 0) out.push({ rule: 'topology-sourced', where: type, message: 'not deployed' });
        for (const r of rs) {
          if (!armPath(r.body, 'copy') || !String(r.name).includes('variables(')) {
            out.push({
              rule: 'topology-sourced',
              where: where(r),
              message: 'not a copy loop over the topology',
            });
          }
        }
      }
      const embedded = armTemplates(template).some(({ template: t }) =>
        Object.values((t as { variables?: Record<string, unknown> }).variables ?? {}).some(
          (v) => JSON.stringify(v) === JSON.stringify(ctx.topology),
        ),
      );
      if (!embedded)
        out.push({
          rule: 'topology-sourced',
          where: 'variables',
          message: 'infra/topology.json is not embedded as is',
        });
      return out;
    },
  },
];
