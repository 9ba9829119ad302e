import type { IncomingMessage } from 'node:http';
import { readJsonBody } from './readJsonBody';
import type { RouteAnswer } from './transactionalRoutes';

/**
 * Answers the query-plan request (`x-ms-cosmos-is-query-plan-request: True`) that @azure/cosmos sends
 * alongside every query. vercel routed it to its query handler, which ran the whole query a second time
 * for an answer the SDK then ignored. The offline server evaluates every query completely (one
 * partition key range, ORDER BY, TOP and aggregates included), so the true plan is "nothing for the
 * client to do": no ordering, aggregation, DISTINCT or TOP/OFFSET on the client, over the one range.
 */
export async function answerQueryPlan(req: IncomingMessage): Promise<RouteAnswer> {
  await readJsonBody(req);
  return {
    status: 200,
    body: {
      partitionedQueryExecutionInfoVersion: 2,
      queryInfo: {
        distinctType: 'None',
        top: null,
        offset: null,
        limit: null,
        orderBy: [],
        orderByExpressions: [],
        groupByExpressions: [],
        groupByAliases: [],
        aggregates: [],
        groupByAliasToAggregateType: {},
        rewrittenQuery: '',
        hasSelectValue: false,
        hasNonStreamingOrderBy: false,
      },
      queryRanges: [{ min: '', max: 'FF', isMinInclusive: true, isMaxInclusive: false }],
    },
  };
}
