import type { Container } from '@azure/cosmos';
import type { AggregateDoc, ProjectionDoc } from './analyticsDocs';
import { cosmosDocStore } from './cosmosDocStore';
import type { DashboardSnapshot } from './dashboardSnapshot';
import type { DocStore } from './docStore';
import { recalculateDashboard } from './recalculateDashboard';
import { getConfig } from '../config/config';
import { getCosmosClient } from '../platform/processClients';

/** Database `analytics`: the service's own store; it never reads the orders database. */
export const ANALYTICS_DATABASE = 'analytics';

export interface AnalyticsServices {
  projections: DocStore<ProjectionDoc>;
  aggregates: DocStore<AggregateDoc>;
  dashboards: Container;
  recalculate(): Promise<DashboardSnapshot>;
  readSnapshot(): Promise<DashboardSnapshot | undefined>;
}

let services: Promise<AnalyticsServices> | undefined;

async function create(): Promise<AnalyticsServices> {
  const db = (await getCosmosClient(getConfig())).database(ANALYTICS_DATABASE);
  const projections = cosmosDocStore<ProjectionDoc>(db.container('orderProjections'));
  const aggregates = cosmosDocStore<AggregateDoc>(db.container('aggregates'));
  const dashboards = db.container('dashboards');
  return {
    projections,
    aggregates,
    dashboards,
    recalculate: () =>
      recalculateDashboard({
        projections,
        aggregates,
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
