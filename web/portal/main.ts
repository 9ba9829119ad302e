// The local portal's page (tools/portal): Service Bus, Cosmos DB and mail explorers. Built by tools/build like the
// dashboard; no inline script, so the portal's CSP needs no 'unsafe-inline'. Every action is confirmed, POSTed
// with the per-process token from the page's meta tag, and its outcome reported in #status.
const token = document.querySelector<HTMLMetaElement>('meta[name=portal-token]')?.content ?? '';
const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const status = (t: string) => ($('#status').textContent = t);

async function get<T>(path: string): Promise<T> {
  const res = await fetch(path);
  if (!res.ok)
    throw new Error(`${path}: ${res.status} ${((await res.json()) as { error?: string }).error ?? ''}`);
  return (await res.json()) as T;
}
async function post<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-portal-token': token },
    body: JSON.stringify(body),
  });
  const out = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(out.error ?? String(res.status));
  return out;
}
function confirmAction(text: string): Promise<boolean> {
  const dialog = $<HTMLDialogElement>('#confirm');
  $('#confirm-text').textContent = text;
  dialog.showModal();
  return new Promise((r) =>
    dialog.addEventListener('close', () => r(dialog.returnValue === 'ok'), { once: true }),
  );
}
async function act(
  text: string,
  path: string,
  body: unknown,
  report: (r: Record<string, unknown>) => string,
) {
  if (!(await confirmAction(text))) return status('cancelled');
  try {
    status(report(await post<Record<string, unknown>>(path, body)));
  } catch (err) {
    status(`failed: ${(err as Error).message}`);
  }
  await refreshSb();
  if (current) await showMessages(current.entity, current.sub);
}

interface Entity {
  path: string;
  kind: string;
  activeMessageCount?: number;
  scheduledMessageCount?: number;
  deferredMessageCount?: number;
  lockedMessageCount?: number;
  deadLetterMessageCount?: number;
}
interface Peeked {
  sequenceNumber: string;
  messageId?: string;
  state: string;
  body: unknown;
  subject?: string;
  deliveryCount?: number;
  enqueuedTimeUtc?: string;
  scheduledEnqueueTimeUtc?: string;
  deadLetterReason?: string;
  deadLetterErrorDescription?: string;
  applicationProperties: Record<string, unknown>;
}
let current: { entity: string; sub: 'active' | 'deadletter' } | undefined;

async function refreshSb() {
  const { entities } = await get<{ entities: Entity[] }>('/api/servicebus/entities');
  const n = (v: number | undefined) => `<td class="n">${v ?? ''}</td>`;
  $('#sb-entities tbody').innerHTML = entities
    .filter((e) => e.kind !== 'topic')
    .map(
      (e) =>
        `<tr data-entity="${esc(e.path)}"><td>${esc(e.path)}</td><td>${esc(e.kind)}</td>${n(e.activeMessageCount)}${n(
          e.scheduledMessageCount,
        )}${n(e.deferredMessageCount)}${n(e.lockedMessageCount)}${n(e.deadLetterMessageCount)}<td>` +
        `<button class="peek" data-sub="active">Peek</button> <button class="peek" data-sub="deadletter">Dead letters</button> ` +
        `<button class="purge">Purge</button></td></tr>`,
    )
    .join('');
}

