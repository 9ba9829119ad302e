import type { Container } from '@azure/cosmos';
import { createCosmosClient } from '../../shared/platform/cosmosClient';
import type { StackInfo } from './stackInfo';

/** A container of the stack's Cosmos DB through the app's own client factory (keep-alive, no endpoint discovery). */
export async function cosmosContainer(
  stack: StackInfo,
  database: string,
  container: string,
  connectionString?: string,
): Promise<Container> {
  if (!stack.cosmos) throw new Error('the bench stack has no Cosmos DB');
  const client = await createCosmosClient({
    connectionString: connectionString ?? stack.cosmos.connectionString,
  });
  return client.database(database).container(container);
}
