export { startCosmosEmulator, EMULATOR_KEY, DEFAULT_TOPOLOGY } from './cosmosEmulator';
export type { CosmosEmulator, CosmosEmulatorOptions } from './cosmosEmulator';
export { CosmosEmulatorError } from './errors';
