import type { SyntaxNode } from 'tree-sitter';
import type { BicepFile } from '../../bicep/BicepFile';
import { calledFunctions, descendants, entries, literal, path, prop, stringPrefix } from '../../bicep/syntax';
import type { PolicyRule, Violation } from '../PolicyRule';
import { avmReference } from '../targets';
import { violation } from '../violation';
import { secretLeaks } from './secretLeaks';

/** No listKeys()/listConnectionStrings()/listSecrets()... anywhere: keys never flow through a deployment. */
export const noListFunctions: PolicyRule = {
  id: 'no-list-functions',
  description: 'no listKeys( or any other list*() call in any Bicep file',
  check(files) {
    const out: Violation[] = [];
    for (const file of files) {
      for (const call of descendants(file.root, (n) => n.type === 'call_expression')) {
        const [fn] = calledFunctions(call);
        if (fn && /^list[A-Z]/.test(fn)) out.push(violation(this.id, file, call, `${fn}() reads keys`));
      }
    }
    return out;
  },
};

const SECRET_NAME = /(password|secret|key|keys|connectionstring|sas|token)$/i;

export const noSecretsInOutputs: PolicyRule = {
  id: 'no-secrets-in-outputs',
  description: 'outputs carry names and addresses only: no keys, connection strings or secure values',
  check(files) {
    const out: Violation[] = [];
    for (const file of files) {
      for (const o of file.outputs) {
        if (SECRET_NAME.test(o.name))
          out.push(violation(this.id, file, o.node, `output '${o.name}' is named like a secret`));
        for (const reason of secretLeaks(o.value, file)) {
          out.push(violation(this.id, file, o.node, `output '${o.name}' ${reason}`));
        }
      }
    }
    return out;
  },
};

interface Setting {
  name: string;
  value: SyntaxNode;
}

/** App settings of a site: a sites/config 'appsettings' resource, siteConfig.appSettings, or AVM params. */
function appSettingBlocks(file: BicepFile): Array<{ node: SyntaxNode; settings: Setting[] | undefined }> {
  const blocks: Array<{ node: SyntaxNode; settings: Setting[] | undefined }> = [];
  const fromObject = (o: SyntaxNode | undefined): Setting[] | undefined =>
    o?.type === 'object' ? entries(o).map(([name, value]) => ({ name, value })) : undefined;
  for (const r of file.resources) {
    if (r.existing) continue;
    const type = r.type.toLowerCase();
    if (type === 'microsoft.web/sites/config' && literal(prop(r.body, 'name')) === 'appsettings') {
      blocks.push({ node: r.node, settings: fromObject(prop(r.body, 'properties')) });
    }
    const list = path(r.body, 'properties.siteConfig.appSettings');
    if (type === 'microsoft.web/sites' && list) {
      const items = list.type === 'array' ? list.namedChildren.filter((n) => n.type === 'object') : undefined;
      const settings = items?.map((o) => ({
        name: String(literal(prop(o, 'name'))),
        value: prop(o, 'value') ?? o,
      }));
      blocks.push({ node: r.node, settings });
    }
  }
  for (const m of file.modules) {
    const pairs = path(m.body, 'params.appSettingsKeyValuePairs');
    if (avmReference(m.source)?.module === 'avm/res/web/site' && pairs) {
      blocks.push({ node: m.node, settings: fromObject(pairs) });
    }
  }
  return blocks;
}

// Connection-string settings: each has an identity-based `<name>__*` form that the app uses instead.
const CONNECTION_STRING_SETTINGS = new Set(['azurewebjobsstorage', 'cosmosdb', 'servicebusconnection']);
const AI_CONNECTION_STRING = 'APPLICATIONINSIGHTS_CONNECTION_STRING';

export const noSecretsInAppSettings: PolicyRule = {
  id: 'no-secrets-in-app-settings',
  description: 'app settings hold no keys or connection strings; secrets are Key Vault references',
  check(files) {
    const out: Violation[] = [];
    for (const file of files) {
      for (const block of appSettingBlocks(file)) {
        if (!block.settings) {
          out.push(
            violation(
              this.id,
              file,
              block.node,
              'app settings must be an object literal so they can be checked',
            ),
          );
          continue;
        }
        for (const { name, value } of block.settings) {
          const where = `app setting '${name}'`;
          if (CONNECTION_STRING_SETTINGS.has(name.toLowerCase())) {
            out.push(
              violation(
                this.id,
                file,
                value,
                `${where} is a connection string; use ${name}__* identity settings`,
              ),
            );
          }
          const allowConnectionString = name === AI_CONNECTION_STRING;
          for (const reason of secretLeaks(value, file, { allowConnectionString })) {
            out.push(violation(this.id, file, value, `${where} ${reason}`));
          }
          const reference = stringPrefix(value)?.startsWith('@Microsoft.KeyVault(') ?? false;
          if (SECRET_NAME.test(name.replace(/_/g, '')) && !allowConnectionString && !reference) {
            out.push(
              violation(
                this.id,
                file,
                value,
                `${where} looks secret: make it a @Microsoft.KeyVault() reference`,
              ),
            );
          }
        }
      }
    }
    return out;
  },
};
