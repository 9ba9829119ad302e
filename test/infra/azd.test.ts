import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingsSchema } from '../../shared/config/config';
import { TELEMETRY_SETTING_NAMES } from '../../shared/telemetry/telemetrySettings';
import { bicepFileFromSource } from './bicep/BicepFile';
import { entries, literal, path, prop, stringLiteral } from './bicep/syntax';
import { INFRA_DIR, REPO_ROOT } from './policy/loadInfra';

const read = (p: string): string => readFileSync(join(REPO_ROOT, p), 'utf8');
const main = bicepFileFromSource(read('infra/main.bicep'), 'infra/main.bicep');
const api = bicepFileFromSource(read('infra/app/api.bicep'), 'infra/app/api.bicep');

type YamlMap = { [key: string]: YamlMap | string };

/** Block mappings only (all azure.yaml uses): `key: value` and nested keys by indentation. */
function parseYamlMappings(text: string): YamlMap {
  const root: YamlMap = {};
  const stack: Array<{ indent: number; map: YamlMap }> = [{ indent: -1, map: root }];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').replace(/^#.*$/, '');
    const m = /^(\s*)([^:\s][^:]*):\s*(.*)$/.exec(line);
    if (!m) continue;
    const indent = m[1]!.length;
    while (stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parent = stack[stack.length - 1]!.map;
    if (m[3]) parent[m[2]!] = m[3];
    else {
      const child: YamlMap = {};
      parent[m[2]!] = child;
      stack.push({ indent, map: child });
    }
  }
  return root;
}

const at = (map: YamlMap, dotted: string): YamlMap | string | undefined =>
  dotted
    .split('.')
    .reduce<YamlMap | string | undefined>((m, k) => (typeof m === 'object' ? m[k] : undefined), map);

