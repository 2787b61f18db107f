// Runbook values for a csh or tcsh terminal: quoted csh's way (`FilledCommand.csh`), each one literal
// argument, or refused where csh reads the (bash) command otherwise. Checked against the text itself
// and against real csh and tcsh child processes: interactive (`-i`, where `!` is history, as in a
// terminal), reading a script, and with `backslash_quote` set (backslashes escape quotes inside quotes).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { cshReading } from '../../../src/core/runbooks/cshQuoting';
import { fillVariables } from '../../../src/core/runbooks/variables';
import { useTempDirs } from '../../support/tempDir';

/** The values the csh quoting is held to: each breaks out of some quoting, or expands in some. */
const HOSTILE = [
  'a b',
  "a'b",
  'a"b',
  '$HOME',
  '${HOME}',
  '`id`',
  '`touch pwned`',
  '$(touch pwned)',
  '!!',
  '!-1',
  '!',
  'a!b',
  '^x^y',
  'a\\b',
  '\\',
  'a\\',
  "\\'",
  "x\\'';touch pwned;#",
  '\\!',
  '*',
  '?',
  '[a]',
  '~x',
  '~',
  '=-',
  '{a,b}',
  ';rm',
  '; touch pwned #',
  '&& touch pwned',
  '| tee pwned',
  '> pwned',
  '< /etc/passwd',
  '(touch pwned)',
  '#x',
  'x # y',
  '%1',
  'a:h',
  "'",
  '"',
  "'!'",
  '"$HOME"',
  '"`touch pwned`"',
  "'\"'\"'",
  '  ',
  ' lead',
  'trail ',
  'a=b',
];

/** Templates csh reads as bash does; `expect` is what printf prints (each argument ends in NUL). */
const TEMPLATES: { name: string; run: string; expect: (v: string) => string[] }[] = [
  { name: 'bare', run: "printf '%s\\0' {{v}}", expect: (v) => [v] },
  { name: 'inside a word', run: "printf '%s\\0' deploy/{{v}}.x", expect: (v) => [`deploy/${v}.x`] },
  { name: 'angle', run: "printf '%s\\0' <v> tail", expect: (v) => [v, 'tail'] },
  { name: 'single quotes', run: "printf '%s\\0' 'app={{v}}' 'b'", expect: (v) => [`app=${v}`, 'b'] },
  { name: 'double quotes', run: 'printf \'%s\\0\' "pre {{v}}post" "{{v}}"', expect: (v) => [`pre ${v}post`, v] },
  { name: 'double quotes, env', run: 'printf \'%s\\0\' "$V" "pre ${V} $HOME"', expect: (v) => [v, `pre ${v} /home/x`] },
  { name: 'after a variable', run: "printf '%s\\0' ${HOME}{{v}}", expect: (v) => [`/home/x${v}`] },
  { name: 'in a redirection', run: "printf '%s\\0' {{v}} > out.txt; cat out.txt; rm out.txt", expect: (v) => [v] },
];

interface Sent {
  readonly command: string;
  readonly expected: string;
  readonly value: string;
}

/**
 * Runs every command in one csh (`shell`, its arguments) reading them as a terminal's csh reads typed
 * lines, and checks each printed what it should: a value out of its quotes would upset every later line.
 */
function assertPrintedInCsh(
  shell: string,
  args: readonly string[],
  sent: readonly Sent[],
  cwd: string,
  setup = '',
  env: Readonly<Record<string, string>> = {},
): void {
  // What csh says before its first prompt is set (that it has no terminal, the prompt) ends at \x02.
  const script = `set prompt = ''\n${setup}printf '\\002'\n` + sent.map((s) => `${s.command}\nprintf '\\001'`).join('\n') + '\nexit\n';
  const result = spawnSync(shell, args, {
    cwd,
    input: script,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/home/x', LANG: 'C.UTF-8', ...env },
    encoding: 'utf8',
  });
  assert.equal(result.error, undefined, `${shell} runs (node test/harness/install.mjs installs tcsh)`);
  // An interactive csh without a terminal says so; nothing else may be said (no "Event not found", no "Unmatched").
  const said = result.stderr
    .split('\n')
    .filter((l) => l && !/no access to tty|no job control/i.test(l))
    .join('\n');
  assert.equal(said, '', `${shell} ${args.join(' ')} said something`);
  const printed = result.stdout.slice(result.stdout.indexOf('\u0002') + 1).split('\u0001');
  sent.forEach(({ command, expected, value }, i) => {
    assert.equal(printed[i], expected, `${shell} ${args.join(' ')} ran ${JSON.stringify(command)} for the value ${JSON.stringify(value)}`);
  });
}

