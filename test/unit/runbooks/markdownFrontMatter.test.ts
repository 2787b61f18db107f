import * as assert from 'node:assert/strict';
import { scanMarkdown } from '../../../src/core/runbooks/markdownBlocks';
import { parseMarkdownRunbooks } from '../../../src/core/runbooks/markdownRunbook';
import { secretsOf } from '../../../src/core/runbooks/model';
import { fillVariables } from '../../../src/core/runbooks/variables';

describe('runbooks: Markdown front matter', () => {
  it('reports front matter over 8,192 characters at line 1 and reads the page without it', () => {
    const text = `---\ntitle: x\nnote: "${'"'.repeat(9000)}"\n---\n# Checkout down\n\n1. Run \`kubectl get pods -n prod\`\n`;
    const r = parseMarkdownRunbooks(text, 'runbooks/big.md');
    assert.ok(
      r.problems.some((p) => p.line === 1 && /front matter is \d+ characters long \(over 8192\): not read/.test(p.message)),
      JSON.stringify(r.problems),
    );
    assert.equal(r.runbooks[0]?.title, 'Checkout down');
  });

  it('reads flat YAML by hand and nested YAML with the YAML parser, to the same values', () => {
    const flat = scanMarkdown('---\ntitle: "Disk: full"\nalert: DiskFull\nservices: [api, web]\nweight: 20\n---\n# x\n').frontMatter?.data;
    assert.deepEqual(flat, { title: 'Disk: full', alert: 'DiskFull', services: ['api', 'web'], weight: 20 });
    const nested = scanMarkdown('---\ntitle: Disk full\nservices:\n  - api\n  - web\nlabels: {team: sre}\n---\n').frontMatter?.data;
    assert.deepEqual(nested, { title: 'Disk full', services: ['api', 'web'], labels: { team: 'sre' } });
  });

  it('marks the variables front matter names under `secrets` as secret', () => {
    const text =
      '---\ntitle: Rotate\nsecrets: [vault_root, PIN]\n---\n# Rotate\n\n## Steps\n\n```sh\nvault login {{vault_root}} && echo <pin>\n```\n';
    const r = parseMarkdownRunbooks(text, 'runbooks/rotate.md').runbooks[0];
    assert.deepEqual(secretsOf(r), ['vault_root', 'PIN']);
    const filled = fillVariables(r.steps[0].commands[0].run, { vault_root: 'hvs.x', pin: '1234' }, 'shell', secretsOf(r));
    assert.equal(filled.redacted, 'vault login <redacted:vault_root> && echo <redacted:pin>');
    assert.deepEqual(filled.env, { WARROOM_SECRET_VAULT_ROOT: 'hvs.x', WARROOM_SECRET_PIN: '1234' });
    assert.equal(parseMarkdownRunbooks('# Plain\n\n## Steps\n\n```sh\nls\n```\n', 'p.md').runbooks[0].secrets, undefined);
  });

  it('reads Hugo TOML front matter', () => {
    const r = parseMarkdownRunbooks(
      '+++\ntitle = "Queue backlog"\nalerts = ["QueueBacklogHigh"]\n+++\n\n## Diagnosis\n\n```shell\nkubectl get pods\n```\n',
      'docs/runbooks/queue.md',
    ).runbooks[0];
    assert.equal(r.title, 'Queue backlog');
    assert.deepEqual(
      r.alerts.map((a) => a.name),
      ['QueueBacklogHigh'],
    );
    assert.equal(r.steps[0].commands[0].run, 'kubectl get pods');
    assert.deepEqual(r.steps[0].commands[0].position, { line: 9, column: 1 });
  });

  it('reports broken front matter and an unclosed code block with their lines, and still reads the rest', () => {
    const parsed = parseMarkdownRunbooks(
      '---\ntitle: [unclosed\n---\n# T\n\n## Resolution\n\n```sh\nsystemctl restart app\n',
      'docs/runbooks/t.md',
    );
    assert.deepEqual(
      parsed.problems.map((p) => [p.line, p.severity]),
      [
        [2, 'warning'],
        [8, 'warning'],
      ],
    );
    assert.match(parsed.problems[1].message, /never closed/);
    assert.equal(parsed.runbooks[0].steps[0].commands[0].run, 'systemctl restart app');
  });
});
