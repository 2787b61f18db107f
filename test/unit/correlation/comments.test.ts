// Whether a change touched only comments: real patches from prometheus (a typo fixed in a doc
// comment, a licence header added, commented-out code removed), and the lines that look like
// comments but are not (a pointer store, a build constraint, a bundler's annotation, a linter switch).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commentStyle, mayChangeOnlyComments, onlyComments, COMMENT_CHECK_MAX_LINES } from '../../../src/core/correlation/comments';
import { commit, file } from './commits';

const corpus = path.resolve(__dirname, '../../../../test/fixtures/corpus/comments');
const real = (name: string) => fs.readFileSync(path.join(corpus, name), 'utf8');

/** A one-file `git show -U0` patch of `path` with these removed and added lines. */
function patch(path: string, removed: readonly string[], added: readonly string[]): string {
  return [
    `diff --git a/${path} b/${path}`,
    'index 1111111..2222222 100644',
    `--- a/${path}`,
    `+++ b/${path}`,
    `@@ -10,${removed.length} +10,${added.length} @@ func f() {`,
    ...removed.map((l) => `-${l}`),
    ...added.map((l) => `+${l}`),
    '',
  ].join('\n');
}

describe('correlation: changes that touched only comments', () => {
  it("reads prometheus's real comment-only commits as comment-only", () => {
    assert.equal(onlyComments(real('prometheus__9aa8f822c1.patch')), true, 'a typo in a doc comment');
    assert.equal(onlyComments(real('prometheus__2ae04d0e79.patch')), true, 'a licence header, with // alone and a blank line');
    assert.equal(onlyComments(real('prometheus__c262907fec.patch')), true, 'commented-out methods removed');
  });

  it('counts a change in full when a changed line is code, whatever it looks like', () => {
    // Found reading loki's history: `*c = Config{}` removed is code, not a block comment's `*` line.
    assert.equal(onlyComments(patch('config.go', ['\t*c = Config{}'], [])), false);
    assert.equal(onlyComments(patch('pool.go', ['\tmaxConns = 10 // per host'], ['\tmaxConns = 100 // per host'])), false);
    assert.equal(onlyComments(patch('pool.go', ['// old'], ['// new', 'retries := 3'])), false);
    assert.equal(onlyComments(patch('pool.go', ['/* a */ x()'], ['/* b */ x()'])), false, 'a block comment closed before code');
    assert.equal(onlyComments(patch('app.py', ['# old'], ['import os'])), false);
    // Comments a tool reads: a build constraint, a Go directive, a bundler's annotation, switches.
    for (const line of [
      '//go:build linux',
      '// +build linux',
      '//go:embed static',
      '//export Add',
      '//nolint:errcheck',
      '/* webpackChunkName: "x" */',
    ]) {
      assert.equal(onlyComments(patch('main.go', [], [line])), false, line);
    }
    assert.equal(onlyComments(patch('bundle.js', [], ['/*#__PURE__*/'])), false);
    assert.equal(onlyComments(patch('app.ts', [], ['// @ts-ignore'])), false);
    assert.equal(onlyComments(patch('app.js', [], ['/* eslint-disable */'])), false);
    for (const line of ['#!/usr/bin/env python3', '# -*- coding: latin-1 -*-', '# type: ignore', '# noqa: E501']) {
      assert.equal(onlyComments(patch('app.py', [], [line])), false, line);
    }
    assert.equal(onlyComments(patch('Dockerfile', [], ['# syntax=docker/dockerfile:1'])), false);
    // A language this does not read, and a patch that changed no comment at all.
    assert.equal(onlyComments(patch('query.sql', ['-- old'], ['-- new'])), false);
    assert.equal(onlyComments(patch('pool.go', [''], ['  '])), false);
    assert.equal(onlyComments(''), false);
  });

  it('reads # and // languages, block comments, and documentation beside them', () => {
    assert.equal(onlyComments(patch('pool.go', ['// Retries three times.'], ['// Retries three times, then gives up.'])), true);
    assert.equal(onlyComments(patch('pool.ts', [' * the old text'], [' * the new text', ' */'])), true);
    assert.equal(onlyComments(patch('values.yaml', ['# replicas: 2'], ['# replicas: 3 in production'])), true);
    assert.equal(onlyComments(patch('Makefile', [], ['# Builds the binary.'])), true);
    assert.equal(
      onlyComments(patch('src/lib.rs', ['//! A pool.'], ['//! A connection pool.', '/// Its size.'])),
      true,
      "Rust's doc comments",
    );
    assert.equal(onlyComments(patch('README.md', ['old words'], ['new words']) + patch('pool.go', [], ['// see README'])), true);
    // A deleted file that held only comments.
    const deleted = [
      'diff --git a/notes.go b/notes.go',
      'deleted file mode 100644',
      '--- a/notes.go',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-// notes',
      '',
    ];
    assert.equal(onlyComments(deleted.join('\n')), true);
    assert.equal(onlyComments(['diff --git a/x.go b/x.go', 'Binary files a/x.go and b/x.go differ', ''].join('\n')), false);
  });

  it('asks git only for small changes of code it can read, and documentation', () => {
    assert.equal(commentStyle('pkg/pool.go'), 'slash');
    assert.equal(commentStyle('deploy/values.yaml'), 'hash');
    assert.equal(commentStyle('Dockerfile'), 'hash');
    assert.equal(commentStyle('schema.sql'), undefined);
    const at = '2026-11-22T12:00:00Z';
    assert.equal(mayChangeOnlyComments(commit('a', at, 'typo', [file('pkg/pool.go', 1, 1)])), true);
    assert.equal(mayChangeOnlyComments(commit('b', at, 'typo', [file('pkg/pool.go', 1, 1), file('CHANGELOG.md', 1, 0)])), true);
    assert.equal(
      mayChangeOnlyComments(commit('c', at, 'docs', [file('docs/x.md', 1, 1)])),
      false,
      'documentation alone counts half already',
    );
    assert.equal(mayChangeOnlyComments(commit('d', at, 'sql', [file('pkg/pool.go', 1, 1), file('db/1.sql', 1, 0)])), false);
    assert.equal(mayChangeOnlyComments(commit('e', at, 'big', [file('pkg/pool.go', COMMENT_CHECK_MAX_LINES, 1)])), false);
    assert.equal(mayChangeOnlyComments(commit('f', at, 'bin', [{ ...file('pkg/pool.go', 0, 0), binary: true }])), false);
    assert.equal(mayChangeOnlyComments({ ...commit('g', at, 'cut', [file('pkg/pool.go', 1, 1)]), filesOmitted: 3 }), false);
  });
});