function printedFor(t: (typeof TEMPLATES)[number], value: string): string {
  return t
    .expect(value)
    .map((a) => `${a}\0`)
    .join('');
}

describe('runbooks: values quoted for csh and tcsh', () => {
  it('writes a value as single-quoted pieces, with quotes, "!" and backslashes backslashed between them', () => {
    const table: [string, string, string][] = [
      // [command, value, what csh is sent]
      ['kubectl rollout restart deploy/{{service}}', 'my service', "kubectl rollout restart deploy/'my service'"],
      ['echo {{v}}', "a'b", "echo 'a'\\''b'"],
      ['echo {{v}}', '!!', 'echo \\!\\!'],
      ['echo {{v}}', 'a\\b', "echo 'a'\\\\'b'"],
      ['echo {{v}}', '$HOME `id`', "echo '$HOME `id`'"],
      ["echo 'x={{v}}'", "a'b!", "echo 'x=''a'\\''b'\\!''"],
      ['echo "x={{v}}"', 'a"b$HOME`id`', 'echo "x="\'a"b$HOME`id`\'""'],
      ['echo -n "$NAMESPACE"', 'prod eu', 'echo -n ""\'prod eu\'""'],
      // A plain word needs no quoting, wherever it is.
      ['echo "x={{v}}" y-{{v}}', 'prod-eu.1', 'echo "x=prod-eu.1" y-prod-eu.1'],
    ];
    for (const [run, value, expected] of table) {
      const filled = fillVariables(run, { v: value, service: value, namespace: value });
      assert.deepEqual(filled.refused, [], run);
      assert.deepEqual(filled.csh, { command: expected, refused: [], typed: [] }, `${run} with ${JSON.stringify(value)}`);
    }
  });

  it('refuses a value that is more than a plain word where csh reads the command otherwise, saying why', () => {
    const table: [string, RegExp][] = [
      ['cat <<EOF\n{{v}}\nEOF', /here-document/],
      ["cat <<'EOF'\n{{v}}\nEOF", /here-document/],
      ['echo "$(echo {{v}})"', /"\$\(", bash's syntax/],
      ['echo $(echo {{v}})', /"\$\(", bash's syntax/],
      ["echo $'{{v}}'", /"\$'", bash's syntax/],
      ['diff <(echo a) {{v}}', /"<\(", bash's syntax/],
      ['echo "`date` {{v}}"', /backtick/],
      ['echo ok # {{v}}', /"#"/],
      ["awk '!seen[$0]++' {{v}}", /"!".*history/],
      ["echo 'it\\'s' {{v}}", /backslash_quote/],
      ["echo 'a\nb' {{v}}", /next line/],
    ];
    for (const [run, reason] of table) {
      const filled = fillVariables(run, { v: 'a b' });
      assert.equal(filled.csh.refused.length, 1, `${run}: ${filled.csh.refused.join()}`);
      assert.match(filled.csh.refused[0], /^The value of v /);
      assert.match(filled.csh.refused[0], reason, run);
      // A plain word still goes there, as it is.
      assert.deepEqual(fillVariables(run, { v: 'prod-eu' }).csh.refused, [], run);
    }
    // Right after a backslash every shell refuses it (variables.ts); csh's reading would too.
    assert.match(fillVariables('echo \\{{v}}', { v: 'a b' }).refused.join(), /right after a backslash/);
    assert.deepEqual(cshReading('echo \\{{v}}', [{ index: 6, length: 5 }])(6), {
      refused: 'comes right after a backslash, which would take its quoting for a plain character',
    });
    // What comes before such a spot is read as it is.
    const before = fillVariables('echo {{v}} $(date)', { v: 'a b' });
    assert.deepEqual(before.csh, { command: "echo 'a b' $(date)", refused: [], typed: [] });
  });

  it('refuses a value holding a character outside printable ASCII: a line editor outside UTF-8 takes it for keys', () => {
    for (const value of ['é', '日本', '🔥', 'a\u00a0b', '\u200b', '→→→→;touch pwned;']) {
      const filled = fillVariables('echo {{v}}', { v: value });
      assert.deepEqual(filled.refused, [], 'bash and fish take it');
      assert.equal(filled.csh.refused.length, 1, value);
      assert.match(filled.csh.refused[0], /line editor reads as key presses unless the terminal's locale is UTF-8/);
    }
  });

  it('leaves the bash and fish commands as they were', () => {
    const filled = fillVariables('echo "{{v}}" {{v}}', { v: "a'b!" });
    assert.equal(filled.command, "echo \"a'b\"'!'\"\" 'a'\\''b!'");
    assert.equal(filled.namingSecrets.fish, "echo \"a'b!\" 'a\\'b!'");
  });
});

describe('runbooks: hostile values through the csh quoting into a real csh and tcsh', function () {
  this.timeout(120_000);
  const tempDir = useTempDirs('wr-csh-fill-');

  const sent: Sent[] = [];
  before(() => {
    for (const value of HOSTILE) {
      for (const t of TEMPLATES) {
        const filled = fillVariables(t.run, { v: value });
        if (filled.refused.length) {
          // bash's own refusals (a word starting with "-") hold for every shell.
          assert.match(filled.refused.join(), /as an option/, `${t.name} refused ${JSON.stringify(value)}`);
          continue;
        }
        assert.deepEqual(filled.csh.refused, [], `${t.name}: ${JSON.stringify(value)}`);
        sent.push({ command: filled.csh.command, expected: printedFor(t, value), value });
      }
    }
  });

  for (const [shell, args, setup] of [
    ['tcsh', ['-f', '-i'], ''],
    ['csh', ['-f', '-i'], ''],
    ['tcsh', ['-f'], ''],
    ['tcsh', ['-f', '-i'], 'set backslash_quote\n'],
  ] as const) {
    it(`${shell} ${args.join(' ')}${setup ? ` with ${setup.trim()}` : ''}: gets each value as one literal argument, and nothing runs`, () => {
      const cwd = tempDir();
      assert.ok(sent.length >= HOSTILE.length * TEMPLATES.length - 20, `checked ${sent.length} commands`);
      assertPrintedInCsh(shell, args, sent, cwd, setup);
      assert.deepEqual(fs.readdirSync(cwd), [], 'no value ran a command');
    });
  }

  it('the history a terminal csh keeps expands "!" in a line: unescaped, the value would not arrive', () => {
    // What the quoting guards against, shown on the same csh: `!!` inside single quotes is the last line.
    const result = spawnSync('tcsh', ['-f', '-i'], {
      input: "set prompt = ''\nprintf '\\002'\necho first\nprintf '%s\\n' 'a!!b'\nexit\n",
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/home/x', LANG: 'C.UTF-8' },
      encoding: 'utf8',
    });
    assert.match(result.stdout.slice(result.stdout.indexOf('\u0002') + 1), /^first\naecho firstb\n/);
  });
});

describe('runbooks: secrets named in csh and tcsh, not typed', () => {
  const NAME = '${WARROOM_SECRET_API_TOKEN}';

  it('names the environment variable in the form right for where csh reads the placeholder', () => {
    const table: [string, string][] = [
      // [command, what csh is sent]
      ['curl -H "Authorization: Bearer {{api_token}}" x', `curl -H "Authorization: Bearer ${NAME}" x`],
      ['echo {{api_token}} > token.txt', `echo "${NAME}" > token.txt`],
      ['echo x-{{api_token}}.y', `echo x-"${NAME}".y`],
      ["echo 'tok={{api_token}}:h' b", `echo 'tok='"${NAME}"':h' b`],
      ['echo "{{api_token}}[1]"', `echo "${NAME}[1]"`],
      ['echo "$API_TOKEN" <api-token>', `echo "${NAME}" "${NAME}"`],
    ];
    for (const value of ['tok-1', "it's !! `id` $HOME\\", 'é→🔥']) {
      for (const [run, expected] of table) {
        const filled = fillVariables(run, { api_token: value });
        assert.deepEqual(filled.refused, [], run);
        assert.deepEqual(filled.csh, { command: expected, refused: [], typed: [] }, `${run} with ${JSON.stringify(value)}`);
        assert.deepEqual(filled.env, { WARROOM_SECRET_API_TOKEN: value }, run);
      }
    }
    // A secret the runbook declares is named too; other values in the line are still quoted csh's way.
    const declared = fillVariables('echo {{vault}} {{ns}}', { vault: 'v a', ns: 'a b' }, 'shell', ['vault']);
    assert.deepEqual(declared.csh, { command: `echo "\${WARROOM_SECRET_VAULT}" 'a b'`, refused: [], typed: [] });
  });

  it('types a plain-word secret where csh reads the command otherwise, and refuses any other there, saying why', () => {
    for (const run of ['echo $(date) {{api_token}}', 'true # ; echo {{api_token}}', "awk '!a[$0]++' {{api_token}}"]) {
      const plain = fillVariables(run, { api_token: 'tok-1' });
      assert.deepEqual(plain.csh.refused, [], run);
      assert.deepEqual(plain.csh.typed, ['api_token'], `${run}: the line holds the value, so the responder is asked`);
      assert.ok(plain.csh.command.includes('tok-1'), run);
      const other = fillVariables(run, { api_token: 'tok 1' });
      assert.equal(other.csh.refused.length, 1, run);
      assert.match(other.csh.refused[0], /^The value of api_token comes after/);
      assert.deepEqual(other.csh.typed, ['api_token'], run);
    }
  });

  it('refuses a secret holding a newline, for every shell: csh could not read it by name either', () => {
    const filled = fillVariables('echo {{api_token}}', { api_token: 'a\nb' });
    assert.match(filled.refused.join(), /The value of api_token holds U\+000A/);
    // Why that rule must hold for csh: a newline in a variable inside double quotes fails the line.
    const result = spawnSync('tcsh', ['-f', '-i'], {
      input: `set prompt = ''\nprintf '%s\\0' "\${WARROOM_SECRET_API_TOKEN}"\nexit\n`,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/home/x', LANG: 'C.UTF-8', WARROOM_SECRET_API_TOKEN: 'a\nb' },
      encoding: 'utf8',
    });
    assert.match(result.stderr, /Unmatched '"'/);
  });
});

describe('runbooks: hostile secrets by name into a real csh and tcsh', function () {
  this.timeout(120_000);
  const tempDir = useTempDirs('wr-csh-secret-');
  const SECRETS = [...HOSTILE, ';touch pwned;', 'é→🔥 日本', '→→→→;touch pwned;', 'a\u00a0b', 'x'.repeat(5000) + "'!!`"];

  for (const [shell, lang] of [
    ['tcsh', 'C.UTF-8'],
    ['csh', 'C'],
  ] as const) {
    it(`${shell} -f -i (LANG=${lang}): each secret arrives as one literal argument, the line names it only, nothing runs`, () => {
      const cwd = tempDir();
      for (const value of SECRETS) {
        const sent: Sent[] = [];
        for (const t of TEMPLATES) {
          const filled = fillVariables(t.run, { v: value }, 'shell', ['v']);
          if (filled.refused.length) {
            assert.match(filled.refused.join(), /as an option/, `${t.name} refused ${JSON.stringify(value)}`);
            continue;
          }
          assert.deepEqual([filled.csh.refused, filled.csh.typed], [[], []], `${t.name}: ${JSON.stringify(value)}`);
          // The line (and so csh's history) is the same whatever the value: it holds only the name.
          assert.equal(filled.csh.command, fillVariables(t.run, { v: 'tok-1' }, 'shell', ['v']).csh.command, t.name);
          assert.match(filled.csh.command, /\$\{WARROOM_SECRET_V\}/, t.name);
          sent.push({ command: filled.csh.command, expected: printedFor(t, value), value });
        }
        assert.ok(sent.length >= TEMPLATES.length - 4, `checked ${sent.length} commands for ${JSON.stringify(value)}`);
        assertPrintedInCsh(shell, ['-f', '-i'], sent, cwd, '', { WARROOM_SECRET_V: value, LANG: lang });
        assert.deepEqual(fs.readdirSync(cwd), [], `a value ran a command: ${JSON.stringify(value)}`);
      }
    });
  }

  it("csh's history holds the line as sent: the name, not the value", () => {
    const filled = fillVariables("printf '%s\\0' 'a={{api_token}}' \"{{api_token}}\" {{api_token}}", { api_token: 'tok-!!-1' });
    const result = spawnSync('tcsh', ['-f', '-i'], {
      input: `set prompt = ''\n${filled.csh.command}\nprintf '\\002'\nhistory -h\nexit\n`,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/home/x', LANG: 'C.UTF-8', ...filled.env },
      encoding: 'utf8',
    });
    const [printed, history] = result.stdout.split('\u0002');
    assert.equal(printed.slice(printed.indexOf('a=')), 'a=tok-!!-1\0tok-!!-1\0tok-!!-1\0');
    assert.ok(history.includes(filled.csh.command), history);
    assert.ok(!history.includes('tok-'), history);
  });
});
