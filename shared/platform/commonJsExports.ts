/**
 * The exports of a CommonJS package loaded with `await import()`: in the ESM bundle's lazy chunk they sit on
 * `default` (esbuild gives code-split CommonJS no named exports); under tsx and jest the module is them.
 */
export function commonJsExports<T>(mod: T): T {
  return (mod as unknown as { default?: T }).default ?? mod;
}
