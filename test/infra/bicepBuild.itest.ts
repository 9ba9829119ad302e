import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARM_RULES } from './arm/armPolicy';
import type { ArmContext } from './arm/armPolicy';
import type { ArmTemplate } from './arm/armResources';
import { armPath, armResources, ofType } from './arm/armResources';
import { dotnetAvailable, ENABLE_COMMAND, runBicep } from './arm/bicepCli';
import { INFRA_DIR, loadRoles } from './policy/loadInfra';

// The real compiler: the Bicep CLI restored from NuGet. It needs dotnet to restore; without it the suite is
// skipped (and says how to enable it), except in CI, where a missing dotnet fails.
const runnable = dotnetAvailable();
if (!runnable && process.env['CI'] !== 'true') {
  console.warn(`skipped: Bicep build and lint need dotnet (${ENABLE_COMMAND})`);
}
const describeIfDotnet = runnable || process.env['CI'] === 'true' ? describe : describe.skip;

const MAIN = join(INFRA_DIR, 'main.bicep');

describeIfDotnet('infra/main.bicep through the Bicep CLI', () => {
  let template: ArmTemplate;
  const ctx: ArmContext = {
    roles: loadRoles(),
    topology: JSON.parse(readFileSync(join(INFRA_DIR, 'topology.json'), 'utf8')) as unknown,
  };

  beforeAll(() => {
    if (!runnable) throw new Error(`CI=true but dotnet is missing: ${ENABLE_COMMAND}`);
    const build = runBicep('build', MAIN);
    expect({ status: build.status, diagnostics: build.diagnostics, other: build.other }).toEqual({
      status: 0,
      diagnostics: [],
      other: [],
    });
    template = JSON.parse(build.stdout) as ArmTemplate;
  }, 180_000);

  it('lints with 0 errors and 0 warnings under bicepconfig.json', () => {
    const lint = runBicep('lint', MAIN);
    expect({ status: lint.status, diagnostics: lint.diagnostics, other: lint.other }).toEqual({
      status: 0,
      diagnostics: [],
      other: [],
    });
  }, 120_000);

  it('sees warnings when there are some (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bicep-'));
    try {
      const file = join(dir, 'bad.bicep');
      writeFileSync(file, "param unused string\nvar alsoUnused = 'x'\n");
      const codes = runBicep('lint', file)
        .diagnostics.map((d) => d.code)
        .sort();
      expect(codes).toEqual(['no-unused-params', 'no-unused-vars']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('deploys everything the source-level policy found', () => {
    const types = new Set(armResources(template).map((r) => r.type));
    for (const t of [
      'Microsoft.ServiceBus/namespaces',
      'Microsoft.DocumentDB/databaseAccounts',
      'Microsoft.Insights/components',
      'Microsoft.Storage/storageAccounts',
      'Microsoft.Web/sites',
      'Microsoft.KeyVault/vaults',
      'Microsoft.ManagedIdentity/userAssignedIdentities',
      'Microsoft.Web/serverfarms',
      'Microsoft.OperationalInsights/workspaces',
    ]) {
      expect([t, types.has(t)]).toEqual([t, true]);
    }
  });

  it('deploys one dead-letter alert per topology queue, each filtered on its queue (issue 15, item 8)', () => {
    const alerts = ofType(armResources(template), 'Microsoft.Insights/metricAlerts').filter((r) =>
      JSON.stringify(r.body['properties']).includes('DeadletteredMessages'),
    );
    expect(alerts).toHaveLength(1);
    const alert = alerts[0]!;
    // A copy loop over the queue names read from topology.json (loadJsonContent is inlined at build time).
    expect(String(armPath(alert.body, 'copy.count'))).toContain("variables('queueNames')");
    expect(String(alert.name)).toContain('copyIndex()');
    const [criterion] = armPath(alert.body, 'properties.criteria.allOf') as Array<Record<string, unknown>>;
    const [dimension] = armPath(criterion, 'dimensions') as Array<{ name: string; values: unknown }>;
    expect(dimension?.name).toBe('EntityName');
    expect(JSON.stringify(dimension?.values)).toContain('copyIndex()');
  });

  it.each(ARM_RULES.map((r, i) => [`${r.id} #${i}`, r]))('ARM policy %s: no violations', (_id, rule) => {
    expect(rule.check(template, ctx)).toEqual([]);
  });

  // Each mutation is what a Bicep change could compile to; the matching rule must catch it.
  const mutations: Array<[string, (t: ArmTemplate) => void]> = [
    ['local-auth-disabled', (t) => setProp(t, 'Microsoft.Insights/components', 'DisableLocalAuth', false)],
    [
      'storage-shared-key-off',
      (t) => setProp(t, 'Microsoft.Storage/storageAccounts', 'allowSharedKeyAccess', true),
    ],
    ['tls12-minimum', (t) => setProp(t, 'Microsoft.ServiceBus/namespaces', 'minimumTlsVersion', '1.0')],
    ['https-only', (t) => setProp(t, 'Microsoft.Web/sites', 'httpsOnly', false)],
    ['no-list-functions', (t) => setProp(t, 'Microsoft.Web/sites', 'x', "[listKeys('a', 'b').key1]")],
    ['no-secrets-in-app-settings', (t) => setProp(t, 'Microsoft.Web/sites/config', 'JWT_KEYS', 'k1=abc')],
    ['tagged', (t) => delete one(t, 'Microsoft.KeyVault/vaults').body['tags']],
    [
      'built-in-role-ids',
      (t) => setProp(t, 'Microsoft.Authorization/roleAssignments', 'roleDefinitionId', 'Owner'),
    ],
    [
      'topology-sourced',
      (t) => (one(t, 'Microsoft.ServiceBus/namespaces/queues').body['name'] = 'x/orders2'),
    ],
    ['no-secrets-in-outputs', (t) => ((t.outputs ??= {})['KEY'] = { type: 'securestring', value: 'x' })],
  ];

  it.each(mutations)('catches a template that breaks %s', (id, mutate) => {
    const copy = JSON.parse(JSON.stringify(template)) as ArmTemplate;
    mutate(copy);
    const found = ARM_RULES.filter((r) => r.id === id).flatMap((r) => r.check(copy, ctx));
    expect(found.length).toBeGreaterThan(0);
  });
});

function one(t: ArmTemplate, type: string): ReturnType<typeof armResources>[number] {
  const [r] = ofType(armResources(t), type);
  if (!r) throw new Error(`no ${type} in the template`);
  return r;
}

function setProp(t: ArmTemplate, type: string, name: string, value: unknown): void {
  const body = one(t, type).body;
  body['properties'] = { ...(body['properties'] as object), [name]: value };
}
