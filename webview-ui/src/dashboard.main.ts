// The reliability dashboard: incidents by month and severity, the four durations (median, p90, n,
// missing), incidents by service, action item closure and backlog, recurring patterns. Charts are
// SVG drawn here (no chart library, nothing from a CDN), coloured by theme variables, and each has
// its figures as a table beside it for screen readers and copying.

import { formatDuration, monthAxisLabels } from '../../src/core/time';
import { SEVERITIES, Severity } from '../../src/core/severity';
import { DURATION_DEFINITIONS, DURATIONS } from '../../src/core/learning/milestones';
import { METRIC_PERIODS, MetricPeriod, Metrics } from '../../src/core/learning/metrics';
import { FolderLoad, hours, loadCells, PersonLoad } from '../../src/core/oncall/load';
import {
  DASHBOARD_RESULTS,
  DashboardHostMessage,
  DashboardResults,
  DashboardState,
  DashboardWebviewMessage,
  ExportFormat,
  isDashboardState,
  parseDashboardHostMessage,
} from '../../src/protocol/dashboard';
import { byId, clear, el, readInitialState, setAttr } from './lib/dom';
import { HostChannel, outcomeText } from './lib/hostChannel';
import { vscodeApi } from './lib/vscodeApi';
import { count } from '../../src/core/text/count';

/** Kept across reloads: the serializer re-opens the panel, the page remembers its period. */
interface UiState {
  readonly days?: MetricPeriod;
}

const vscode = vscodeApi<DashboardWebviewMessage, UiState>();
let state: DashboardState | undefined = readInitialState(isDashboardState);
const host = new HostChannel<DashboardWebviewMessage, Exclude<DashboardHostMessage, { type: 'reply' }>, DashboardResults>(vscode, window, {
  parse: parseDashboardHostMessage,
  results: DASHBOARD_RESULTS,
});

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Readonly<Record<string, string | number>> = {}, children: readonly Node[] = []): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    setAttr(node, name, String(value));
  }
  for (const child of children) {
    node.appendChild(child);
  }
  return node;
}

const svgText = (x: number, y: number, text: string, className = 'axis', anchor = 'start'): SVGElement => {
  const node = svg('text', { x, y, class: className, 'text-anchor': anchor });
  node.textContent = text;
  return node;
};

const duration = (ms: number | undefined): string => (ms === undefined ? 'n/a' : formatDuration(ms));
const sevClass = (s: Severity): string => `sev-fill-${s.toLowerCase()}`;

function table(caption: string, header: readonly string[], rows: readonly (readonly string[])[]): HTMLElement {
  const head = el(
    'tr',
    {},
    header.map((h) => el('th', { text: h, attrs: { scope: 'col' } })),
  );
  const body = rows.map((r) =>
    el(
      'tr',
      {},
      r.map((c, i) => (i === 0 ? el('th', { text: c, attrs: { scope: 'row' } }) : el('td', { text: c }))),
    ),
  );
  return el('details', { className: 'alt' }, [
    el('summary', { text: `${caption} as a table` }),
    el('table', {}, [el('caption', { className: 'sr-only', text: caption }), el('thead', {}, [head]), el('tbody', {}, body)]),
  ]);
}

/** A chart: its SVG (an image with a title) and the same figures as a table. */
function figure(id: string, title: string, chart: SVGElement, alt: HTMLElement, extra: readonly Node[] = []): HTMLElement {
  setAttr(chart, 'role', 'img');
  setAttr(chart, 'aria-labelledby', `${id}-title`);
  return el('section', { className: 'card', attrs: { 'aria-labelledby': `${id}-title`, id } }, [
    el('h2', { attrs: { id: `${id}-title` }, text: title }),
    ...extra,
    chart,
    alt,
  ]);
}

const WIDTH = 560;

