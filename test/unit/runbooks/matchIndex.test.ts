// matchRunbooks on a frozen array scores only the candidates its inverted index finds (alert names,
// link targets, label-only entries, services, words); on any other array it scores every runbook.
// Both must give the same matches, scores, reasons and order.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IncidentAlert, matchRunbooks, MatchOptions, RunbookMatch, RunbookQuery } from '../../../src/core/runbooks/match';
import { AlertRunbookLink, Runbook } from '../../../src/core/runbooks/model';
import { parseRunbookFile } from '../../../src/core/runbooks/runbookFile';
import { corpusDir, shippedDir } from './paths';

function corpus(): { runbooks: Runbook[]; links: AlertRunbookLink[] } {
  const runbooks: Runbook[] = [];
  const links: AlertRunbookLink[] = [];
  for (const f of fs.readdirSync(shippedDir)) {
    runbooks.push(...parseRunbookFile(`runbooks/${f}`, fs.readFileSync(path.join(shippedDir, f), 'utf8')).runbooks);
  }
  const sources = fs
    .readFileSync(path.join(corpusDir, 'SOURCES.txt'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  const shapes: string[] = [];
  for (const line of sources) {
    const [local, , upstream] = line.split('|').map((s) => s.trim());
    const text = fs.readFileSync(path.join(corpusDir, local), 'utf8');
    const parsed = parseRunbookFile(upstream, text);
    runbooks.push(...parsed.runbooks);
    links.push(...parsed.alertLinks);
    if (local.endsWith('.md')) {
      shapes.push(text);
    }
  }
  // Generated as in the bench: distinct titles, alerts and services over the corpus shapes.
  for (let i = 0; i < 150; i++) {
    const text = `---\ntitle: Runbook ${i} ${i % 7 === 0 ? 'checkout pool' : 'service'}\nalert: Alert${i}\nservices: [svc-${i % 50}]\n---\n\n${shapes[i % shapes.length]}`;
    runbooks.push(...parseRunbookFile(`runbooks/team-${i % 20}/Alert${i}.md`, text).runbooks);
  }
  return { runbooks, links };
}

const alert = (name: string, labels?: Record<string, string>, annotations?: Record<string, string>): IncidentAlert => ({
  name,
  ...(labels ? { labels } : {}),
  ...(annotations ? { annotations } : {}),
});

const QUERIES: RunbookQuery[] = [
  {
    service: 'checkout',
    alerts: [
      alert(
        'CheckoutDBPoolExhausted',
        { service: 'checkout' },
        { runbook_url: 'https://git.example.com/org/repo/-/blob/main/runbooks/team-3/Alert103.md' },
      ),
    ],
    text: 'Checkout failing: database pool exhausted after deploy',
  },
  { text: 'another incident entirely' },
  { service: 'svc-7', text: 'pods crash looping' },
  { service: 'SVC-3', text: 'Memory leak OOM killed containers restarting' },
  { alerts: [alert('KubePodCrashLooping', { namespace: 'prod', severity: 'critical' })] },
  { alerts: [alert('X', undefined, { runbook: 'runbook.md#alert-name-kubeletdown' })] },
  {
    alerts: [
      alert('kubepodcrashlooping', undefined, { runbook_url: 'https://runbooks.example.dev/runbooks/kubernetes/kubepodcrashlooping/' }),
    ],
  },
  { alerts: [alert('PaymentsProviderDown', { dependency: 'stripe', severity: 'critical' })] },
  { alerts: [alert('PostgresTooManyConnections', { service: 'search' })] },
  { alerts: [alert('ContainerRegistryDBConnPoolSaturationTooHigh')] },
  {
    alerts: [
      alert('Alert42'),
      alert(
        'NodeFilesystemSpaceFillingUp',
        { severity: 'page' },
        { runbook: 'runbooks/disk-full.runbook.yaml', summary: 'Disk is full on node' },
      ),
    ],
    text: 'disk full',
  },
  { alerts: [alert('PostgresSQLXIDWraparound', undefined, { runbook_url: 'docs/patroni/pg_xid_xmin_age_alert.md' })] },
  { service: 'web', text: 'TLS certificate expired on the API' },
  { text: 'Прометей недоступен etcd members down 数据' },
  { service: 'zzz', text: 'qwerty' },
  {},
];

const OPTIONS: MatchOptions[] = [{}, { minScore: 5 }, { minScore: 50 }, { limit: 10 }, { minScore: 0, limit: 20 }];

const summary = (matches: readonly RunbookMatch[]) => matches.map((m) => [m.runbook.file, m.runbook.id, m.score, m.reasons]);

describe('runbooks: matching through the candidate index', () => {
  const { runbooks, links } = corpus();
  const frozen = Object.freeze([...runbooks]);

  it('gives exactly what scoring every runbook gives', () => {
    let nonEmpty = 0;
    for (const query of QUERIES) {
      for (const options of OPTIONS) {
        const withLinks = { ...options, alertLinks: links };
        const expected = summary(matchRunbooks(query, [...runbooks], withLinks));
        assert.deepEqual(summary(matchRunbooks(query, frozen, withLinks)), expected, JSON.stringify({ query, options }));
        nonEmpty += expected.length ? 1 : 0;
      }
    }
    assert.ok(nonEmpty >= QUERIES.length * 3, 'the queries exercise real matches');
  });

  it('keeps one index per array, so a new array after a change sees the change', () => {
    const query: RunbookQuery = { alerts: [alert('KubePodCrashLooping')] };
    const before = matchRunbooks(query, frozen);
    const target = before[0].runbook;
    const after = matchRunbooks(query, Object.freeze(runbooks.filter((r) => r !== target)));
    assert.ok(!after.some((m) => m.runbook === target));
    assert.equal(after.length, before.length - 1);
  });
});
