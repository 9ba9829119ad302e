import { app } from '@azure/functions';

// Every setting is validated once, when the app starts: a missing or malformed one stops the app here with a
// message naming it, instead of failing the first request that needs it. The config module (zod) loads lazily,
// so registering the functions stays as cheap as @azure/functions alone.
app.hook.appStart(async () => {
  const { getConfig } = await import('../../shared/config/config');
  getConfig();
});