function monthsChart(m: Metrics): HTMLElement {
  const height = 190;
  const top = 10;
  const bottom = 34;
  const left = 30;
  const max = Math.max(1, ...m.byMonth.map((mo) => mo.count));
  const slot = (WIDTH - left) / Math.max(1, m.byMonth.length);
  const bar = Math.min(40, slot * 0.7);
  const scale = (height - top - bottom) / max;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'chart' });
  chart.append(svg('line', { x1: left, y1: height - bottom, x2: WIDTH, y2: height - bottom, class: 'gridline' }));
  chart.append(svgText(left - 6, top + 8, String(max), 'axis', 'end'), svgText(left - 6, height - bottom, '0', 'axis', 'end'));
  const labels = monthAxisLabels(m.byMonth.map((mo) => mo.month));
  m.byMonth.forEach((mo, i) => {
    const x = left + i * slot + (slot - bar) / 2;
    let y = height - bottom;
    for (const s of SEVERITIES) {
      const h = mo.bySeverity[s] * scale;
      if (h > 0) {
        y -= h;
        chart.append(
          svg('rect', { x, y, width: bar, height: h, class: sevClass(s) }, [
            svg('title', {}, [document.createTextNode(`${mo.month} ${s}: ${mo.bySeverity[s]}`)]),
          ]),
        );
      }
    }
    if (mo.count) chart.append(svgText(x + bar / 2, y - 3, String(mo.count), 'value', 'middle'));
    if (m.byMonth.length <= 13) {
      chart.append(svgText(x + bar / 2, height - bottom + 13, labels[i].month, 'axis', 'middle'));
      if (labels[i].year) chart.append(svgText(x + bar / 2, height - bottom + 26, labels[i].year, 'axis', 'middle'));
    }
  });
  return figure(
    'by-month',
    'Incidents by month and severity',
    chart,
    table(
      'Incidents by month and severity',
      ['Month', ...SEVERITIES, 'Total'],
      m.byMonth.map((mo) => [mo.month, ...SEVERITIES.map((s) => String(mo.bySeverity[s])), String(mo.count)]),
    ),
    [legend()],
  );
}

function legend(): HTMLElement {
  return el(
    'div',
    { className: 'legend', attrs: { 'aria-hidden': 'true' } },
    SEVERITIES.map((s) => el('span', {}, [el('span', { className: `swatch ${sevClass(s)}` }), document.createTextNode(` ${s}`)])),
  );
}

function durationsChart(m: Metrics): HTMLElement {
  const rowHeight = 34;
  const left = 150;
  const height = DURATIONS.length * rowHeight + 8;
  const stats = DURATIONS.map((d) => m.overall.durations[d]);
  const max = Math.max(1, ...stats.map((s) => s.p90Ms ?? 0));
  const scale = (WIDTH - left - 90) / max;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'chart' });
  DURATIONS.forEach((d, i) => {
    const s = m.overall.durations[d];
    const y = 6 + i * rowHeight;
    chart.append(svgText(0, y + 12, DURATION_DEFINITIONS[d].label, 'label'));
    chart.append(svgText(0, y + 26, `n ${s.n}, ${s.missing} missing`, 'axis'));
    if (s.medianMs === undefined) {
      chart.append(svgText(left, y + 18, 'no incident had both milestones', 'axis'));
      return;
    }
    chart.append(svg('rect', { x: left, y: y + 2, width: Math.max(1, (s.p90Ms ?? 0) * scale), height: 12, class: 'p90' }));
    chart.append(svg('rect', { x: left, y: y + 16, width: Math.max(1, s.medianMs * scale), height: 12, class: 'median' }));
    chart.append(svgText(left + (s.p90Ms ?? 0) * scale + 4, y + 12, `p90 ${duration(s.p90Ms)}`, 'value'));
    chart.append(svgText(left + s.medianMs * scale + 4, y + 26, `median ${duration(s.medianMs)}`, 'value'));
  });
  const rows = [
    ...DURATIONS.map((d) => {
      const s = m.overall.durations[d];
      return [
        DURATION_DEFINITIONS[d].label,
        'all',
        duration(s.medianMs),
        duration(s.p90Ms),
        String(s.n),
        String(s.missing),
        String(s.outOfOrder),
      ];
    }),
    ...SEVERITIES.flatMap((sev) =>
      DURATIONS.map((d) => {
        const s = m.bySeverity[sev].durations[d];
        return [
          DURATION_DEFINITIONS[d].label,
          sev,
          duration(s.medianMs),
          duration(s.p90Ms),
          String(s.n),
          String(s.missing),
          String(s.outOfOrder),
        ];
      }),
    ),
  ];
  return figure(
    'durations',
    'Durations: median and p90',
    chart,
    table('Durations by severity', ['Duration', 'Severity', 'Median', 'p90', 'n', 'Missing', 'Out of order'], rows),
    [
      el('p', {
        className: 'muted',
        text: 'Only incidents with both milestones count; a missing milestone is counted as missing, never guessed.',
      }),
    ],
  );
}

