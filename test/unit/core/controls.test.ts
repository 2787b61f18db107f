import * as assert from 'node:assert/strict';
import { escapeControls } from '../../../src/core/text/controls';

describe('escapeControls', () => {
  it('shows an OSC 52 clipboard write as text instead of sending it', () => {
    assert.equal(escapeControls('Checkout \x1b]52;c;ZWNobyBvd25lZA==\x07 down'), 'Checkout \\u001b]52;c;ZWNobyBvd25lZA==\\u0007 down');
  });

  it('escapes C0 (CR included), DEL, C1 and bidi controls; keeps tab, newline and other text', () => {
    assert.equal(escapeControls('a\rb\x00c\x7fd\x9be'), 'a\\u000db\\u0000c\\u007fd\\u009be');
    assert.equal(escapeControls('\u202Eevil\u2066x\u2069\u200F\u061C\u2028'), '\\u202eevil\\u2066x\\u2069\\u200f\\u061c\\u2028');
    assert.equal(escapeControls('tab\there\nnext é 日本 🚒'), 'tab\there\nnext é 日本 🚒');
  });

  it('leaves JSON text valid and meaning the same', () => {
    const value = { title: 'x\u009b31m\u202Ey\x1b', n: 1 };
    const escaped = escapeControls(JSON.stringify(value, null, 2));
    assert.ok(!/[\u007f-\u009f\u202e]/.test(escaped), escaped);
    assert.deepEqual(JSON.parse(escaped), value);
  });
});
