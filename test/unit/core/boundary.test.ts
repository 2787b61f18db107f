// The core must run anywhere: no VS Code, no HTTP or git libraries, no I/O.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const CORE = path.resolve(__dirname, '../../../../src/core');
const FORBIDDEN = /(?:from\s+|require\(\s*|import\(\s*)['"](vscode|axios|simple-git|(?:node:)?(?:fs|fs\/promises|child_process|net|http|https|http2|dgram|worker_threads|cluster))['"]/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('src/core boundary', () => {
  it('finds the core sources it checks', () => {
    assert.ok(sources(CORE).some((f) => f.endsWith('fold.ts')));
  });

  it('imports no vscode, axios, simple-git or I/O module', () => {
    const offenders = sources(CORE).flatMap((file) =>
      fs.readFileSync(file, 'utf8').split('\n')
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => FORBIDDEN.test(line))
        .map(({ line, i }) => `${path.relative(CORE, file)}:${i + 1}: ${line.trim()}`));
    assert.deepEqual(offenders, []);
  });

  it('would catch an offending import', () => {
    assert.ok(FORBIDDEN.test(`import * as vscode from 'vscode';`));
    assert.ok(FORBIDDEN.test(`import { readFileSync } from 'node:fs';`));
    assert.ok(FORBIDDEN.test(`const git = require('simple-git');`));
    assert.ok(!FORBIDDEN.test(`import { parse } from 'yaml';`));
  });
});
