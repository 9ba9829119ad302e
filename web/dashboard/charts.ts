import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { Snapshot } from './api';

// Only the pieces we draw: keeps the bundle small.
Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);
Chart.defaults.font.family = 'system-ui, -apple-system, Segoe UI, sans-serif';
Chart.defaults.color = '#475569';

const STATUS_COLORS: Record<string, string> = {
  pending: '#f59e0b',
  confirmed: '#3b82f6',
  shipped: '#8b5cf6',
  delivered: '#10b981',
  cancelled: '#ef4444',
};

const charts = new Map<string, { destroy(): void }>();

function draw(id: string, config: ChartConfiguration): void {
  const canvas = document.getElementById(id) as HTMLCanvasElement | null;
  if (!canvas) return;
  charts.get(id)?.destroy();
  charts.set(id, new Chart(canvas, config));
}

export function drawCharts(s: Snapshot): void {
  const animation = false as const; // redraws every refresh: no flicker, and screenshots see final frames
  draw('chart-daily', {
    type: 'bar',
    data: {
      labels: s.daily.map((d) => d.date.slice(5)),
      datasets: [
        {
          type: 'bar',
          label: 'Orders',
          data: s.daily.map((d) => d.orders),
          backgroundColor: '#93c5fd',
          yAxisID: 'y',
        },
        {
          type: 'line',
          label: 'Revenue',
          data: s.daily.map((d) => d.revenue / 100),
          borderColor: '#1d4ed8',
          backgroundColor: '#1d4ed8',
          tension: 0.2,
          cubicInterpolationMode: 'monotone',
          pointRadius: 2,
          yAxisID: 'revenue',
        },
      ],
    },
    options: {
      animation,
      maintainAspectRatio: false,
      scales: {
        y: { beginAtZero: true, title: { display: true, text: 'orders' } },
        revenue: {
          beginAtZero: true,
          position: 'right',
          grid: { drawOnChartArea: false },
          title: { display: true, text: 'revenue' },
        },
      },
    },
  });
  const statuses = Object.keys(s.ordersByStatus) as Array<keyof Snapshot['ordersByStatus']>;
  draw('chart-status', {
    type: 'doughnut',
    data: {
      labels: statuses,
      datasets: [
        {
          data: statuses.map((k) => s.ordersByStatus[k] ?? 0),
          backgroundColor: statuses.map((k) => STATUS_COLORS[k] ?? '#94a3b8'),
        },
      ],
    },
    options: { animation, maintainAspectRatio: false, plugins: { legend: { position: 'right' } } },
  });
  draw('chart-products', {
    type: 'bar',
    data: {
      labels: s.topProducts.map((p) => p.sku),
      datasets: [
        { label: 'Revenue', data: s.topProducts.map((p) => p.revenue / 100), backgroundColor: '#34d399' },
      ],
    },
    options: {
      animation,
      indexAxis: 'y',
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
    },
  });
}
