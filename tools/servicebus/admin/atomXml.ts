import { parseXML } from '@azure/core-xml';
import { brokerErrors } from '../errors';

/** The namespaces of the ATOM administration API (what the SDKs send and read). */
export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  connect: 'http://schemas.microsoft.com/netservices/2010/10/servicebus/connect',
  instance: 'http://www.w3.org/2001/XMLSchema-instance',
  schema: 'http://www.w3.org/2001/XMLSchema',
  counts: 'http://schemas.microsoft.com/netservices/2011/06/servicebus',
};
export const API_VERSION = '2021-05';
/** TimeSpan.MaxValue as Azure writes it: "never" for TTLs and auto-delete. */
const NEVER = 'P10675199DT2H48M5.4775807S';

const ENTITIES: Record<string, string> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&apos;',
  '"': '&quot;',
};

/** Named entities only: the SDK's parser (fast-xml-parser) decodes those but not numeric references. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ENTITIES[c]!);
}

/** `<Name>text</Name>`, escaped; nothing for undefined. */
export function el(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

export const isoTime = (ms: number): string => new Date(ms).toISOString();

/** Milliseconds as an ISO 8601 duration (`PT1M`, `P14D`, `PT0.5S`). */
export function isoDuration(ms: number): string {
  if (!Number.isFinite(ms)) return NEVER;
  const days = Math.floor(ms / 86_400_000);
  let rest = ms - days * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  const s = (rest - m * 60_000) / 1000;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  if (!days && !time) return 'PT0S';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

export interface EntryInit {
  /** Base URL the ids are built from (`http://host:port`). */
  base: string;
  path: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** The description element, already serialised. */
  content: string;
}

function entryBody(e: EntryInit): string {
  const id = escapeXml(`${e.base}/${e.path}?api-version=${API_VERSION}`);
  return (
    `<id>${id}</id><title type="text">${escapeXml(e.title)}</title>` +
    `<published>${isoTime(e.createdAt)}</published><updated>${isoTime(e.updatedAt)}</updated>` +
    `<author><name>sbemulatorns</name></author><link rel="self" href="${id}"/>` +
    `<content type="application/xml">${e.content}</content>`
  );
}

const PROLOG = '<?xml version="1.0" encoding="utf-8"?>';

export function entryXml(e: EntryInit): string {
  return `${PROLOG}<entry xmlns="${NS.atom}">${entryBody(e)}</entry>`;
}

/**
 * A page of a list. The SDK reads `<link rel="next">` only when the feed has more than one link (it expects an
 * array), which is the case whenever there is a next page, and takes the next `$skip` from it.
 */
export function feedXml(init: {
  base: string;
  path: string;
  title: string;
  entries: EntryInit[];
  next: { skip: number; top: number } | undefined;
}): string {
  const self = escapeXml(`${init.base}/${init.path}?api-version=${API_VERSION}`);
  const next = init.next
    ? `<link rel="next" href="${escapeXml(
        `${init.base}/${init.path}?%24skip=${init.next.skip}&%24top=${init.next.top}&api-version=${API_VERSION}`,
      )}"/>`
    : '';
  return (
    `${PROLOG}<feed xmlns="${NS.atom}"><title type="text">${escapeXml(init.title)}</title><id>${self}</id>` +
    `<updated>${isoTime(Date.now())}</updated><link rel="self" href="${self}"/>${next}` +
    init.entries.map((e) => `<entry>${entryBody(e)}</entry>`).join('') +
    '</feed>'
  );
}

export function errorXml(status: number, detail: string): string {
  return `${PROLOG}<Error><Code>${status}</Code><Detail>${escapeXml(detail)}</Detail></Error>`;
}

export type XmlNode = Record<string, unknown>;

/**
 * The description inside a request's `<entry><content>`: its element name (QueueDescription, ...) and its parsed
 * children. Anything that is not well-formed ATOM is a 400, never an exception that escapes.
 */
export async function parseEntryContent(body: string): Promise<{ kind: string; node: XmlNode }> {
  // Azure's XML readers refuse DTDs; refusing them here also rules out entity-expansion bombs.
  if (/<!DOCTYPE/i.test(body)) throw brokerErrors.badRequest('DTDs are not allowed in the request body.');
  let parsed: unknown;
  try {
    parsed = await parseXML(body, { includeRoot: true });
  } catch (err) {
    const detail = err instanceof Error ? err.message : JSON.stringify(err);
    throw brokerErrors.badRequest(`The request body is not well-formed XML: ${detail}`);
  }
  const entry = (parsed as XmlNode | undefined)?.entry;
  const content = typeof entry === 'object' && entry !== null ? (entry as XmlNode).content : undefined;
  if (typeof content !== 'object' || content === null)
    throw brokerErrors.badRequest('The request body must be an ATOM <entry> with a <content> element.');
  const kind = Object.keys(content).find((k) => k !== '$' && k !== '_');
  const node = kind === undefined ? undefined : (content as XmlNode)[kind];
  if (kind === undefined || typeof node !== 'object' || node === null)
    throw brokerErrors.badRequest('The <content> element must hold an entity description.');
  return { kind, node: node as XmlNode };
}

/** An element's text: a plain string, or the `_` of an element that has attributes. */
export function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const t = (v as XmlNode)._;
    return typeof t === 'string' || typeof t === 'number' ? String(t) : '';
  }
  return undefined;
}

/** The value of an `xxx:type` attribute (`p4:type="SqlFilter"` → `SqlFilter`), whatever the prefix. */
export function xsiType(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const attrs = (v as XmlNode).$;
  if (typeof attrs !== 'object' || attrs === null) return undefined;
  for (const [k, value] of Object.entries(attrs)) {
    if ((k === 'type' || k.endsWith(':type')) && typeof value === 'string') return value.split(':').pop();
  }
  return undefined;
}
