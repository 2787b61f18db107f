// What activation loads: dist/extension.js alone. simple-git and axios live in their own bundles,
// required on first use. Read from a build of today's sources (freshBuild), not whatever dist/ holds.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freshBuild } from '../../support/freshBuild';

describe('extension bundle', function () {
  this.timeout(60_000);
  let DIST = '';

  before(() => {
    DIST = freshBuild();
  });

  const bundle = () => fs.readFileSync(path.join(DIST, 'extension.js'), 'utf8');

  it('is built by esbuild.mjs into the folder it is given', () => {
    for (const file of ['extension.js', 'git.js', 'runbooks.js', 'cli.js', 'webview/walkthrough.js']) {
      assert.ok(fs.existsSync(path.join(DIST, file)), file);
    }
  });

  it('does not contain simple-git, axios or yaml', () => {
    const text = bundle();
    assert.ok(!/simple-git|GitResponseError|axios\/lib|AxiosError/.test(text), 'a heavy library was bundled into the activation bundle');
    assert.ok(!/YAMLParseError|LineCounter/.test(text), 'the yaml library was bundled into the activation bundle');
    assert.ok(!/SCRAM-SHA-256|BackendKeyData/.test(text), 'node-postgres was bundled into the activation bundle');
  });

  for (const [bundleName, marker] of [
    ['git', /simple-git/],
    ['runbooks', /YAMLParseError/],
    ['sync', /SCRAM-SHA-256/],
  ] as const) {
    it(`loads the ${bundleName} adapter from its own bundle, on first use`, () => {
      assert.ok(new RegExp(`require\\(["']\\./${bundleName}\\.js["']\\)`).test(bundle()));
      assert.ok(marker.test(fs.readFileSync(path.join(DIST, `${bundleName}.js`), 'utf8')));
    });
  }

  it("leaves a runbook command's checks to the runbooks bundle", () => {
    // The walkthrough's filling and destructive checks are needed only once runbooks are in play.
    const destructive = 'evicts pods from a node (kubectl drain/cordon, nomad node drain)';
    assert.ok(!bundle().includes(destructive), 'the destructive-command rules were bundled into the activation bundle');
    assert.ok(fs.readFileSync(path.join(DIST, 'runbooks.js'), 'utf8').includes(destructive));
  });

  it('keeps vscode external', () => {
    assert.ok(/require\(["']vscode["']\)/.test(bundle()));
  });
});
