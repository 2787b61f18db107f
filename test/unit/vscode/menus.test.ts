// What the incidents view offers on a row is what package.json's `view/item/context` menus say for
// its contextValue (VS Code evaluates `viewItem =~ /.../`): read from the real manifest.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface MenuEntry {
  readonly command: string;
  readonly when?: string;
  readonly group?: string;
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuEntry[]> };
};

/** The commands a view (the incidents view unless named) shows for a row (`inline` ones apart), when nothing else is set. */
function offered(contextValue: string, view = 'warroom.incidents'): { inline: string[]; menu: string[] } {
  const inline: string[] = [];
  const menu: string[] = [];
  for (const entry of manifest.contributes.menus['view/item/context']) {
    const terms = (entry.when ?? '').split('&&').map((t) => t.trim());
    const applies = terms.every((term) => {
      if (term === `view == ${view}`) {
        return true;
      }
      const re = /^viewItem =~ \/(.*)\/$/.exec(term);
      return re !== null && new RegExp(re[1]).test(contextValue);
    });
    if (applies) {
      (entry.group?.startsWith('inline') ? inline : menu).push(entry.command);
    }
  }
  return { inline, menu };
}

describe('incidents view menus', () => {
  it('offer a pull request the verdicts a commit has, its revert and its diff', () => {
    const none = offered('suspect-change;pull-request;verdict-none');
    assert.deepEqual(none.inline, ['warroom.openCommit', 'warroom.copyRevertCommand', 'warroom.markCause']);
    assert.deepEqual([...none.menu].sort(), [
      'warroom.copyRevertCommand',
      'warroom.markCause',
      'warroom.markCleared',
      'warroom.markSuspect',
      'warroom.openCommit',
    ]);
    const cause = offered('suspect-change;pull-request;verdict-cause');
    assert.ok(!cause.inline.includes('warroom.markCause') && !cause.menu.includes('warroom.markCause'), 'already the cause');
    assert.ok(cause.menu.includes('warroom.markCleared') && cause.menu.includes('warroom.markSuspect'));
  });

  it('offer a commit its verdicts and the releases that hold it, and a deploy none of them', () => {
    const commit = offered('suspect-commit;verdict-suspect');
    assert.deepEqual(commit.inline, ['warroom.openCommit', 'warroom.markCause']);
    assert.ok(commit.menu.includes('warroom.showReleases') && commit.menu.includes('warroom.markCleared'));
    assert.ok(!commit.menu.includes('warroom.markSuspect'), 'already a suspect');
    const deploy = offered('suspect-deploy;merge');
    assert.ok(!deploy.menu.some((c) => c.startsWith('warroom.mark')), deploy.menu.join());
  });

  it('offer an Incoming alert what its source can do in its state: acknowledge while it fires, resolve while open, silence in Alertmanager', () => {
    const firing = offered('alert;opsgenie;firing', 'warroom.incoming');
    assert.deepEqual(firing.inline, ['warroom.alerts.declareFromAlert', 'warroom.alerts.acknowledge']);
    assert.deepEqual(firing.menu, ['warroom.alerts.declareFromAlert', 'warroom.alerts.acknowledge', 'warroom.alerts.resolve']);
    const acked = offered('alert;pagerduty;linked;acknowledged', 'warroom.incoming');
    assert.deepEqual(acked.inline, ['warroom.alerts.declareFromAlert']);
    assert.deepEqual(acked.menu, ['warroom.alerts.declareFromAlert', 'warroom.alerts.resolve']);
    assert.deepEqual(offered('alert;opsgenie;resolved', 'warroom.incoming').menu, ['warroom.alerts.declareFromAlert']);
    const silenced = offered('alert;alertmanager;linked;firing', 'warroom.incoming');
    assert.deepEqual(silenced.menu, ['warroom.alerts.declareFromAlert', 'warroom.alerts.silence']);
    assert.ok(!silenced.inline.includes('warroom.alerts.acknowledge'), 'Alertmanager has no acknowledgement');
  });

  it('offer Import Postmortem in the Explorer on a Markdown file, not on a README, a changelog or a runbook', () => {
    const entry = manifest.contributes.menus['explorer/context'].find((e) => e.command === 'warroom.importPostmortem');
    const terms = (entry?.when ?? '').split(' && ');
    const regex = (key: string) => {
      const term = terms.find((t) => t.startsWith(`${key} =~ `)) ?? '';
      const literal = /^\S+ =~ \/(.*)\/([a-z]*)$/.exec(term);
      assert.ok(literal, `no ${key} =~ /.../ in ${entry?.when}`);
      // VS Code's scanner ends the literal at the first unescaped slash: none may be inside it.
      assert.doesNotMatch(literal[1].replace(/\\./g, ''), /\//);
      return new RegExp(literal[1], literal[2]);
    };
    assert.ok(terms.includes('resourceLangId == markdown') && terms.includes('!explorerResourceIsFolder'), entry?.when);
    const [names, paths] = [regex('resourceFilename'), regex('resourcePath')];
    const offeredOn = (file: string) => names.test(path.posix.basename(file)) && paths.test(file);
    for (const file of [
      '/w/postmortems/eu-checkout.md',
      '/w/docs/incidents/2026-11-22-checkout-down.md',
      '/w/pm/readme-for-the-outage.md',
      '/w/RCA.md',
    ]) {
      assert.ok(offeredOn(file), file);
    }
    for (const file of [
      '/w/README.md',
      '/w/docs/CHANGELOG.md',
      '/w/CONTRIBUTING.md',
      '/w/README.de.md',
      '/w/README.zh-CN.md',
      '/w/SECURITY.markdown',
      '/w/runbooks/disk-full.md',
      'C:\\w\\ops\\playbooks\\db.md',
    ]) {
      assert.ok(!offeredOn(file), file);
    }
  });
});