function servicesChart(m: Metrics): HTMLElement {
  const shown = m.byService.slice(0, 12);
  const rowHeight = 22;
  const left = 150;
  const height = Math.max(1, shown.length) * rowHeight + 4;
  const max = Math.max(1, ...shown.map((s) => s.count));
  const scale = (WIDTH - left - 40) / max;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'chart' });
  if (!shown.length) chart.append(svgText(0, 16, 'No incidents in this period.', 'axis'));
  shown.forEach((s, i) => {
    const y = 2 + i * rowHeight;
    chart.append(svgText(0, y + 14, s.service.length > 22 ? `${s.service.slice(0, 21)}…` : s.service, 'label'));
    let x = left;
    for (const sev of SEVERITIES) {
      const w = s.bySeverity[sev] * scale;
      if (w > 0) {
        chart.append(
          svg('rect', { x, y: y + 3, width: w, height: 14, class: sevClass(sev) }, [
            svg('title', {}, [document.createTextNode(`${s.service} ${sev}: ${s.bySeverity[sev]}`)]),
          ]),
        );
        x += w;
      }
    }
    chart.append(svgText(x + 4, y + 14, String(s.count), 'value'));
  });
  return figure(
    'by-service',
    'Incidents by service and severity',
    chart,
    table(
      'Incidents by service and severity',
      ['Service', ...SEVERITIES, 'Total'],
      m.byService.map((s) => [s.service, ...SEVERITIES.map((sev) => String(s.bySeverity[sev])), String(s.count)]),
    ),
  );
}

function actionItemsChart(m: Metrics): HTMLElement {
  const a = m.actionItems;
  const height = 140;
  const left = 30;
  const bottom = 22;
  const max = Math.max(1, ...a.backlog.map((p) => p.open));
  const step = (WIDTH - left - 10) / Math.max(1, a.backlog.length - 1);
  const y = (open: number) => 8 + (height - bottom - 8) * (1 - open / max);
  const points = a.backlog.map((p, i) => `${left + i * step},${y(p.open)}`).join(' ');
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'chart' }, [
    svg('line', { x1: left, y1: height - bottom, x2: WIDTH, y2: height - bottom, class: 'gridline' }),
    svgText(left - 6, 16, String(max), 'axis', 'end'),
    svgText(left - 6, height - bottom, '0', 'axis', 'end'),
    svg('polyline', { points, class: 'backlog' }),
    ...a.backlog.map((p, i) =>
      svg('circle', { cx: left + i * step, cy: y(p.open), r: 2.5, class: 'backlog-point' }, [
        svg('title', {}, [document.createTextNode(`${p.at.slice(0, 10)}: ${p.open} open`)]),
      ]),
    ),
    svgText(left, height - 6, a.backlog[0]?.at.slice(0, 10) ?? '', 'axis'),
    svgText(WIDTH - 4, height - 6, a.backlog[a.backlog.length - 1]?.at.slice(0, 10) ?? '', 'axis', 'end'),
  ]);
  const rate = a.closureRate === undefined ? 'n/a' : `${Math.round(a.closureRate * 100)}%`;
  return figure(
    'action-items',
    'Action items: closure and open backlog',
    chart,
    table(
      'Open action items over the period',
      ['Date', 'Open'],
      a.backlog.map((p) => [p.at.slice(0, 10), String(p.open)]),
    ),
    [
      el('p', { className: 'kpi' }, [
        el('strong', { text: rate }),
        document.createTextNode(
          ` closed by their due date (${a.doneByDue} of ${a.dueInPeriod} due in the period) · ${a.open} open, ${a.overdue} overdue`,
        ),
      ]),
    ],
  );
}

function incidentLink(id: string): HTMLElement {
  const link = el('button', { className: 'ref', text: id, attrs: { type: 'button', title: `Open the timeline of ${id}` } });
  link.addEventListener('click', () => host.post({ type: 'openIncident', incidentId: id }));
  return link;
}

