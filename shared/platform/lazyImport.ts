/**
 * A module loaded on the first call and kept: `const route = lazyImport(() => import('./route'))` at a function
 * file's top level keeps registration light (the import runs on the first invocation, not at app load), and every
 * later call returns the same promise instead of going through the ESM loader again (a dynamic `import()` of a
 * loaded module still costs a module-map lookup and about ten promises per call). A failed load (a bad deploy, a
 * missing chunk) is not kept: the next call tries again.
 */
export function lazyImport<M>(load: () => Promise<M>): () => Promise<M> {
  let loading: Promise<M> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}
