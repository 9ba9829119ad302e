import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/**
 * Invocation spans come from the handlers' wrapper (`tracedHandler`, inside `httpHandler` for HTTP), not from a
 * preInvocation hook, so a function registered with a bare handler would have none: every registration's
 * handler is one of the two.
 */
describe('function registrations', () => {
  const files = sourceFiles(join(root, 'functions')).map((f) => ({
    file: relative(root, f),
    text: readFileSync(f, 'utf8'),
  }));

  it('wrap every handler in httpHandler or tracedHandler', () => {
    const registrations = files.flatMap(({ file, text }) =>
      [...text.matchAll(/\bapp\.(\w+)\(/g)]
        .filter((m) => m[1] !== 'hook' && m[1] !== 'setup')
        .map(() => file),
    );
    const handlers = files.flatMap(({ file, text }) =>
      [...text.matchAll(/\bhandler:\s*([\w.]+)/g)].map((m) => ({ file, wrapper: m[1] })),
    );
    expect(registrations.length).toBeGreaterThan(25);
    expect(handlers.map((h) => h.file).sort()).toEqual(registrations.sort());
    expect(handlers.filter((h) => h.wrapper !== 'httpHandler' && h.wrapper !== 'tracedHandler')).toEqual([]);
  });

  it('register no invocation hook, which would cost every invocation its hook contexts', () => {
    expect(files.filter(({ text }) => /app\.hook\.(pre|post)Invocation\(/.test(text)).map((f) => f.file)).toEqual([]);
  });
});
