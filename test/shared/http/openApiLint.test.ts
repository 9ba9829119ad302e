import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { openApiDocument } from '../../../shared/http/openApiDocument';

interface Problem {
  rule: string;
  severity: string;
  message: string;
  pointer?: string;
}

// These four take no input and answer nothing but 200 (or 304): a 4XX listed for them would be invented.
// Redocly's `operation-4xx-response` asks every operation for one; these are the reasoned exceptions.
const NO_4XX = ['/api/health', '/api/openapi.json', '/api/docs', '/api/dashboard'].map(
  (path) => `#/paths/${path.replaceAll('/', '~1')}/get/responses`,
);

describe('the OpenAPI document under Redocly recommended rules', () => {
  it('has no error or warning', () => {
    const out = execFileSync(process.execPath, [join(__dirname, '..', '..', 'support', 'redoclyLint.mjs')], {
      input: openApiDocument(),
      encoding: 'utf8',
    });
    const problems = (JSON.parse(out) as Problem[]).filter(
      (p) => !(p.rule === 'operation-4xx-response' && NO_4XX.includes(p.pointer ?? '')),
    );
    expect(problems).toEqual([]);
  }, 30_000);

  it('declares no jsonSchemaDialect (Swagger UI warns every visitor about any non-default one)', () => {
    expect(JSON.parse(openApiDocument())).not.toHaveProperty('jsonSchemaDialect');
  });
});