async function showMessages(entity: string, sub: 'active' | 'deadletter') {
  current = { entity, sub };
  const messages = await get<Peeked[]>(
    `/api/servicebus/messages?entity=${encodeURIComponent(entity)}&sub=${sub}&count=100`,
  );
  const body = (b: unknown) => {
    try {
      return JSON.stringify(typeof b === 'string' ? JSON.parse(b) : b, null, 2);
    } catch {
      return String(b);
    }
  };
  $('#sb-detail').innerHTML =
    `<h3>${esc(entity)} · ${sub === 'deadletter' ? 'dead-letter queue' : 'messages'} (${messages.length})</h3>` +
    (sub === 'deadletter' && messages.length
      ? '<button id="resend-all">Resend all</button> <button id="delete-all">Delete all</button>'
      : '') +
    messages
      .map(
        (m) =>
          `<div class="msg" data-seq="${esc(m.sequenceNumber)}"><small>#${esc(m.sequenceNumber)} · ${esc(m.state)} · id ${esc(
            m.messageId,
          )} · subject ${esc(m.subject)} · deliveries ${esc(m.deliveryCount)} · enqueued ${esc(m.enqueuedTimeUtc)}` +
          (m.scheduledEnqueueTimeUtc && m.state === 'scheduled'
            ? ` · scheduled ${esc(m.scheduledEnqueueTimeUtc)}`
            : '') +
          (m.deadLetterReason
            ? ` · reason <b class="reason">${esc(m.deadLetterReason)}</b>: ${esc(m.deadLetterErrorDescription)}`
            : '') +
          `</small><pre class="body">${esc(body(m.body))}</pre><pre class="props">${esc(
            JSON.stringify(m.applicationProperties, null, 2),
          )}</pre>` +
          (sub === 'deadletter' ? '<button class="resend">Resend</button> ' : '') +
          (m.state === 'scheduled'
            ? '<button class="cancel">Cancel scheduled</button>'
            : '<button class="delete">Delete</button>') +
          '</div>',
      )
      .join('');
}

document.addEventListener('click', (ev) => {
  const el = ev.target as HTMLElement;
  const row = el.closest<HTMLElement>('[data-entity]');
  const entity = row?.dataset.entity ?? current?.entity ?? '';
  const seq = el.closest<HTMLElement>('[data-seq]')?.dataset.seq;
  const sub = current?.sub ?? 'active';
  if (el.dataset.tab) {
    document.querySelectorAll<HTMLElement>('nav button').forEach((b) => b.classList.toggle('on', b === el));
    for (const t of ['sb', 'cosmos', 'mail']) $(`#tab-${t}`).hidden = t !== el.dataset.tab;
    if (el.dataset.tab === 'cosmos') void refreshCosmos();
    if (el.dataset.tab === 'mail') void refreshMail();
  } else if (el.classList.contains('peek'))
    void showMessages(entity, el.dataset.sub as 'active' | 'deadletter');
  else if (el.classList.contains('purge'))
    void act(
      `Purge every active message of ${entity}?`,
      '/api/servicebus/purge',
      { entity },
      (r) => `purged ${String(r.deleted)} from ${entity}`,
    );
  else if (el.classList.contains('resend'))
    void act(
      `Resend dead letter #${seq} of ${entity} under a new message id?`,
      '/api/servicebus/resend',
      { entity, sequenceNumbers: [seq] },
      (r) => `resent as ${(r.sent as string[]).join(', ')}`,
    );
  else if (el.id === 'resend-all')
    void act(
      `Resend every dead letter of ${entity}?`,
      '/api/servicebus/resend',
      { entity, sequenceNumbers: 'all' },
      (r) => `resent ${(r.sent as string[]).length} dead letters`,
    );
  else if (el.classList.contains('delete'))
    void act(
      `Delete message #${seq} of ${entity}?`,
      '/api/servicebus/delete',
      { entity, sub, sequenceNumbers: [seq] },
      (r) => `deleted ${String(r.deleted)}`,
    );
  else if (el.id === 'delete-all')
    void act(
      `Delete every dead letter of ${entity}?`,
      '/api/servicebus/delete',
      { entity, sub, sequenceNumbers: 'all' },
      (r) => `deleted ${String(r.deleted)} dead letters`,
    );
  else if (el.classList.contains('cancel'))
    void act(
      `Cancel scheduled message #${seq} of ${entity}?`,
      '/api/servicebus/cancel',
      { entity, sequenceNumbers: [seq] },
      (r) => `cancelled ${String(r.cancelled)}`,
    );
  else if (el.classList.contains('mail')) void showMail(el.dataset.id ?? '');
});

