import type { Container } from '@azure/cosmos';
import { cosmosProjectionStore } from './cosmosProjectionStore';
import type { DashboardSnapshot } from './dashboardSnapshot';
import type { ProjectionStore } from './projectionStore';
import { recalculateDashboard } from './recalculateDashboard';
import { getConfig } from '../config/config';
import { getCosmosClient } from '../platform/processClients';

/** Database `analytics`: the service's own store; it never reads the orders database. */
export const ANALYTICS_DATABASE = 'analytics';

export interface AnalyticsServices {
  /** Container `projections` (partition key `/shard`): order projections and their aggregates. */
  projections: ProjectionStore;
  dashboards: Container;
  recalculate(): Promise<DashboardSnapshot>;
  readSnapshot(): Promise<DashboardSnapshot | undefined>;
}

let services: Promise<AnalyticsServices> | undefined;

async function create(): Promise<AnalyticsServices> {
  const db = (await getCosmosClient(getConfig())).database(ANALYTICS_DATABASE);
  const projections = cosmosProjectionStore(db.container('projections'));
  const dashboards = db.container('dashboards');
  return {
    projections,
    dashboards,
    recalculate: () =>
      recalculateDashboard({
        projections,
        save: async (snapshot) => {
          await dashboards.items.upsert(snapshot);
        },
      }),
    async readSnapshot() {
      const res = await dashboards.item('current', 'current').read<DashboardSnapshot>();
      if (res.statusCode === 404 || !res.resource) return undefined;
      // Drop Cosmos DB's system properties: the API returns the snapshot only.
      const snapshot: Record<string, unknown> = { ...res.resource };
      for (const k of ['_etag', '_rid', '_self', '_ts', '_attachments']) delete snapshot[k];
      return snapshot as unknown as DashboardSnapshot;
    },
  };
}

/** The analytics service of this process, wired on first use. */
export function getAnalyticsServices(): Promise<AnalyticsServices> {
  services ??= create().catch((err: unknown) => {
    services = undefined;
    throw err;
  });
  return services;
}
