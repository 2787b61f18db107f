// A fresh clone must build and test on its own: nothing in the project may read or link a folder
// beside the repository (the team's old shared corpus and docs lived there, and a user's clone has
// none). Scans every file git knows of (tracked, or new and not ignored) and names file:line.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');
// Built from parts so that this file does not match itself.
const SIBLING = ['..', 'shared'].join('/');
const OUTSIDE = new RegExp(`${SIBLING.replace(/\./g, '\\.')}\\b|\\bshared/(?:corpus|docs)\\b`);
/** Other people's files, copied as they are: their own relative links are theirs. */
const COPIED = 'test/fixtures/corpus/';

function projectFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return [...new Set(out.split('\0').filter(Boolean))].filter((file) => {
    const stat = fs.lstatSync(path.join(ROOT, file), { throwIfNoEntry: false });
    return stat?.isFile(); // not symlinks (a worktree's node_modules), not files deleted but still indexed
  });
}

function textOf(file: string): string | undefined {
  const bytes = fs.readFileSync(path.join(ROOT, file));
  return bytes.includes(0) ? undefined : bytes.toString('utf8');
}

/** Relative Markdown link and image targets (`](x)`, `[x]: y`), without anchors. */
function markdownTargets(line: string): string[] {
  const targets = [...line.matchAll(/\]\(\s*<?([^)\s>]+)>?[^)]*\)/g), ...line.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/g)].map(
    (m) => m[1],
  );
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#')).map((t) => t.split('#')[0]);
}

describe('the project stands on its own', () => {
  it('no file reads or names a folder beside the repository', () => {
    const found: string[] = [];
    for (const file of projectFiles()) {
      const text = textOf(file);
      text?.split('\n').forEach((line, i) => {
        if (OUTSIDE.test(line)) {
          found.push(`${file}:${i + 1}: ${line.trim().slice(0, 160)}`);
        }
      });
    }
    assert.deepEqual(found, [], `paths outside the repository (copy what is needed into test/fixtures/ or docs/):\n${found.join('\n')}`);
  });

  it('no Markdown file of ours links outside the repository', () => {
    const found: string[] = [];
    for (const file of projectFiles().filter((f) => f.endsWith('.md') && !f.startsWith(COPIED))) {
      (textOf(file) ?? '').split('\n').forEach((line, i) => {
        for (const target of markdownTargets(line)) {
          const resolved = target.startsWith('/') ? target : path.resolve(ROOT, path.dirname(file), target);
          if (target.startsWith('/') || path.relative(ROOT, resolved).startsWith('..')) {
            found.push(`${file}:${i + 1}: ${target}`);
          }
        }
      });
    }
    assert.deepEqual(found, [], `links that leave the repository:\n${found.join('\n')}`);
  });

  it('finds such a path where one is written (the check itself works)', () => {
    assert.ok(OUTSIDE.test(`see ${SIBLING}/docs/real-vscode.md`));
    assert.ok(OUTSIDE.test(`path.resolve(repoRoot, '${SIBLING}/corpus/runbooks')`));
    assert.ok(!OUTSIDE.test('test/fixtures/corpus/runbooks/SOURCES.txt'));
    assert.deepEqual(markdownTargets(`[how](${['..', '..', 'other'].join('/')}/x.md#a) and [web](https://example.com) [in](#here)`), [
      '../../other/x.md',
    ]);
  });
});
