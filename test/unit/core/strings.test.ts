import * as assert from 'node:assert/strict';
import { asString, markdownLiteral, nonBlank } from '../../../src/core/text/strings';

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

describe('outside text as literal Markdown', () => {
  it('escapes every Markdown, HTML, link and icon token, keeps spaces as spaces, and turns lines into paragraphs', () => {
    assert.equal(markdownLiteral('Tune DB pool (max 5)'), 'Tune DB pool \\(max 5\\)');
    assert.equal(
      markdownLiteral('[click](command:warroom.markCause) <img src=x> *b* $(alert) #1 `x`'),
      '\\[click\\]\\(command\\:warroom\\.markCause\\) \\<img src\\=x\\> \\*b\\* \\$\\(alert\\) \\#1 \\`x\\`',
    );
    assert.equal(markdownLiteral('one\n    two\r\nthree'), 'one\n\ntwo\n\nthree', 'no indented code block, a paragraph per line');
    assert.equal(markdownLiteral('a\\b'), 'a\\\\b');
    assert.ok(!markdownLiteral('shipped by v2.4.1 24m before the incident began').includes('&nbsp;'));
  });
});