describe('azd layout', () => {
  const azure = parseYamlMappings(read('azure.yaml'));

  it('azure.yaml declares service api: TypeScript on Azure Functions, built before packaging', () => {
    expect(at(azure, 'services.api.language')).toBe('ts');
    expect(at(azure, 'services.api.host')).toBe('function');
    expect(at(azure, 'services.api.project')).toBe('.');
    expect(at(azure, 'services.api.hooks.prepackage.posix.run')).toBe('npm run build');
    expect(at(azure, 'services.api.hooks.prepackage.windows.run')).toBe('npm run build');
    expect(at(azure, 'infra.path')).toBe('infra');
  });

  it('azure.yaml runs the JWT key hook before provisioning, and the hook exists', () => {
    expect(at(azure, 'hooks.preprovision.posix.run')).toBe('node infra/hooks/ensureJwtKeys.mjs');
    expect(read('infra/hooks/ensureJwtKeys.mjs')).toContain('ORDERFLOW_JWT_KEYS');
  });

  it('main.bicep is at subscription scope with the azd resourceToken and azd-env-name tag', () => {
    expect(main.root.text).toMatch(/^targetScope = 'subscription'$/m);
    const token = main.vars.find((v) => v.name === 'resourceToken');
    expect(token?.value.text).toBe('toLower(uniqueString(subscription().id, environmentName, location))');
    const tags = main.vars.find((v) => v.name === 'tags')?.value;
    expect(literal(prop(tags, 'azd-env-name'))).toBeUndefined(); // an expression: the environment name
    expect(prop(tags, 'azd-env-name')?.text).toBe('environmentName');
  });

  it('the function app carries azd-service-name = the azure.yaml service', () => {
    const site = api.resources.find((r) => r.type === 'Microsoft.Web/sites')!;
    expect(prop(site.body, 'tags')?.text).toContain("'azd-service-name': serviceName");
    const serviceName = api.params.find((p) => p.name === 'serviceName')!;
    expect(serviceName.node.text).toMatch(/= 'api'$/);
    expect(Object.keys(at(azure, 'services') as YamlMap)).toEqual(['api']);
  });

  it('main.parameters.json supplies every required parameter and only declared ones', () => {
    const file = JSON.parse(read('infra/main.parameters.json')) as {
      parameters: Record<string, { value: unknown }>;
    };
    const declared = new Set(main.params.map((p) => p.name));
    for (const name of Object.keys(file.parameters)) expect(declared).toContain(name);
    for (const p of main.params.filter((x) => !x.hasDefault))
      expect(Object.keys(file.parameters)).toContain(p.name);
    expect(file.parameters.jwtKeys?.value).toBe('${ORDERFLOW_JWT_KEYS}');
  });

  it('every abbreviation main.bicep uses exists in abbreviations.json', () => {
    const abbrs = JSON.parse(readFileSync(join(INFRA_DIR, 'abbreviations.json'), 'utf8')) as Record<
      string,
      string
    >;
    const used = [...main.root.text.matchAll(/abbrs\.(\w+)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(5);
    for (const key of used) expect(abbrs).toHaveProperty(key);
  });
});

describe('function app settings', () => {
  const config = api.resources.find((r) => r.type === 'Microsoft.Web/sites/config')!;
  const settings = new Map(entries(prop(config.body, 'properties')));
  const appKeys = new Set<string>([...Object.keys(settingsSchema.shape), ...TELEMETRY_SETTING_NAMES]);
  // Read by the Functions host and the bindings rather than by shared/config.
  const hostSetting = /^(AzureWebJobsStorage__|APPLICATIONINSIGHTS_|\w+__(credential|clientId)$)/;

  it('sets only settings the app or the host reads', () => {
    for (const name of settings.keys()) expect(appKeys.has(name) || hostSetting.test(name)).toBe(true);
  });

  it('sets every setting the app cannot default', () => {
    const required = Object.entries(settingsSchema.shape)
      .filter(([, schema]) => !schema.safeParse(undefined).success)
      .map(([name]) => name);
    expect(required).toContain('JWT_KEYS');
    for (const name of required) expect(settings.has(name)).toBe(true);
  });

  it('connects everything by identity', () => {
    for (const name of [
      'AzureWebJobsStorage__accountName',
      'CosmosDB__accountEndpoint',
      'ServiceBusConnection__fullyQualifiedNamespace',
      'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
    ]) {
      expect(settings.has(name)).toBe(true);
    }
    for (const prefix of ['AzureWebJobsStorage', 'CosmosDB', 'ServiceBusConnection']) {
      expect(literal(settings.get(`${prefix}__credential`))).toBe('managedidentity');
      expect(settings.get(`${prefix}__clientId`)?.text).toBe('identityClientId');
    }
    expect(settings.get('APPLICATIONINSIGHTS_AUTHENTICATION_STRING')?.text).toBe(
      "'ClientId=${identityClientId};Authorization=AAD'",
    );
  });

  it('reads JWT_KEYS from Key Vault with the user-assigned identity', () => {
    expect(settings.get('JWT_KEYS')?.text).toBe("'@Microsoft.KeyVault(SecretUri=${jwtKeysUri})'");
    const site = api.resources.find((r) => r.type === 'Microsoft.Web/sites')!;
    expect(path(site.body, 'properties.keyVaultReferenceIdentity')?.text).toBe('identityId');
  });

  it('runs Node 22 on Flex Consumption with the instance size and scale as parameters', () => {
    const site = api.resources.find((r) => r.type === 'Microsoft.Web/sites')!;
    const runtime = path(site.body, 'properties.functionAppConfig.runtime');
    expect([stringLiteral(prop(runtime, 'name')), stringLiteral(prop(runtime, 'version'))]).toEqual([
      'node',
      '22',
    ]);
    const scale = path(site.body, 'properties.functionAppConfig.scaleAndConcurrency');
    expect(prop(scale, 'instanceMemoryMB')?.text).toBe('instanceMemoryMB');
    expect(prop(scale, 'maximumInstanceCount')?.text).toBe('maximumInstanceCount');
    const plan = main.modules.find((m) => m.symbol === 'plan')!;
    expect(literal(path(plan.body, 'params.sku.name'))).toBe('FC1');
  });
});
