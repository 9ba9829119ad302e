export { startAzurite, connectionString, AZURITE_ACCOUNT, AZURITE_KEY } from './startAzurite';
export type { AzuriteOptions, RunningAzurite } from './startAzurite';
