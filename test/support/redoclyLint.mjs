// Lints the OpenAPI document read from stdin with Redocly's `recommended` rules and prints the problems as JSON.
// A separate process because @redocly/openapi-core is ESM only and jest runs the tests as CommonJS.
import { createConfig, lintFromString } from '@redocly/openapi-core';

let source = '';
for await (const chunk of process.stdin) source += chunk;
const config = await createConfig({ extends: ['recommended'] });
const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
process.stdout.write(
  JSON.stringify(
    problems.map((p) => ({
      rule: p.ruleId,
      severity: p.severity,
      message: p.message,
      pointer: p.location[0]?.pointer,
    })),
  ),
);
