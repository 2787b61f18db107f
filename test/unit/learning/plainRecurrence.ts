// Recurrence and its patterns as their definitions say them, written out plainly (every earlier
// incident compared with every later one, groups made by filtering): what the indexed sweep and
// grouping in src/core/learning/recurrence.ts must give, on any history.
import { listInWords, Recurrence, RecurrencePattern, RecurrenceSignature, severityWords } from '../../../src/core/learning/recurrence';
import { Severity } from '../../../src/core/severity';
import { count } from '../../../src/core/text/count';

const DAY = 86_400_000;

/** The definition, pair by pair. Nearest earlier first; ties by the later incident's first shared key, then the latest seen. */
export function plainRecurrences(signatures: readonly RecurrenceSignature[], days: number): Recurrence[] {
  const sorted = signatures.filter((s) => !Number.isNaN(s.startedMs)).sort((a, b) => a.startedMs - b.startedMs);
  const out: Recurrence[] = [];
  for (let l = sorted.length - 1; l >= 0; l--) {
    const later = sorted[l];
    const keys = [...later.files.map((f) => `f${f}`), ...later.runbooks.map((r) => `r${r}`)];
    const found: { e: number; first: number; r: Recurrence }[] = [];
    for (let e = 0; e < l; e++) {
      const earlier = sorted[e];
      if (earlier.service !== later.service || later.startedMs - earlier.startedMs > days * DAY) continue;
      const files = later.files.filter((f) => earlier.files.includes(f));
      const runbooks = later.runbooks.filter((r) => earlier.runbooks.includes(r));
      if (!files.length && !runbooks.length) continue;
      const first = keys.indexOf(files.length ? `f${files[0]}` : `r${runbooks[0]}`);
      const parts = [
        ...(files.length ? [`both touched ${listInWords(files)}`] : []),
        ...(runbooks.length ? [`both followed runbook ${listInWords(runbooks)}`] : []),
      ];
      const reason = `same service, ${parts.join('; ')}`;
      found.push({
        e,
        first,
        r: { incidentId: later.incidentId, recurs: earlier.incidentId, service: later.service, files, runbooks, reason },
      });
    }
    found.sort((a, b) => sorted[b.e].startedMs - sorted[a.e].startedMs || a.first - b.first || b.e - a.e);
    out.push(...found.map((f) => f.r));
  }
  return out;
}

/**
 * The definition of the patterns: for each service and each file or runbook, the incidents having
 * it (oldest first, ties by id), when there are two or more; groups of the very same incidents are
 * one pattern naming all they share; the largest first, then by their words.
 */
export function plainPatterns(signatures: readonly RecurrenceSignature[], days: number): RecurrencePattern[] {
  const oldestFirst = [...signatures].sort((a, b) => a.startedMs - b.startedMs || (a.incidentId < b.incidentId ? -1 : 1));
  const shared: { members: RecurrenceSignature[]; files: string[]; runbooks: string[] }[] = [];
  const services = [...new Set(signatures.map((s) => s.service))];
  for (const service of services) {
    const on = oldestFirst.filter((s) => s.service === service);
    for (const kind of ['files', 'runbooks'] as const) {
      for (const value of [...new Set(on.flatMap((s) => s[kind]))]) {
        const members = on.filter((s) => s[kind].includes(value));
        if (members.length < 2) continue;
        const ids = members.map((m) => m.incidentId).join(',');
        let same = shared.find((p) => p.members.map((m) => m.incidentId).join(',') === ids);
        if (!same) {
          same = { members, files: [], runbooks: [] };
          shared.push(same);
        }
        same[kind].push(value);
      }
    }
  }
  const patterns = shared.map(({ members, files, runbooks }): RecurrencePattern => {
    const severities: Partial<Record<Severity, number>> = {};
    for (const m of members) severities[m.severity] = (severities[m.severity] ?? 0) + 1;
    const kinds = (Object.keys(severities) as Severity[]).sort();
    const phrase =
      kinds.length === 1
        ? `${members.length} ${severityWords(kinds[0])} incidents`
        : `${members.length} incidents (${kinds.map((s) => `${severities[s]} ${severityWords(s)}`).join(', ')})`;
    const open = members.flatMap((m) => m.actionItems).filter((i) => i.status === 'open').length;
    files.sort();
    runbooks.sort();
    const all = [files.length ? `touching ${listInWords(files)}` : '', runbooks.length ? `following runbook ${listInWords(runbooks)}` : '']
      .filter((part) => part)
      .join(' and ');
    const items = open ? `${count(open, 'action item')} still open` : 'no action items still open';
    return {
      service: members[0].service,
      incidentIds: members.map((m) => m.incidentId),
      severities,
      files,
      runbooks,
      openActionItems: open,
      text: `${phrase} on ${members[0].service} in ${days} days, all ${all}; ${items}`,
    };
  });
  return patterns.sort((a, b) => b.incidentIds.length - a.incidentIds.length || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}
