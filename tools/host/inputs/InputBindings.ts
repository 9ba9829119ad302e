import type { SqlParameter } from '@azure/cosmos';
import type { RpcParameterBinding, RpcTypedData } from '../app/coreTypes';
import type { BindingSpec } from '../app/indexFunctions';
import { BindingConfigError } from '../errors';
import type { Clients } from '../outputs/Clients';
import { readBlobInput } from '../storage/readBlobInput';
import { bindingData, lookup } from './bindingData';

const EXPRESSION = /\{([^{}]+)\}/g;

function str(o: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/** Input binding types this host reads; the others are listed with a warning and give the handler undefined. */
export function isSupportedInput(type: string): boolean {
  const t = type.toLowerCase();
  return t === 'cosmosdb' || t === 'blob';
}

/**
 * Input bindings read before the handler runs, as the extensions do. Blob: the blob at `path` (readBlobInput).
 * Cosmos DB: `id` (+ `partitionKey`) reads one
 * document (none found: the handler gets undefined), `sqlQuery` runs a query and gives an array, neither gives the
 * whole container; `{name}`
 * expressions come from the trigger's binding data, and in `sqlQuery` they become query parameters (`@name`),
 * as the extension does, so a value can never change the query's text.
 */
export class InputBindings {
  constructor(private readonly clients: Clients) {}

  async read(
    functionName: string,
    inputs: readonly BindingSpec[],
    trigger: RpcParameterBinding | undefined,
    triggerMetadata: Record<string, RpcTypedData> | undefined,
  ): Promise<RpcParameterBinding[]> {
    const supported = inputs.filter((i) => isSupportedInput(i.type));
    if (supported.length === 0) return [];
    const data = bindingData(trigger, triggerMetadata);
    const out: RpcParameterBinding[] = [];
    for (const input of supported) {
      if (input.type.toLowerCase() === 'blob') {
        out.push({
          name: input.name,
          data: await readBlobInput(this.clients.storage, functionName, input, data),
        });
        continue;
      }
      const value = await this.#cosmos(functionName, input, data);
      out.push({ name: input.name, data: value === undefined ? {} : { json: JSON.stringify(value) } });
    }
    return out;
  }

  async #cosmos(functionName: string, input: BindingSpec, data: Map<string, unknown>): Promise<unknown> {
    const o = input.options;
    const db = str(o, 'databaseName');
    const containerName = str(o, 'containerName', 'collectionName');
    if (!db || !containerName)
      throw new BindingConfigError(
        functionName,
        `Cosmos DB input '${input.name}' needs databaseName and containerName`,
      );
    const resolve = (text: string): string =>
      text.replace(EXPRESSION, (_, expr: string) => {
        const v = lookup(data, expr);
        if (v === undefined || v === null)
          throw new BindingConfigError(
            functionName,
            `Cosmos DB input '${input.name}': no value for '{${expr}}'`,
          );
        return typeof v === 'string' ? v : JSON.stringify(v);
      });
    const client = await this.clients.cosmos(o.connection ?? o.connectionStringSetting);
    const container = client.database(db).container(containerName);
    const sqlQuery = str(o, 'sqlQuery');
    if (sqlQuery) {
      const parameters: SqlParameter[] = [];
      const query = sqlQuery.replace(EXPRESSION, (_, expr: string) => {
        const name = `@${expr.trim().replace(/[^A-Za-z0-9_]/g, '_')}`;
        if (!parameters.some((p) => p.name === name)) {
          const v = lookup(data, expr);
          if (v === undefined)
            throw new BindingConfigError(
              functionName,
              `Cosmos DB input '${input.name}': no value for '{${expr}}'`,
            );
          parameters.push({ name, value: v as SqlParameter['value'] });
        }
        return name;
      });
      const { resources } = await container.items.query({ query, parameters }).fetchAll();
      return resources;
    }
    const idTemplate = str(o, 'id');
    if (!idTemplate) {
      // Neither id nor sqlQuery: the whole container, as the binding's documentation says.
      const { resources } = await container.items.readAll<Record<string, unknown>>().fetchAll();
      return resources;
    }
    const id = resolve(idTemplate);
    const pkTemplate = str(o, 'partitionKey');
    if (pkTemplate !== undefined) {
      const { resource } = await container.item(id, resolve(pkTemplate)).read<Record<string, unknown>>();
      return resource;
    }
    // No partition key given: the document with that id in any partition.
    const { resources } = await container.items
      .query({ query: 'SELECT * FROM c WHERE c.id = @id', parameters: [{ name: '@id', value: id }] })
      .fetchAll();
    return resources[0];
  }
}
