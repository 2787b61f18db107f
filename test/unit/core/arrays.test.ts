import * as assert from 'node:assert/strict';
import { findLast } from '../../../src/core/arrays';

describe('findLast', () => {
  it('finds the last match, from the end, and nothing in an empty list', () => {
    const items = [
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
      { id: 'a', n: 3 },
    ];
    assert.equal(findLast(items, (i) => i.id === 'a')?.n, 3);
    assert.equal(
      findLast(items, (i) => i.id === 'c'),
      undefined,
    );
    assert.equal(
      findLast([], () => true),
      undefined,
    );
  });
});
