import * as assert from 'node:assert/strict';
import { asString, nonBlank } from '../../../src/core/text/strings';

describe('string fields from outside data', () => {
  it('asString keeps any string, empty included, and nothing else', () => {
    assert.equal(asString(''), '');
    assert.equal(asString(' a '), ' a ');
    assert.equal(asString(3), undefined);
    assert.equal(asString(null), undefined);
  });

  it('nonBlank keeps a string with more than whitespace as written', () => {
    assert.equal(nonBlank(' a '), ' a ');
    assert.equal(nonBlank(' \t\n'), undefined);
    assert.equal(nonBlank(''), undefined);
    assert.equal(nonBlank({ toString: () => 'a' }), undefined);
  });
});
