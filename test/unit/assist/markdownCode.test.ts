import * as assert from 'node:assert/strict';
import {
  CODE_HOLD_CHARS,
  markdownAnswer,
  MarkdownCode,
  markdownLine,
  markdownText,
  ReferenceStream,
  resolveReferences,
} from '../../../src/core/assist';

describe('assist: code in an answer shown as trusted markdown', () => {
  const known = new Set(['E:h1']);
  const link = (r: { ref: string; value: string }) => `[${r.value}](command:warroom.openTimeline?${r.ref})`;
  // As the chat wires it (src/vscode/assist/run.ts).
  const chat = () => ({ known, link, escapeText: markdownText, literalCode: true });
  const shown = (answer: string) => resolveReferences(answer, chat()).text;
  const streamed = (chunks: string[]) => {
    const stream = new ReferenceStream(chat());
    return chunks.map((c) => stream.push(c)).join('') + stream.end();
  };
  const FORGED = '[fix](command:evil)';
  const ESCAPED = '\\[fix\\](command:evil)';

  it('leaves code spans and fenced code blocks as written, and escapes the text around them as before', () => {
    const answer = [
      'Run `kubectl get pods -l app=[checkout]` then ``echo `a` <b>`` [E:h1], not ' + FORGED + '.',
      '',
      '1. Check the pool:',
      '   ```ts',
      '   const first = arr[0] as Array<T>; // C:\\tmp',
      '   ```',
      '~~~',
      '[x]: command:evil',
      '~~~',
      'After <T> [y].',
    ].join('\n');
    assert.equal(
      shown(answer),
      [
        'Run `kubectl get pods -l app=[checkout]` then ``echo `a` <b>`` [h1](command:warroom.openTimeline?E:h1), not ' + ESCAPED + '.',
        '',
        '1. Check the pool:',
        '   ```ts',
        '   const first = arr[0] as Array<T>; // C:\\tmp',
        '   ```',
        '~~~',
        '[x]: command:evil',
        '~~~',
        'After \\<T\\> \\[y\\].',
      ].join('\n'),
    );
  });

  it('leaves a reference inside code as the text it is, and resolves the one outside', () => {
    const resolved = resolveReferences('`grep [E:h1] log`\n```\n[E:h1] [E:ghost]\n```\nSee [E:h1].', chat());
    assert.equal(resolved.text, '`grep [E:h1] log`\n```\n[E:h1] [E:ghost]\n```\nSee [h1](command:warroom.openTimeline?E:h1).');
    assert.deepEqual(resolved.cited, ['E:h1']);
    assert.deepEqual(resolved.dropped, [], 'a reference in code is not checked, so not dropped either');
  });

  it('escapes what a renderer may read as markdown: after a stray backtick, across lines, cells and list items', () => {
    for (const answer of [
      // An unclosed span is literal backticks: what follows is markdown.
      'a ` b ' + FORGED,
      'a `` b ` ' + FORGED,
      // The renderer pairs the first backtick with the second line's first: the link is outside code.
      'a ` b\nc ` ' + FORGED + ' ` d',
      // A table cell ends at a `|`, in a code span too.
      '| `a | ' + FORGED + ' | b` |\n|---|---|---|',
      // A fence in a list item ends with the item: the next line is markdown.
      '- step\n  ```\n' + FORGED + '\n  ```',
      // Closed inside the item (by a fence the scanner does not follow): the last line is markdown.
      '- ```\n\n  ```\n  ' + FORGED,
      // With a delimiter row under it, markdown-it reads a table's header, not a fence.
      '```a|\n|---|\n' + FORGED + '\n```',
      // A lone \r ends a line: a blank line between, two paragraphs.
      'a `x\r\r' + FORGED + ' `',
      // What VS Code's renderer (marked) reads otherwise than CommonMark:
      // a URL takes the backticks up to a blank, so the next runs pair differently,
      'see www.example.com/`` x ' + FORGED + '``',
      // `~` and backticks together are text (marked before v15),
      'a~`' + FORGED + '`',
      // a strikethrough or emphasis begun before a code span ends at a `~`, `*` or `_` in it,
      '~a `b~ ' + FORGED + ' `',
      '*a ``b* ' + FORGED + ' `c``',
      // a closing fence followed by a tab closes nothing,
      '```\nx\n```\t\n```\n' + FORGED + '\n```',
    ]) {
      const out = shown(answer);
      assert.ok(out.includes(ESCAPED) && !out.includes(FORGED), `${JSON.stringify(answer)} gave ${JSON.stringify(out)}`);
    }
    // Under a table's delimiter row a fence may be a row of the table (marked): its `<b>` is HTML.
    assert.equal(shown('1. x\n|-|\n|-|\n   ```<b>\n- y'), '1. x\n|-|\n|-|\n   ```\\<b\\>\n- y');
    // After a blank line the paragraph is new: its code spans are code again.
    assert.equal(shown('a ` b\nc `[0]` d\n\ne `[1]` f'), 'a ` b\nc `\\[0\\]` d\n\ne `[1]` f');
  });

  it('passes the same text on however the answer is split into chunks', () => {
    for (const answer of [
      'Run `kubectl get pods -l app=[checkout]` [E:h1].\n```sh\nls [a] <b>\n```\nand ``x`[y]`` ' + FORGED,
      '1. x\n   ~~~~\n   a[0]\n   ~~~~\n2. `b[1]` | `c`\r\n```\n[E:h1]',
    ]) {
      const whole = shown(answer);
      assert.equal(streamed(answer.split('')), whole, 'one character at a time');
      for (let at = 0; at <= answer.length; at++) {
        assert.equal(streamed([answer.slice(0, at), answer.slice(at)]), whole, `split at ${at}`);
      }
    }
  });

  it('closes a fence the answer leaves open, so nothing shown after it is code', () => {
    assert.equal(shown('```sh\nls [a]'), '```sh\nls [a]\n```');
    assert.equal(shown('  ~~~~\n'), '  ~~~~\n  ~~~~');
    assert.equal(shown('```'), '```\n```');
  });

  it('leaves code in suggested action items as written (the /actions reply), a line that could start a block escaped', () => {
    // Each item is shown as `- [ ] <item> _(ai_generated)_`; with none, the whole answer (src/vscode/assist/chat.ts).
    assert.equal(
      markdownLine('Alert on `rate(http_errors[5m]) > 0.1`, not ' + FORGED),
      'Alert on `rate(http_errors[5m]) > 0.1`, not ' + ESCAPED,
    );
    assert.equal(markdownLine('```sh <b> [x]'), '```sh \\<b\\> \\[x\\]', 'after "- [ ] " no fence opens');
    assert.equal(markdownLine('`a`\r```\r' + FORGED), markdownText('`a`\r```\r' + FORGED));
    assert.equal(markdownAnswer('No items:\n```\nx[0]\n```\n' + FORGED), 'No items:\n```\nx[0]\n```\n' + ESCAPED);
  });

  it('reads 100 KB of backticks and brackets once, holding back at most its bound', () => {
    const size = 100_000;
    for (const answer of [
      '`['.repeat(size / 2),
      '`' + 'a['.repeat(size / 2),
      '```' + '['.repeat(size),
      '``'.repeat(size / 2) + '\n`' + '``'.repeat(size / 2),
      ('```\n' + '`'.repeat(500) + '\n').repeat(size / 505),
      '- ' + '`x` '.repeat(size / 4),
      '`' + '`a'.repeat(size / 2),
    ]) {
      const code = new MarkdownCode();
      let given = 0;
      let taken = 0;
      for (let i = 0; i < answer.length; i += 7) {
        const chunk = answer.slice(i, i + 7);
        given += chunk.length;
        taken += code.push(chunk).reduce((n, p) => n + p.text.length, 0);
        assert.ok(given - taken <= CODE_HOLD_CHARS + 7, `${given - taken} characters held back`);
      }
      taken += code.end().reduce((n, p) => n + p.text.length, 0);
      assert.ok(taken >= given, 'all of it passed on');
      assert.ok(code.examined <= 2 * answer.length, `${code.examined} characters read for ${answer.length}`);
    }
  });
});
