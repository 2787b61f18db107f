import * as assert from 'node:assert/strict';
import { alertRunbookLinks, runbookLinkReason, workspaceRunbookPath } from '../../../src/core/alerts/runbookLinks';

const ROOT = '/home/sam/src/checkout-service';

describe('alert runbook annotations into the workspace', () => {
  it('reads a relative path, with ./, anchors and query left off', () => {
    assert.deepEqual(workspaceRunbookPath('runbooks/checkout-latency.md', ROOT), {
      relative: 'runbooks/checkout-latency.md',
      via: 'relative path',
    });
    assert.deepEqual(workspaceRunbookPath('./docs/runbooks/../runbooks/db.md#failover', ROOT), {
      relative: 'docs/runbooks/db.md',
      via: 'relative path',
    });
    assert.deepEqual(workspaceRunbookPath('runbooks\\win.yml?x=1', ROOT), { relative: 'runbooks/win.yml', via: 'relative path' });
  });

  it('reads a file URL under the folder, percent-decoded', () => {
    assert.deepEqual(workspaceRunbookPath(`file://${ROOT}/runbooks/high%20latency.md#step-2`, ROOT), {
      relative: 'runbooks/high latency.md',
      via: 'file URL',
    });
    assert.deepEqual(workspaceRunbookPath('file:///C:/work/svc/runbooks/a.md', 'C:\\work\\svc'), {
      relative: 'runbooks/a.md',
      via: 'file URL',
    });
  });

  it('reads the path of a repository web URL (GitHub, GitLab, Gitea)', () => {
    assert.deepEqual(
      workspaceRunbookPath('https://github.com/acme/checkout-service/blob/main/runbooks/checkout-latency.md#rollback', ROOT),
      {
        relative: 'runbooks/checkout-latency.md',
        via: 'repository URL',
      },
    );
    assert.deepEqual(workspaceRunbookPath('https://gitlab.example.com/acme/checkout/-/blob/v1.2/docs/runbooks/db.md', ROOT), {
      relative: 'docs/runbooks/db.md',
      via: 'repository URL',
    });
    assert.deepEqual(workspaceRunbookPath('https://git.example.com/acme/checkout/src/branch/main/runbooks/x.yaml', ROOT), {
      relative: 'runbooks/x.yaml',
      via: 'repository URL',
    });
  });

  it('leaves links that do not point into a workspace alone (a wiki page, a runbook site, mailto)', () => {
    assert.equal(
      workspaceRunbookPath('https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping/', ROOT),
      undefined,
    );
    assert.equal(workspaceRunbookPath('https://wiki.example.com/display/OPS/Checkout', ROOT), undefined);
    assert.equal(workspaceRunbookPath('mailto:oncall@example.com', ROOT), undefined);
    assert.equal(workspaceRunbookPath('   ', ROOT), undefined);
  });

  it('refuses links that leave the workspace folder', () => {
    for (const link of [
      '../other-service/runbooks/x.md',
      'runbooks/../../../etc/passwd',
      '/etc/passwd',
      '~/runbooks/x.md',
      'C:\\Windows\\win.ini',
      'file:///etc/passwd',
      `file://${ROOT}/../payments/runbooks/x.md`,
      `file://${ROOT}-evil/runbooks/x.md`,
      `file://${ROOT}`,
      'https://github.com/acme/x/blob/main/../../etc/passwd',
    ]) {
      const got = workspaceRunbookPath(link, ROOT);
      assert.ok(got && 'refused' in got, `${link} is refused, got ${JSON.stringify(got)}`);
    }
  });

  it("lists an alert's runbook annotations once each, with the reason the link is recorded with", () => {
    const links = alertRunbookLinks(
      {
        annotations: {
          summary: 'p99 over 2s',
          runbook_url: 'runbooks/checkout-latency.md',
          runbook: 'runbooks/checkout-latency.md',
          runbookUrl: 'https://wiki.example.com/x',
        },
      },
      ROOT,
    );
    assert.deepEqual(links, [
      {
        annotation: 'runbook_url',
        link: 'runbooks/checkout-latency.md',
        resolved: { relative: 'runbooks/checkout-latency.md', via: 'relative path' },
      },
    ]);
    assert.equal(
      runbookLinkReason('HighLatency', links[0]),
      "alert HighLatency's annotations.runbook_url points to this runbook (runbooks/checkout-latency.md)",
    );
  });
});
