import * as assert from 'node:assert/strict';
import { namingShellOf, quotesCsh, quotesForeign, shellKind } from '../../../src/core/runbooks/shells';

describe('runbooks: what the name VS Code gives a terminal says', () => {
  it('waits for integration in the shells VS Code injects it into, types into others, and does not take a program for the shell', () => {
    assert.deepEqual(['bash', 'zsh', 'fish', 'pwsh', 'gitbash'].map(shellKind), [
      'integrated',
      'integrated',
      'integrated',
      'integrated',
      'integrated',
    ]);
    assert.deepEqual(['sh', 'ksh', 'csh', 'cmd', 'nu'].map(shellKind), ['plain', 'plain', 'plain', 'plain', 'plain']);
    // `node`: seen between `bash` and its shell integration while a terminal started on a loaded machine.
    assert.deepEqual(['node', 'python', 'julia', 'something-new'].map(shellKind), [
      'not-a-shell',
      'not-a-shell',
      'not-a-shell',
      'not-a-shell',
    ]);
    assert.equal(shellKind(undefined), undefined);
  });

  it('names secrets the POSIX way in bash, zsh, sh and ksh, the fish way in fish, and in no other', () => {
    assert.deepEqual(['bash', 'zsh', 'sh', 'ksh', 'gitbash'].map(namingShellOf), ['posix', 'posix', 'posix', 'posix', 'posix']);
    assert.equal(namingShellOf('fish'), 'fish');
    assert.deepEqual(['pwsh', 'cmd', 'node', 'nu', undefined].map(namingShellOf), [undefined, undefined, undefined, undefined, undefined]);
  });

  it('knows the shells whose quoting is not the bash, fish or csh War Room writes', () => {
    assert.deepEqual(['pwsh', 'powershell', 'cmd', 'nu', 'xonsh'].map(quotesForeign), [true, true, true, true, true]);
    assert.deepEqual(['bash', 'zsh', 'sh', 'ksh', 'dash', 'fish', 'csh', 'tcsh', undefined].map(quotesForeign), [
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("quotes csh's way for csh and tcsh only", () => {
    assert.deepEqual(['csh', 'tcsh'].map(quotesCsh), [true, true]);
    assert.deepEqual(['bash', 'sh', 'fish', 'pwsh', 'cmd', undefined].map(quotesCsh), [false, false, false, false, false, false]);
  });
});