function patternsSection(m: Metrics): HTMLElement {
  const list = el('ul', { className: 'patterns' });
  for (const p of m.patterns) {
    list.append(el('li', {}, [el('span', { text: p.text }), el('span', { className: 'ids' }, p.incidentIds.map(incidentLink))]));
  }
  if (!m.patterns.length) list.append(el('li', { className: 'muted', text: 'No recurring patterns in this period.' }));
  const recurrences = el('ul', { className: 'patterns' });
  for (const r of m.recurrences) {
    recurrences.append(
      el('li', {}, [
        incidentLink(r.incidentId),
        el('span', { text: ` recurs ` }),
        incidentLink(r.recurs),
        el('span', { text: `: ${r.reason}` }),
      ]),
    );
  }
  return el('section', { className: 'card wide', attrs: { 'aria-labelledby': 'patterns-title', id: 'patterns' } }, [
    el('h2', { attrs: { id: 'patterns-title' }, text: 'Recurring patterns' }),
    list,
    ...(m.recurrences.length ? [el('h3', { text: 'Recurrences' }), recurrences] : []),
  ]);
}

const person = (name: string): string => (name.length > 22 ? `${name.slice(0, 21)}…` : name);
const overText = (p: PersonLoad): string =>
  `${p.person} (${p.pagesPerWeek} pages a week, ${p.outOfHoursPages} out of hours, ${p.weekendPages} at weekends, ${hours(p.incidentMinutes)} in incidents)`;

