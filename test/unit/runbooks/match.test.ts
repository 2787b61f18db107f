import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { matchRunbooks, queryFromIncident } from '../../../src/core/runbooks/match';
import { AlertRunbookLink, Runbook } from '../../../src/core/runbooks/model';
import { parseRunbookFile } from '../../../src/core/runbooks/runbookFile';
import { corpusDir, shippedDir } from './paths';

function load(): { runbooks: Runbook[]; links: AlertRunbookLink[] } {
  const runbooks: Runbook[] = [];
  const links: AlertRunbookLink[] = [];
  for (const f of fs.readdirSync(shippedDir)) {
    runbooks.push(...parseRunbookFile(`runbooks/${f}`, fs.readFileSync(path.join(shippedDir, f), 'utf8')).runbooks);
  }
  const sources = fs
    .readFileSync(path.join(corpusDir, 'SOURCES.txt'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  for (const line of sources) {
    const [local, , upstream] = line.split('|').map((s) => s.trim());
    const parsed = parseRunbookFile(upstream, fs.readFileSync(path.join(corpusDir, local), 'utf8'));
    runbooks.push(...parsed.runbooks);
    links.push(...parsed.alertLinks);
  }
  return { runbooks, links };
}

describe('runbooks: matching an incident', () => {
  const { runbooks, links } = load();

  it('ranks the checkout pool runbook first by alert and service, with reasons', () => {
    const [best, ...rest] = matchRunbooks(
      { service: 'checkout', alerts: [{ name: 'CheckoutDBPoolExhausted' }], text: 'Checkout failing: DB pool exhausted' },
      runbooks,
    );
    assert.equal(best.runbook.id, 'checkout-db-pool-exhaustion');
    assert.ok(best.reasons.includes('handles alert CheckoutDBPoolExhausted'));
    assert.ok(best.reasons.includes('written for service checkout'));
    assert.ok(rest.every((m) => m.score < best.score));
  });

  it('follows annotations.runbook_url into the workspace (GitLab blob URL)', () => {
    const [best] = matchRunbooks(
      {
        alerts: [
          {
            name: 'SomethingElse',
            annotations: { runbook_url: 'https://gitlab.com/gitlab-com/runbooks/-/blob/master/docs/patroni/postgresql-locking.md' },
          },
        ],
      },
      runbooks,
    );
    assert.equal(best.runbook.file, 'docs/patroni/postgresql-locking.md');
    assert.match(best.reasons[0], /annotations\.runbook_url points to this runbook/);
  });

  it("follows an alert rule file's annotations.runbook when the alert carries no link", () => {
    const [best] = matchRunbooks({ alerts: [{ name: 'ContainerRegistryDBConnPoolSaturationTooHigh' }] }, runbooks, { alertLinks: links });
    assert.equal(best.runbook.file, 'docs/registry/app-db-conn-pool-saturation.md');
    assert.ok(
      best.reasons.some((r) => /alert rule .* in rules\/registry-db\.yml:4 names this runbook/.test(r)),
      best.reasons.join('; '),
    );
  });

  it('picks the right section of a many-runbook file by anchor', () => {
    const matches = matchRunbooks({ alerts: [{ name: 'X', annotations: { runbook: 'runbook.md#alert-name-kubeletdown' } }] }, runbooks);
    assert.equal(matches[0].runbook.title, 'KubeletDown');
    assert.ok(!matches.some((m) => m.runbook.title === 'KubeAPIDown' && m.score >= matches[0].score));
  });

  it('applies label matchers: a label-only runbook matches, a failing matcher removes the alert match and says why', () => {
    const viaLabels = matchRunbooks(
      { alerts: [{ name: 'PaymentsProviderDown', labels: { dependency: 'stripe', severity: 'critical' } }] },
      runbooks,
    );
    assert.equal(viaLabels[0].runbook.id, 'third-party-outage');
    assert.ok(viaLabels[0].reasons.some((r) => r.includes('dependency=~".+"')));
    const wrongService = matchRunbooks({ alerts: [{ name: 'PostgresTooManyConnections', labels: { service: 'search' } }] }, runbooks, {
      minScore: 0,
    });
    const pool = wrongService.find((m) => m.runbook.id === 'checkout-db-pool-exhaustion');
    assert.ok(pool && pool.score < 80, 'no alert points when the matcher fails');
    assert.ok(pool.reasons.some((r) => r.includes('service="checkout" does not match')));
  });

  it('falls back to words of the title and symptoms', () => {
    const [best] = matchRunbooks(queryFromIncident({ service: 'web', title: 'TLS certificate expired on the API', entries: [] }), runbooks);
    assert.equal(best.runbook.id, 'certificate-expiry');
    assert.ok(best.reasons.some((r) => r.includes('"certificate"')));
  });

  it('matches the corpus runbook by alert name across languages', () => {
    const matches = matchRunbooks({ alerts: [{ name: 'KubePodCrashLooping' }] }, runbooks);
    const files = matches.filter((m) => m.score >= 80).map((m) => m.runbook.file);
    assert.ok(files.includes('content/runbooks/kubernetes/KubePodCrashLooping.md'));
    assert.ok(files.includes('content.zh/runbooks/kubernetes/KubePodCrashLooping.md'));
    assert.ok(files.includes('runbooks/crashloopbackoff.runbook.yaml'));
  });

  it('offers nothing for an incident that shares nothing', () => {
    assert.deepEqual(matchRunbooks({ service: 'zzz', text: 'qwerty' }, runbooks), []);
  });
});
