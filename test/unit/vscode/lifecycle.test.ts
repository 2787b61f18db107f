// The Disposable base every editor class uses for its listeners: what it owns ends once, in order,
// and nothing registered late outlives it. It needs no VS Code at run time, so plain Node tests it.
import * as assert from 'node:assert/strict';
import { Disposable } from '../../../src/vscode/lifecycle';

class Owner extends Disposable {
  own<T extends { dispose(): void } | readonly { dispose(): void }[]>(value: T): T {
    return this.register(value);
  }
  get ended(): boolean {
    return this.isDisposed;
  }
}

function recorder(log: string[], name: string) {
  return { dispose: () => log.push(name) };
}

describe('Disposable', () => {
  it('ends what it registered, one or several at a time, in order, once', () => {
    const log: string[] = [];
    const owner = new Owner();
    const first = recorder(log, 'a');
    assert.equal(owner.own(first), first);
    owner.own([recorder(log, 'b'), recorder(log, 'c')]);
    assert.deepEqual(log, []);
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['a', 'b', 'c']);
    assert.equal(owner.ended, true);
  });

  it('ends at once what is registered after dispose', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.dispose();
    owner.own([recorder(log, 'late')]);
    assert.deepEqual(log, ['late']);
  });
});
