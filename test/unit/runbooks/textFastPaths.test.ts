// slugify and plainInline take hand-written fast paths for plain ASCII text (they were a large part of
// indexing time); these must give exactly what the original regex chains give, for any input.
import * as assert from 'node:assert/strict';
import { inlineCodeSpans } from '../../../src/core/runbooks/codeCommands';
import { plainInline, slugify, wordsOf } from '../../../src/core/runbooks/text';

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

const STOP = new Set(
  (
    'the a an and or of to in on for is are be was were it its this that with by at from as not no if then ' +
    'when what how why which who can may might will should must do does did has have had been being into ' +
    'than too very more most some any all each other over under after before up down out about also only ' +
    'there their them they we you your our us'
  ).split(' '),
);

function wordsOfReference(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw.length < 3 || STOP.has(raw) || /^\d+$/.test(raw)) {
      continue;
    }
    out.push(raw.length > 4 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
  }
  return out;
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
  '',
  ' ',
  '-',
  '--',
  ' - ',
  '- a',
  'a -',
  'a - b',
  '-a-',
  '--a--b--',
  '  Diagnosis  ',
  "Case 1: the HTTP service doesn't respond",
  'Step 2.3 — Roll back',
  'Data retention',
  'Alert Name: "KubePodCrashLooping"',
  'a\tb',
  'a\u00a0b',
  'x\u2003y',
  '\ufeffTitle',
  'Überprüfung',
  '诊断步骤',
  'ok_name',
  'rate(x[5m])',
  'a\nb',
  'a\rb',
  'a\u0001b',
  'DEL\u007f',
  'Mitigation / Resolution',
  '#tag',
  'a==b',
  '**bold** and _em_',
  '[link](http://x)',
  '`code` span',
  '!important',
  '<b>html</b>',
  'trailing ',
  ' leading',
  'two  spaces',
  'end-',
  '-start',
  'a -- b',
  'Who to page?',
  '100% CPU',
  'a\u2028b',
  '\u3000',
  'Ok.',
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

  it('wordsOf gives what the Unicode split gives', () => {
    const texts = [
      ...SAMPLES,
      'Checkout failing: database pool exhausted after deploy',
      'CheckoutDBPoolExhausted 5xx 500 errors',
      'Pods are CrashLooping; restarts > 10 in 5m',
      'KubePodCrashLooping Überlast',
      'Kelvin \u212a sign',
      'access processes class',
      'the and 123 abc 12a a12 ab_cd x-y-z',
      'Прометей недоступен etcd',
      '数据库 连接池',
      'ends with s',
      '',
    ];
    for (const s of texts) {
      assert.deepEqual(wordsOf(s), wordsOfReference(s), JSON.stringify(s));
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
    const words = 'abc 12 the pass logs AND s\u00e9 x';
    for (let n = 0; n < 3000; n++) {
      let s = '';
      const len = Math.floor(next() * 40);
      for (let i = 0; i < len; i++) {
        s += words[Math.floor(next() * words.length)];
      }
      assert.deepEqual(wordsOf(s), wordsOfReference(s), JSON.stringify(s));
    }
  });
});

describe('runbooks: inline code spans in one pass', () => {
  /** The pattern the scanner replaces, kept as the reference. */
  function spansReference(line: string): { index: number; ticks: number; code: string }[] {
    const out: { index: number; ticks: number; code: string }[] = [];
    for (const m of line.matchAll(/(`+)([^`]+?)\1/g)) {
      out.push({ index: m.index ?? 0, ticks: m[1].length, code: m[2] });
    }
    return out;
  }

  it('finds what the backtracking pattern finds, on lines built from backtick runs and text', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pieces = ['`', '``', '```', 'a', 'kubectl get pods', ' ', '$ ', '.', 'x`y'];
    for (let i = 0; i < 5000; i++) {
      const line = Array.from({ length: 1 + next(12) }, () => pieces[next(pieces.length)]).join('');
      assert.deepEqual(inlineCodeSpans(line), spansReference(line), JSON.stringify(line));
    }
  });

  it('reads a line of 100,000 backticks (the pattern took quadratic time on it)', () => {
    assert.deepEqual(inlineCodeSpans('`'.repeat(100_000)), []);
    assert.equal(inlineCodeSpans('`a` '.repeat(25_000)).length, 25_000);
  });
});
