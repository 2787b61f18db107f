// slugify and plainInline take hand-written fast paths for plain ASCII text (they were a large part of
// indexing time); these must give exactly what the original regex chains give, for any input.
import * as assert from 'node:assert/strict';
import { plainInline, slugify } from '../../../src/core/runbooks/text';

/** The original regex chain, kept here as the reference. */
function slugifyReference(text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[`*_~[\]()<>"'!?.,:;{}|\\/#@$%^&+=—–]/g, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-');
  return slug || 'section';
}

function plainInlineReference(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.*?)\1/g, '$2')
    .replace(/(^|\W)[*_]([^*_]+)[*_](?=\W|$)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

const SAMPLES = [
  '', ' ', '-', '--', ' - ', '- a', 'a -', 'a - b', '-a-', '--a--b--', '  Diagnosis  ', 'Case 1: the HTTP service doesn\'t respond',
  'Step 2.3 — Roll back', 'Data retention', 'Alert Name: "KubePodCrashLooping"', 'a\tb', 'a\u00a0b', 'x\u2003y', '\ufeffTitle',
  'Überprüfung', '诊断步骤', 'ok_name', 'rate(x[5m])', 'a\nb', 'a\rb', 'a\u0001b', 'DEL\u007f', 'Mitigation / Resolution',
  '#tag', 'a==b', '**bold** and _em_', '[link](http://x)', '`code` span', '!important', '<b>html</b>', 'trailing ', ' leading',
  'two  spaces', 'end-', '-start', 'a -- b', 'Who to page?', '100% CPU', 'a\u2028b', '\u3000', 'Ok.',
];

describe('runbooks: text fast paths', () => {
  it('slugify gives what the regex chain gives', () => {
    for (const s of SAMPLES) {
      assert.equal(slugify(s), slugifyReference(s), JSON.stringify(s));
    }
  });

  it('plainInline gives what the regex chain gives', () => {
    for (const s of SAMPLES) {
      assert.equal(plainInline(s), plainInlineReference(s), JSON.stringify(s));
    }
  });

  it('agrees on every line and heading of random ASCII mixes', () => {
    // A fixed-seed generator: reproducible, and dense in separators, dashes and spaces.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = 'ab Z-- _.:#`*[]()!<>\t\u00a0—9';
    for (let n = 0; n < 5000; n++) {
      let s = '';
      const len = Math.floor(next() * 12);
      for (let i = 0; i < len; i++) {
        s += alphabet[Math.floor(next() * alphabet.length)];
      }
      assert.equal(slugify(s), slugifyReference(s), JSON.stringify(s));
      assert.equal(plainInline(s), plainInlineReference(s), JSON.stringify(s));
    }
  });
});
