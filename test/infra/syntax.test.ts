import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseBicep, syntaxProblems } from './bicep/parseBicep';
import { bicepPaths, REPO_ROOT } from './policy/loadInfra';

describe('Bicep syntax (tree-sitter-bicep)', () => {
  const paths = bicepPaths();

  it('finds the azd layout: main.bicep plus one module per concern under infra/app', () => {
    const names = paths.map((p) => relative(REPO_ROOT, p)).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'infra/main.bicep',
        'infra/app/api.bicep',
        'infra/app/servicebus.bicep',
        'infra/app/cosmos.bicep',
        'infra/app/keyvault.bicep',
        'infra/app/email.bicep',
        'infra/app/alerts.bicep',
        'infra/app/rbac.bicep',
        'infra/app/storage.bicep',
        'infra/app/monitoring.bicep',
      ]),
    );
  });

  it.each(paths.map((p) => [relative(REPO_ROOT, p), p]))(
    '%s parses with no ERROR or MISSING node',
    (_name, path) => {
      expect(syntaxProblems(parseBicep(readFileSync(path, 'utf8')).rootNode)).toEqual([]);
    },
  );

  it('reports broken Bicep (the check can fail)', () => {
    const broken =
      "resource sb 'Microsoft.ServiceBus/namespaces@2024-01-01' = {\n  name: 'x'\n  properties: {\n";
    expect(syntaxProblems(parseBicep(broken).rootNode).length).toBeGreaterThan(0);
    const garbage = "param a string = 'x\nvar = 3 +\n";
    expect(syntaxProblems(parseBicep(garbage).rootNode).length).toBeGreaterThan(0);
  });
});
