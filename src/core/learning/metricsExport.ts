// The dashboard as a document: Markdown for a review or a wiki, CSV for a spreadsheet. Both are
// written from `Metrics` alone, so the CLI, the export command and the panel's table agree.

import { FolderLoad, loadCsvRows } from '../oncall/load';
import { formatDuration } from '../time';
import { SEVERITIES } from '../severity';
import { DURATION_DEFINITIONS, DURATIONS } from './milestones';
import { DurationStats, Metrics } from './metrics';
import { count } from '../text/count';
import { escapeControls } from '../text/controls';

/** "12m" or "n/a" (no incident had both milestones). */
export const durationText = (ms: number | undefined): string => (ms === undefined ? 'n/a' : formatDuration(ms));

export const percentText = (rate: number | undefined): string => (rate === undefined ? 'n/a' : `${Math.round(rate * 100)}%`);

/** "n 7, 2 missing" (and out of order when there are any). */
export function sampleText(stats: DurationStats): string {
  return `n ${stats.n}, ${stats.missing} missing${stats.outOfOrder ? `, ${stats.outOfOrder} out of order` : ''}`;
}

// Text from teammates (titles, services, file names) must not break a table row or start markup.
export const markdownCell = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/[<>`*_[\]]/g, (c) => `\\${c}`);

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => ' --- ').join('|')}|`,
    ...rows.map((r) => `| ${r.map(markdownCell).join(' | ')} |`),
  ];
}

export function metricsMarkdown(m: Metrics): string {
  const lines: string[] = [
    `# Reliability: the last ${m.days} days`,
    '',
    `${m.from.slice(0, 10)} to ${m.to.slice(0, 10)} (UTC): ${count(m.count, 'incident')}${m.drillsLeftOut ? `, ${count(m.drillsLeftOut, 'drill')} left out` : ''}.`,
    '',
    '## Durations',
    '',
    ...table(
      ['Duration', 'Median', 'p90', 'n', 'Missing a milestone'],
      DURATIONS.map((d) => {
        const s = m.overall.durations[d];
        return [DURATION_DEFINITIONS[d].label, durationText(s.medianMs), durationText(s.p90Ms), String(s.n), String(s.missing)];
      }),
    ),
    '',
    '## By severity',
    '',
    ...table(
      ['Severity', 'Incidents', ...DURATIONS.map((d) => `${DURATION_DEFINITIONS[d].label} median / p90 (n)`)],
      SEVERITIES.map((s) => {
        const g = m.bySeverity[s];
        return [
          s,
          String(g.count),
          ...DURATIONS.map((d) => `${durationText(g.durations[d].medianMs)} / ${durationText(g.durations[d].p90Ms)} (${g.durations[d].n})`),
        ];
      }),
    ),
    '',
    '## By month',
    '',
    ...table(
      ['Month', 'Incidents', ...SEVERITIES, 'Time to resolve median (n)'],
      m.byMonth.map((mo) => [
        mo.month,
        String(mo.count),
        ...SEVERITIES.map((s) => String(mo.bySeverity[s])),
        `${durationText(mo.durations.timeToResolve.medianMs)} (${mo.durations.timeToResolve.n})`,
      ]),
    ),
    '',
    '## By service',
    '',
    ...(m.byService.length
      ? table(
          ['Service', 'Incidents', ...SEVERITIES],
          m.byService.map((s) => [s.service, String(s.count), ...SEVERITIES.map((sev) => String(s.bySeverity[sev]))]),
        )
      : ['No incidents.']),
    '',
    '## Action items',
    '',
    `Closure rate (done by the due date / due in the period): ${percentText(m.actionItems.closureRate)} (${m.actionItems.doneByDue} of ${m.actionItems.dueInPeriod}).`,
    `Open now: ${m.actionItems.open}, ${m.actionItems.overdue} overdue.`,
    '',
    ...table(
      ['Date', 'Open'],
      m.actionItems.backlog.map((p) => [p.at.slice(0, 10), String(p.open)]),
    ),
    '',
    '## Recurring patterns',
    '',
    ...(m.patterns.length ? m.patterns.map((p) => `- ${markdownCell(p.text)} (${p.incidentIds.join(', ')})`) : ['None found.']),
    '',
  ];
  return escapeControls(lines.join('\n'));
}

/**
 * A cell as RFC 4180 wants it; one that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`,
 * a tab or CR first) gets a leading quote, since services and file names come from teammates.
 */
export function csvCell(value: string | number | undefined): string {
  // A control character from a teammate's text is written as its escape (`\u001b`): shown, not obeyed.
  let text = value === undefined ? '' : escapeControls(String(value));
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Long format, one figure a row: section, group, measure, value. Durations in minutes. With the on-call
 * load (the dashboard's export), its figures follow as `oncall` rows, as the Markdown export has them.
 */
export function metricsCsv(m: Metrics, oncall: readonly FolderLoad[] = []): string {
  const rows: (string | number | undefined)[][] = [['section', 'group', 'measure', 'value']];
  const minutes = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms / 600) / 100);
  const durations = (section: string, groupName: string, g: Metrics['overall']) => {
    rows.push([section, groupName, 'count', g.count]);
    for (const d of DURATIONS) {
      const s = g.durations[d];
      rows.push([section, groupName, `${d}.median_minutes`, minutes(s.medianMs)]);
      rows.push([section, groupName, `${d}.p90_minutes`, minutes(s.p90Ms)]);
      rows.push([section, groupName, `${d}.n`, s.n]);
      rows.push([section, groupName, `${d}.missing`, s.missing]);
    }
  };
  rows.push(['period', `${m.days}d`, 'from', m.from], ['period', `${m.days}d`, 'to', m.to]);
  rows.push(['period', `${m.days}d`, 'drills_left_out', m.drillsLeftOut]);
  durations('overall', 'all', m.overall);
  for (const s of SEVERITIES) durations('severity', s, m.bySeverity[s]);
  for (const mo of m.byMonth) {
    durations('month', mo.month, mo);
    for (const s of SEVERITIES) rows.push(['month', mo.month, `count.${s}`, mo.bySeverity[s]]);
  }
  for (const s of m.byService) {
    rows.push(['service', s.service, 'count', s.count]);
    for (const sev of SEVERITIES) rows.push(['service', s.service, `count.${sev}`, s.bySeverity[sev]]);
  }
  const a = m.actionItems;
  rows.push(['action_items', 'all', 'due_in_period', a.dueInPeriod], ['action_items', 'all', 'done_by_due', a.doneByDue]);
  rows.push(['action_items', 'all', 'closure_rate', a.closureRate], ['action_items', 'all', 'open', a.open]);
  rows.push(['action_items', 'all', 'overdue', a.overdue]);
  for (const p of a.backlog) rows.push(['backlog', p.at, 'open', p.open]);
  for (const p of m.patterns) rows.push(['pattern', p.incidentIds.join(' '), 'text', p.text]);
  for (const r of m.recurrences) rows.push(['recurrence', r.incidentId, r.recurs, r.reason]);
  rows.push(...loadCsvRows(oncall));
  // LF, not RFC 4180's CRLF: a terminal shows a CR as an escape (the CLI prints through escapeControls).
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}
