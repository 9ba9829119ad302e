// The operations dashboard: KPIs, charts and dead letters from the admin APIs. Bundled by our build into
// dist/web/dashboard/main.js (+ main.css) and served by functions/analytics/dashboardPage.ts.
import './dashboard.css';
import {
  getDeadLetters,
  getSnapshot,
  login,
  refreshSnapshot,
  replay,
  token,
  UnauthorizedError,
  type DeadLetter,
  type Snapshot,
} from './api';
import { drawCharts } from './charts';
import { duration, integer, money, percent, time } from './format';

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;
const setText = (id: string, text: string): void => {
  $(id).textContent = text;
};

function showBoard(signedIn: boolean): void {
  $('login').hidden = signedIn;
  $('board').hidden = !signedIn;
  $('refresh').hidden = !signedIn;
  $('logout').hidden = !signedIn;
}

function renderKpis(s: Snapshot): void {
  const currencies = Object.keys(s.revenueByCurrency);
  const currency = currencies.length === 1 ? currencies[0] : undefined;
  setText('kpi-orders', integer(s.totals.orders));
  setText('kpi-orders-hint', `${integer(s.daily.at(-1)?.orders ?? 0)} today`);
  setText('kpi-revenue', money(s.totals.revenue, currency));
  setText('kpi-aov', `average order ${money(s.averageOrderValue, currency)}`);
  setText('kpi-open', integer(s.totals.open));
  setText(
    'kpi-open-age',
    s.openAge.count
      ? `age avg ${duration(s.openAge.averageSeconds)} · p90 ${duration(s.openAge.p90Seconds)}`
      : 'none open',
  );
  setText('kpi-cancelled', integer(s.totals.cancelled));
  setText('kpi-cancel-rate', `${percent(s.cancellationRate)} of orders`);
  setText('generated', `updated ${time(s.generatedAt)}`);
  $('board').dataset.generatedAt = s.generatedAt;
}

function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function renderDeadLetters(items: DeadLetter[]): void {
  const body = $('deadletters');
  body.replaceChildren();
  setText('kpi-deadletters', integer(items.length));
  const waiting = items.filter((i) => !i.replayedAt).length;
  setText('kpi-deadletters-hint', items.length ? `${waiting} not replayed` : 'all clear');
  $('kpi-deadletters')
    .closest('.kpi')
    ?.classList.toggle('bad', waiting > 0);
  if (items.length === 0) {
    const tr = document.createElement('tr');
    tr.append(Object.assign(cell('No dead letters.', 'empty'), { colSpan: 7 }));
    body.append(tr);
    return;
  }
  for (const item of items) {
    const tr = document.createElement('tr');
    tr.dataset.id = item.id;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'replay';
    button.textContent = item.replayCount ? 'Replay again' : 'Replay';
    button.addEventListener('click', () => void doReplay(item, button));
    const action = document.createElement('td');
    action.append(button);
    const reason = cell(item.reason ?? '–');
    reason.title = item.description ?? '';
    tr.append(
      cell(time(item.receivedAt)),
      cell(item.queue, 'mono queue'),
      cell(`${item.subject ?? ''} ${item.messageId}`.trim(), 'mono'),
      reason,
      cell(String(item.deliveryCount ?? '–')),
      cell(item.replayedAt ? `${time(item.replayedAt)} by ${item.replayedBy ?? '?'}` : '–'),
      action,
    );
    body.append(tr);
  }
}

async function doReplay(item: DeadLetter, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    const { messageId } = await replay(item.id);
    setText('replay-status', `Sent back to ${item.queue} as ${messageId}.`);
    renderDeadLetters((await getDeadLetters()).items);
  } catch (err) {
    setText('replay-status', `Replay failed: ${err instanceof Error ? err.message : String(err)}`);
    button.disabled = false;
  }
}

async function load(refresh = false): Promise<void> {
  try {
    const [snapshot, deadLetters] = await Promise.all([
      refresh ? refreshSnapshot() : getSnapshot(),
      getDeadLetters(),
    ]);
    showBoard(true);
    renderKpis(snapshot);
    drawCharts(snapshot);
    renderDeadLetters(deadLetters.items);
    document.body.dataset.state = 'ready';
  } catch (err) {
    if (err instanceof UnauthorizedError) {
      token.clear();
      showBoard(false);
      setText('login-error', token.get() ? err.message : '');
      document.body.dataset.state = 'login';
      return;
    }
    setText('generated', `error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

$('login-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const email = $<HTMLInputElement>('login-email').value;
  const password = $<HTMLInputElement>('login-password').value;
  setText('login-error', '');
  login(email, password)
    .then(() => load(true))
    .catch((err: unknown) => setText('login-error', err instanceof Error ? err.message : 'Sign-in failed.'));
});
$('refresh').addEventListener('click', () => void load(true));
$('logout').addEventListener('click', () => {
  token.clear();
  showBoard(false);
});

if (token.get()) void load();
else showBoard(false);
setInterval(() => {
  if (token.get()) void load();
}, 30_000);