/** One folder's on-call load: pages a week per person (out-of-hours share darker), the limit as a line, the figures as a table. */
function oncallChart({ folder, rotation, load }: FolderLoad, index: number, many: boolean): HTMLElement {
  const shown = load.people.slice(0, 15);
  const rowHeight = 22;
  const left = 150;
  const height = Math.max(1, shown.length) * rowHeight + 4;
  const max = Math.max(load.pagesPerWeekLimit, ...shown.map((p) => p.pagesPerWeek), 0.01);
  const scale = (WIDTH - left - 160) / max;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${height}`, class: 'chart' });
  if (!shown.length) chart.append(svgText(0, 16, 'No pages in this period.', 'axis'));
  shown.forEach((p, i) => {
    const y = 2 + i * rowHeight;
    const perPage = p.pages ? p.pagesPerWeek / p.pages : 0;
    const outside = p.outOfHoursPages * perPage * scale;
    const inside = (p.pages - p.outOfHoursPages) * perPage * scale;
    chart.append(svgText(0, y + 14, person(p.person), 'label'));
    if (inside > 0) chart.append(svg('rect', { x: left, y: y + 3, width: inside, height: 14, class: 'pages-in-hours' }));
    if (outside > 0) chart.append(svg('rect', { x: left + inside, y: y + 3, width: outside, height: 14, class: 'pages-out-of-hours' }));
    chart.append(
      svgText(left + inside + outside + 4, y + 14, `${p.pagesPerWeek}/week · ${p.incidents} inc · ${hours(p.incidentMinutes)}`, 'value'),
    );
  });
  const limitX = left + load.pagesPerWeekLimit * scale;
  chart.append(
    svg('line', { x1: limitX, y1: 0, x2: limitX, y2: height, class: 'limit' }, [
      svg('title', {}, [document.createTextNode(`limit: ${load.pagesPerWeekLimit} pages a week`)]),
    ]),
  );
  const id = `oncall-${index}`;
  const notes: Node[] = [
    load.spread
      ? el('p', { className: 'kpi' }, [
          el('strong', { text: String(load.spread.pagesPerWeek) }),
          document.createTextNode(` pages a week between the most and least loaded: ${load.spread.most} and ${load.spread.least}`),
        ])
      : el('p', {
          className: 'muted',
          text: rotation
            ? 'No spread to show: fewer than two people on the rotation.'
            : 'No spread to show: fewer than two people were paged.',
        }),
    el('p', {
      className: load.overloaded.length ? 'warnings' : 'muted',
      text: load.overloaded.length
        ? `Over ${load.pagesPerWeekLimit} pages a week: ${load.overloaded.map(overText).join('; ')}`
        : `No one over ${load.pagesPerWeekLimit} pages a week.`,
    }),
  ];
  if (!rotation) {
    notes.push(
      el('p', { className: 'muted', text: 'No rotation file (.warroom/oncall.yaml): each page counts for whoever declared the incident.' }),
    );
  } else if (load.unrotatedPages) {
    notes.push(
      el('p', { className: 'muted', text: `${load.unrotatedPages} page(s) no rotation covered went to whoever declared the incident.` }),
    );
  }
  notes.push(
    el('div', { className: 'legend', attrs: { 'aria-hidden': 'true' } }, [
      el('span', {}, [el('span', { className: 'swatch pages-in-hours' }), document.createTextNode(' working hours')]),
      el('span', {}, [
        el('span', { className: 'swatch pages-out-of-hours' }),
        document.createTextNode(' out of hours (weekends included)'),
      ]),
    ]),
  );
  return figure(
    id,
    many ? `On-call load: ${folder}` : 'On-call load',
    chart,
    table(
      'On-call load per person',
      ['Person', 'Pages', 'Pages a week', 'Out of hours', 'Weekend', 'Incidents', 'Incidents a week', 'In incidents'],
      load.people.map(loadCells),
    ),
    notes,
  );
}

function oncallSections(loads: readonly FolderLoad[]): HTMLElement[] {
  if (!loads.length) {
    return [
      el('section', { className: 'card', attrs: { 'aria-labelledby': 'oncall-title', id: 'oncall' } }, [
        el('h2', { attrs: { id: 'oncall-title' }, text: 'On-call load' }),
        el('p', { className: 'muted', text: 'No incidents and no rotation file (.warroom/oncall.yaml).' }),
      ]),
    ];
  }
  return loads.map((l, i) => oncallChart(l, i, loads.length > 1));
}

const app = byId('app');
const status = el('div', { className: 'qa-status muted', attrs: { role: 'status', 'aria-live': 'polite' } });

function request(what: string, type: 'setPeriod', params: { days: MetricPeriod }): void;
function request(what: string, type: 'export', params: { format: ExportFormat }): void;
function request(what: string, type: 'setPeriod' | 'export', params: { days: MetricPeriod } | { format: ExportFormat }): void {
  status.textContent = `${what}…`;
  const sent =
    type === 'setPeriod'
      ? host.request('setPeriod', params as { days: MetricPeriod })
      : host.request('export', params as { format: ExportFormat });
  void sent.then((outcome) => {
    status.textContent = outcomeText(what, outcome, '');
  });
}

function render(): void {
  clear(app);
  if (!state) {
    app.append(el('p', { className: 'muted', text: 'Loading…' }));
    return;
  }
  const m = state.metrics;
  vscode.setState({ days: m.days as MetricPeriod });
  const periods = el(
    'div',
    { className: 'chips', attrs: { role: 'group', 'aria-label': 'Period' } },
    METRIC_PERIODS.map((days) => {
      const chip = el('button', {
        className: 'chip',
        text: `${days} days`,
        attrs: { type: 'button', 'aria-pressed': String(days === m.days) },
      });
      chip.addEventListener('click', () => request(`Showing ${days} days`, 'setPeriod', { days }));
      return chip;
    }),
  );
  const exports = (['markdown', 'csv'] as const).map((format) => {
    const button = el('button', {
      className: 'action',
      text: format === 'markdown' ? 'Export Markdown' : 'Export CSV',
      attrs: { type: 'button' },
    });
    button.addEventListener('click', () => request(`Exporting ${format === 'markdown' ? 'Markdown' : 'CSV'}`, 'export', { format }));
    return button;
  });
  const summary = `${m.from.slice(0, 10)} to ${m.to.slice(0, 10)}: ${count(m.count, 'incident')}${m.drillsLeftOut ? `, ${count(m.drillsLeftOut, 'drill')} left out` : ''}`;
  app.append(
    el('header', { className: 'head' }, [el('h1', { className: 'title', text: 'Reliability' }), periods, ...exports]),
    el('p', { className: 'muted', text: summary }),
    ...(state.note ? [el('p', { className: 'muted', text: state.note })] : []),
    el('div', { className: 'grid' }, [
      monthsChart(m),
      durationsChart(m),
      servicesChart(m),
      actionItemsChart(m),
      ...oncallSections(state.oncall),
      patternsSection(m),
    ]),
    status,
  );
  app.removeAttribute('aria-busy');
}

host.on('state', (message) => {
  state = message.state;
  render();
});

render();
host.post({ type: 'ready', version: state?.version ?? 0 });