interface ContainerInfo {
  database: string;
  container: string;
  partitionKey: string[];
  defaultTtl: number | null;
  itemCount: number;
}
interface Lease {
  monitored?: string;
  id: string;
  owner: string | null;
  continuation: string | null;
  behind: number | null;
  timestamp?: string;
}
let continuation: string | undefined;

async function refreshCosmos() {
  const [containers, leases] = await Promise.all([
    get<ContainerInfo[]>('/api/cosmos/containers'),
    get<Lease[]>('/api/cosmos/leases'),
  ]);
  $('#cosmos-containers tbody').innerHTML = containers
    .map(
      (c) =>
        `<tr><td>${esc(c.database)}</td><td>${esc(c.container)}</td><td>${esc(c.partitionKey.join(', '))}</td><td>${esc(c.defaultTtl ?? 'off')}</td><td class="n">${c.itemCount}</td></tr>`,
    )
    .join('');
  const select = $<HTMLSelectElement>('#q-container');
  const chosen = select.value;
  select.innerHTML = containers
    .map((c) => `<option>${esc(`${c.database}/${c.container}`)}</option>`)
    .join('');
  if (chosen) select.value = chosen;
  $('#cosmos-leases tbody').innerHTML = leases
    .map(
      (l) =>
        `<tr><td>${esc(l.monitored)}</td><td>${esc(l.id)}</td><td>${esc(l.owner)}</td><td><code>${esc(l.continuation?.slice(0, 60))}</code></td><td class="n">${esc(l.behind ?? '?')}</td><td>${esc(l.timestamp)}</td></tr>`,
    )
    .join('');
}

async function runQuery(next: boolean) {
  const [database, container] = $<HTMLSelectElement>('#q-container').value.split('/');
  try {
    const page = await post<{ items: unknown[]; continuation?: string; charge: number }>(
      '/api/cosmos/query',
      {
        database,
        container,
        query: $<HTMLTextAreaElement>('#q-text').value,
        parameters: JSON.parse($<HTMLInputElement>('#q-params').value || '[]') as unknown,
        partitionKey: $<HTMLInputElement>('#q-pk').value,
        pageSize: Number($<HTMLInputElement>('#q-size').value) || 20,
        ...(next && continuation ? { continuation } : {}),
      },
    );
    continuation = page.continuation;
    $<HTMLButtonElement>('#q-next').disabled = !continuation;
    $('#q-result').innerHTML =
      `<p id="q-count">${page.items.length} items · ${page.charge.toFixed(2)} RU</p><pre>${esc(JSON.stringify(page.items, null, 2))}</pre>`;
    status(`query returned ${page.items.length} items`);
  } catch (err) {
    status(`query failed: ${(err as Error).message}`);
  }
}
$('#cosmos-query').addEventListener('submit', (e) => {
  e.preventDefault();
  void runQuery(false);
});
$('#q-next').addEventListener('click', () => void runQuery(true));

interface Mail {
  id: string;
  subject: string;
  from: string;
  to: string[];
  receivedAt: string;
  text: string;
}
let mails: Mail[] = [];
async function refreshMail() {
  const r = await get<{ items: Mail[]; evicted?: number }>('/api/mail');
  mails = r.items;
  $('#mail-summary').textContent =
    `${mails.length} mails caught${r.evicted ? `, ${r.evicted} older evicted` : ''}`;
  $('#mail-list').innerHTML = mails
    .slice()
    .reverse()
    .map(
      (m) =>
        `<div class="mail" data-id="${esc(m.id)}">${esc(m.subject)} · ${esc(m.to.join(', '))} · ${esc(m.receivedAt)}</div>`,
    )
    .join('');
}
function showMail(id: string) {
  const m = mails.find((x) => x.id === id);
  $('#mail-view').textContent = m ? `From ${m.from} to ${m.to.join(', ')}\n${m.subject}\n\n${m.text}` : '';
}

refreshSb().then(
  () => (document.body.dataset.state = 'ready'),
  (err: unknown) => {
    status(`Service Bus: ${(err as Error).message}`);
    document.body.dataset.state = 'ready';
  },
);
setInterval(() => void refreshSb().catch(() => undefined), 2000);
