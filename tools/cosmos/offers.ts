import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { wireErrors } from './errors';
import { readJsonBody } from './readJsonBody';
import type { RouteAnswer } from './transactionalRoutes';
import type { AccountNode, Doc } from './vercelInternals';

/** The throughput Cosmos DB gives a container provisioned without a figure, in RU/s. */
const DEFAULT_THROUGHPUT = 400;

interface Offer extends Record<string, unknown> {
  id: string;
  /** `_self` of the database or container the offer provisions. */
  resource: string;
  offerResourceId: string;
  content: {
    offerThroughput: number;
    offerIsRUPerMinuteThroughputEnabled: boolean;
    offerAutopilotSettings?: { maxThroughput: number };
  };
}

const offersOf = new WeakMap<AccountNode, Map<string, Offer>>();

/**
 * Throughput offers (`/offers`), kept so provisioning code runs: created with a database or container
 * (`throughput` or `maxThroughput` for autoscale), read, queried and replaced; nothing is enforced (no
 * 429s). A container without its own throughput in a database without shared throughput gets Cosmos DB's
 * default (400 RU/s manual). Offers are in memory: after a restart they are back to what creation set.
 */
export function recordOffer(account: AccountNode, resource: Doc, content: OfferContent | undefined): void {
  if (content) store(account).set(resource._rid, newOffer(resource, content));
}

export async function answerOffers(
  account: AccountNode,
  req: IncomingMessage,
  offerId: string | undefined,
): Promise<RouteAnswer> {
  const offers = current(account);
  if (offerId === undefined) {
    const all = [...offers.values()];
    if (req.method === 'GET') return { status: 200, body: { _rid: '', Offers: all, _count: all.length } };
    const body = (await readJsonBody(req)) as { query?: unknown; parameters?: unknown };
    if (typeof body?.query !== 'string') throw wireErrors.badRequest('The query is missing.');
    let result: unknown[];
    try {
      result = account.databases._getQuery(body.query).exec(all, { parameters: body.parameters }).result;
    } catch (err) {
      throw wireErrors.badRequest(`Invalid offer query: ${err instanceof Error ? err.message : String(err)}`);
    }
    return { status: 200, body: { _rid: '', Offers: result, _count: result.length } };
  }
  const offer = [...offers.values()].find((o) => o.id === offerId);
  if (!offer) throw wireErrors.notFound();
  if (req.method === 'GET') return { status: 200, body: offer };
  const replacement = (await readJsonBody(req)) as Partial<Offer> | null;
  const content = validContent(replacement?.content);
  const updated: Offer = {
    ...offer,
    content,
    _etag: `"${randomUUID()}"`,
    _ts: Math.floor(Date.now() / 1000),
  };
  offers.set(offer.offerResourceId, updated);
  return { status: 200, body: updated };
}

/** `x-ms-resource-quota` and `x-ms-resource-usage`, as a container read with populateQuotaInfo returns them. */
export function quotaHeaders(documentsCount: number, documentsKb: number): Record<string, string> {
  return {
    'x-ms-resource-quota':
      'functions=25;storedProcedures=100;triggers=25;documentSize=10240;documentsSize=10485760;documentsCount=-1;collectionSize=10485760;',
    'x-ms-resource-usage': `functions=0;storedProcedures=0;triggers=0;documentSize=${documentsKb};documentsSize=${documentsKb};documentsCount=${documentsCount};collectionSize=${documentsKb};`,
  };
}

function store(account: AccountNode): Map<string, Offer> {
  let offers = offersOf.get(account);
  if (!offers) offersOf.set(account, (offers = new Map<string, Offer>()));
  return offers;
}

/** The offers of live resources, with the default one for every container that has none and no shared throughput. */
function current(account: AccountNode): Map<string, Offer> {
  const offers = store(account);
  const live = new Set<string>();
  for (const db of account.databases._data.values()) {
    const dbDoc = db.read();
    if (!dbDoc) continue;
    live.add(dbDoc._rid);
    for (const c of db.collections._data.values()) {
      const coll = c.read();
      if (!coll) continue;
      live.add(coll._rid);
      if (!offers.has(coll._rid) && !offers.has(dbDoc._rid)) {
        offers.set(
          coll._rid,
          newOffer(coll, { offerThroughput: DEFAULT_THROUGHPUT, offerIsRUPerMinuteThroughputEnabled: false }),
        );
      }
    }
  }
  for (const rid of offers.keys()) if (!live.has(rid)) offers.delete(rid);
  return offers;
}

function newOffer(resource: Doc, content: Offer['content']): Offer {
  const id = randomUUID().slice(0, 4) + resource._rid.slice(0, 4).replace(/[^A-Za-z0-9]/g, 'x');
  return {
    id,
    _rid: id,
    _self: `offers/${id}/`,
    _etag: `"${randomUUID()}"`,
    _ts: Math.floor(Date.now() / 1000),
    offerVersion: 'V2',
    offerType: 'Invalid',
    resource: resource._self as string,
    offerResourceId: resource._rid,
    content,
  };
}

export type OfferContent = Offer['content'];

/** The throughput a create request asks for (checked: 400 when invalid), or undefined. */
export function offerContent(headers: IncomingHttpHeaders): OfferContent | undefined {
  const manual = headers['x-ms-offer-throughput'];
  const auto = headers['x-ms-cosmos-offer-autopilot-settings'];
  if (typeof auto === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(auto);
    } catch {
      throw wireErrors.badRequest(`Invalid x-ms-cosmos-offer-autopilot-settings: ${auto}`);
    }
    return validContent({ offerAutopilotSettings: parsed });
  }
  if (typeof manual === 'string') return validContent({ offerThroughput: Number(manual) });
  return undefined;
}

/** Manual throughput: at least 400 RU/s in steps of 100; autoscale: a maximum of at least 1,000 in steps of 1,000. */
function validContent(raw: unknown): Offer['content'] {
  const c = (raw ?? {}) as {
    offerThroughput?: unknown;
    offerAutopilotSettings?: { maxThroughput?: unknown };
  };
  const max = c.offerAutopilotSettings?.maxThroughput;
  if (max !== undefined) {
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1000 || max % 1000 !== 0) {
      throw wireErrors.badRequest(
        `The autoscale maximum throughput ${JSON.stringify(max)} is invalid: at least 1000, in steps of 1000.`,
      );
    }
    return {
      offerThroughput: max / 10,
      offerIsRUPerMinuteThroughputEnabled: false,
      offerAutopilotSettings: { maxThroughput: max },
    };
  }
  const ru = c.offerThroughput;
  if (typeof ru !== 'number' || !Number.isInteger(ru) || ru < 400 || ru % 100 !== 0) {
    throw wireErrors.badRequest(
      `The throughput ${JSON.stringify(ru)} is invalid: at least 400 RU/s, in steps of 100.`,
    );
  }
  return { offerThroughput: ru, offerIsRUPerMinuteThroughputEnabled: false };
}
