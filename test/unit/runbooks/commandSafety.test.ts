// Issue #10, runbook commands: what reaches a terminal is what the confirmation showed. Values from
// teammates' event files, alerts and typing are filled into a runbook's command; these tests hold
// the filler to that with a real bash (non-interactive `bash -c`, and an interactive one reading the
// text as a terminal types it, where `!` is history expansion).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fillVariables, findVariables, isSecretVariable } from '../../../src/core/runbooks/variables';
import { parseYamlRunbooks } from '../../../src/core/runbooks/yamlRunbook';
import { useTempDirs } from '../../support/tempDir';

/** What a shown command must never hold (its own line breaks aside); a value may not hold a newline either. */
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNSAFE_VALUE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('runbooks: control characters in commands', () => {
  it("refuses a value holding readline's erase-line (U+0015) and shows it escaped", () => {
    const filled = fillVariables('kubectl rollout status deploy/{{service}} -n prod', { service: 'api\u0015touch /tmp/x #' });
    assert.equal(filled.refused.length, 1);
    assert.match(filled.refused[0], /service.*U\+0015/);
    assert.equal(filled.command, "kubectl rollout status deploy/'api\\u0015touch /tmp/x #' -n prod");
    assert.doesNotMatch(filled.command, UNSAFE);
  });

  for (const [name, ch] of [
    ['ESC', '\u001b'],
    ['newline', '\n'],
    ['tab', '\t'],
    ['DEL', '\u007f'],
    ['C1 NEL', '\u0085'],
    ['RLO', '\u202e'],
    ['RLI', '\u2067'],
    ['RLM', '\u200f'],
    ['ALM', '\u061c'],
  ]) {
    it(`refuses ${name} in a value`, () => {
      const filled = fillVariables('echo "{{service}}"', { service: `a${ch}b` });
      assert.equal(filled.refused.length, 1, filled.command);
      assert.doesNotMatch(filled.command, UNSAFE);
      assert.match(filled.command, /a\\u[0-9a-f]{4}b/);
    });
  }

  it("refuses control characters in the runbook's own command, keeping its line breaks", () => {
    const filled = fillVariables('kubectl get pods\u0015rm -rf ~ #\nkubectl get svc', {});
    assert.equal(filled.refused.length, 1);
    assert.match(filled.refused[0], /runbook's command.*U\+0015/);
    assert.equal(filled.command, 'kubectl get pods\\u0015rm -rf ~ #\nkubectl get svc');
    assert.deepEqual(fillVariables('kubectl get pods \\\n  -n prod', {}).refused, []);
    assert.equal(fillVariables('echo \u202eok', {}, 'sql').refused.length, 1);
  });
});

describe('runbooks: values quoted for where they land', () => {
  const hostile = '; touch /tmp/x; #';
  it('inside single quotes', () => {
    assert.equal(
      fillVariables("kubectl get pods -l 'app={{service}}'", { service: hostile }).command,
      "kubectl get pods -l 'app=; touch /tmp/x; #'",
    );
    assert.equal(fillVariables("echo 'a {{service}}'", { service: "it's" }).command, "echo 'a it'\\''s'");
  });

  it('inside double quotes: $, backticks, quotes, backslashes and history expansion', () => {
    assert.equal(fillVariables('echo "$SERVICE"', { service: '$(touch /tmp/x)' }).command, 'echo "\\$(touch /tmp/x)"');
    assert.equal(fillVariables('echo "$SERVICE"', { service: 'x" ; touch /tmp/x ; "' }).command, 'echo "x\\" ; touch /tmp/x ; \\""');
    assert.equal(fillVariables('echo "{{service}}"', { service: 'a!b`id`\\' }).command, 'echo "a"\'!\'"b\\`id\\`\\\\"');
  });

  it('refuses what cannot be one literal argument, saying why', () => {
    const backtick = fillVariables('echo `kubectl get deploy {{service}}`', { service: 'a b' });
    assert.match(backtick.refused.join(), /service sits inside `backticks`/);
    assert.deepEqual(fillVariables('echo `kubectl get deploy {{service}}`', { service: 'checkout' }).refused, []);
    assert.match(fillVariables('echo ${X:-{{service}}}', { service: 'a}b' }).refused.join(), /inside \$\{\.\.\.\}/);
    assert.match(fillVariables('echo $(( {{n}} + 1 ))', { n: 'a[$(id)]' }).refused.join(), /plain number/);
    assert.match(fillVariables('cat <<EOF\n{{service}}\nEOF', { service: 'EOF' }).refused.join(), /end the here-document/);
  });

  it('refuses a value that would start a word with "-": the program would take it for an option', () => {
    for (const run of ['ssh -o ConnectTimeout=2 {{host}} uptime', 'ssh "{{host}}" uptime', "ssh '{{host}}' uptime", 'ssh $HOST uptime']) {
      const filled = fillVariables(run, { host: '-oProxyCommand=touch pwned' });
      assert.match(filled.refused.join(), /starts with "-", so the program would read it as an option/, run);
    }
    // After `--`, inside a word, or a lone `-` (standard input): no option.
    for (const run of ['grep -- {{host}} hosts.txt', 'echo deploy/{{host}}', 'kubectl get pods --selector={{host}}']) {
      assert.deepEqual(fillVariables(run, { host: '-x' }).refused, [], run);
    }
    assert.deepEqual(fillVariables('cat {{host}}', { host: '-' }).refused, []);
  });

  it('refuses a value right after a backslash, which would escape its quoting: bash would run the rest', () => {
    // `"\$NAMESPACE"` was filled as `"\\" ; touch pwned ; \""`: the backslash escaped the value's own.
    for (const run of ['echo "\\$NAMESPACE"', 'echo \\{{namespace}}', "echo $'\\{{namespace}}'", 'cat <<EOF\n\\{{namespace}}\nEOF']) {
      const filled = fillVariables(run, { namespace: '" ; touch pwned ; "' });
      assert.match(filled.refused.join(), /namespace comes right after a backslash, which would escape its quoting/, run);
      // A plain word has no quoting to escape; after two backslashes the value's quoting is its own.
      assert.deepEqual(fillVariables(run, { namespace: 'prod-eu' }).refused, [], run);
      assert.deepEqual(fillVariables(run.replace('\\', '\\\\'), { namespace: '" ; touch pwned ; "' }).refused, [], run);
    }
    // Where a backslash is a plain character, the value's quoting stands.
    assert.equal(fillVariables("echo '\\{{v}}'", { v: "a'b" }).command, "echo '\\a'\\''b'");
    assert.deepEqual(fillVariables("cat <<'EOF'\n\\{{v}}\nEOF", { v: 'a b' }).refused, []);
  });

  it('reads `<<` inside an arithmetic command as a shift, not a here-document', () => {
    const filled = fillVariables('(( limit = 1 << 20 ))\nprintf "[%s]" {{pod}}', { pod: 'api-0;touch pwned' });
    assert.equal(filled.command, `(( limit = 1 << 20 ))\nprintf "[%s]" 'api-0;touch pwned'`);
    assert.match(fillVariables('(( n = {{count}} + 1 ))', { count: '1; touch pwned' }).refused.join(), /plain number/);
  });

  it("does not take a variable inside single quotes for a placeholder (awk '{print $NF}')", () => {
    assert.deepEqual(findVariables("kubectl get pods | awk '{print $NF}'"), []);
    assert.deepEqual(fillVariables("awk '{print $NF}' <<'EOF'\n$HOSTNAME $POD\nEOF", {}).missing, []);
    assert.deepEqual(
      findVariables('echo "$POD" $NS').map((v) => v.key),
      ['pod', 'namespace'],
    );
    // Mustache and angle placeholders are the runbook's, wherever they sit.
    assert.deepEqual(
      findVariables("kubectl get pods -l 'app={{service}},tier=<tier>'").map((v) => v.key),
      ['service', 'tier'],
    );
  });
});

/** mulberry32: a small seeded generator, so every run tries the same values. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  "'",
  '"',
  '\\',
  '`',
  '$',
  '$(touch pwned)',
  '`touch pwned`',
  '; touch pwned #',
  '&& touch pwned',
  '| tee pwned',
  '> pwned',
  '!',
  '!!',
  '!-1',
  '^x^y',
  '$HOME',
  '${PATH}',
  '$((1+1))',
  "$'\\x41'",
  '*',
  '?',
  '[a]',
  '{a,b}',
  '~',
  '~root',
  '#',
  '-rf',
  '--force',
  ' ',
  '  ',
  '=',
  'a=b',
  '%',
  ':',
  '@',
  ',',
  '+',
  '(',
  ')',
  '<',
  '>',
  '&',
  '|',
  ';',
  'EOF',
  'x',
  'checkout',
  'prod-1.2',
  'é',
  '日本',
  '🔥',
  '\u00a0',
  '\u200b',
  '\n',
  '\t',
  '\r',
  '\u0015',
  '\u001b[2J',
  '\u0000',
  '\u007f',
  '\u0085',
  '\u202e',
  '\u2066',
];

/** Each template holds one placeholder; `expect` gives what bash must print for a value. */
const TEMPLATES: { name: string; run: string; expect: (v: string) => string[] }[] = [
  { name: 'bare', run: "printf '%s\\0' {{v}}", expect: (v) => [v] },
  { name: 'inside a word', run: "printf '%s\\0' deploy/{{v}}.x", expect: (v) => [`deploy/${v}.x`] },
  { name: 'angle', run: "printf '%s\\0' <v> tail", expect: (v) => [v, 'tail'] },
  { name: 'single quotes', run: "printf '%s\\0' 'app={{v}}' 'b'", expect: (v) => [`app=${v}`, 'b'] },
  { name: 'double quotes, env', run: 'printf \'%s\\0\' "$V" "pre ${V} post"', expect: (v) => [v, `pre ${v} post`] },
  { name: 'ANSI-C', run: "printf '%s\\0' $'a{{v}}b'", expect: (v) => [`a${v}b`] },
  // One `$(...)` (a fork each, and forks are what a loaded machine is slow at) holding both quotings.
  { name: 'command substitution', run: 'printf \'%s\\0\' "$(printf \'%s|\' {{v}} "{{v}}")"', expect: (v) => [`${v}|${v}|`] },
  { name: 'comment after', run: "printf '%s\\0' ok # {{v}}", expect: () => ['ok'] },
  // `read` rather than `cat`: a builtin, so the few thousand lines need no process each.
  { name: 'here-document', run: "IFS= read -r -d '' body <<EOF\n<{{v}}>\nEOF\nprintf '%s' \"$body\"", expect: (v) => [`<${v}>\n`] },
  {
    name: 'quoted here-document',
    run: "IFS= read -r -d '' body <<'EOF'\n<{{v}}>\nEOF\nprintf '%s' \"$body\"",
    expect: (v) => [`<${v}>\n`],
  },
  { name: 'backticks', run: "printf '%s\\0' \"`printf '%s' {{v}}`\"", expect: (v) => [v] },
  { name: 'parameter default', run: 'printf \'%s\\0\' "${UNSET_X:-{{v}}}"', expect: (v) => [v] },
];

/** Runs each filled command in a real bash; what each printed, split at the \x01 between them. */
function runInBash(commands: readonly string[], cwd: string, interactive: boolean, extraEnv: Record<string, string> = {}): string[] {
  const script = commands.map((c) => `${c}\nprintf '\\001'`).join('\n') + '\n';
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, HISTFILE: '/dev/null', LANG: 'C.UTF-8', UNSET_X: '', ...extraEnv };
  const result = interactive
    ? spawnSync('bash', ['--norc', '--noprofile', '-i'], { cwd, env, input: script, encoding: 'utf8' })
    : spawnSync('bash', ['-c', script], { cwd, env, encoding: 'utf8' });
  assert.equal(result.error, undefined);
  return result.stdout.split('\u0001').slice(0, commands.length);
}

/** What bash prints for a template filled with `value` (arguments end in NUL, a here-document's body as it is). */
function printedFor(t: (typeof TEMPLATES)[number], value: string): string {
  return t
    .expect(value)
    .map((a) => (t.name.includes('here-document') ? a : `${a}\0`))
    .join('');
}

/**
 * Runs every command in one bash per mode (plain and interactive, where `!` is history expansion) and
 * checks each printed what it should: a value that broke out of its quotes would upset every later line.
 */
function assertPrinted(
  sent: readonly { command: string; expected: string; value: string }[],
  cwd: string,
  env: Record<string, string> = {},
): void {
  for (const interactive of [false, true]) {
    const printed = runInBash(
      sent.map((s) => s.command),
      cwd,
      interactive,
      env,
    );
    sent.forEach(({ command, expected, value }, i) => {
      assert.equal(
        printed[i],
        expected,
        `${interactive ? 'interactive ' : ''}bash ran ${JSON.stringify(command)} for the value ${JSON.stringify(value)}`,
      );
    });
  }
}

function hostileValues(): string[] {
  const next = random(20261203);
  const values: string[] = [];
  for (let n = 0; n < 120; n++) {
    const count = 1 + Math.floor(next() * 5);
    values.push(Array.from({ length: count }, () => PIECES[Math.floor(next() * PIECES.length)]).join(''));
  }
  values.push(...PIECES);
  return values;
}

describe('runbooks: hostile values through the filler into a real bash', function () {
  this.timeout(120_000);
  const tempDir = useTempDirs('wr-fill-');
  let cwd = '';
  before(() => {
    cwd = tempDir();
  });

  it('gives bash exactly the arguments the confirmation shows, or refuses with a reason', () => {
    const values = hostileValues();
    const sent: { command: string; expected: string; value: string }[] = [];
    for (const value of values) {
      for (const t of TEMPLATES) {
        const filled = fillVariables(t.run, { v: value });
        assert.doesNotMatch(filled.command, UNSAFE, `${t.name}: what is shown holds no control character`);
        if (filled.refused.length) {
          // Refused only for a reason it can name: an unsafe character, or a spot no quoting makes safe.
          assert.ok(
            UNSAFE_VALUE.test(value) || /backticks|\$\{\.\.\.\}|here-document|as an option/.test(filled.refused.join()),
            `${t.name} refused ${JSON.stringify(value)}: ${filled.refused.join()}`,
          );
          continue;
        }
        assert.deepEqual(filled.missing, []);
        sent.push({ command: filled.command, expected: printedFor(t, value), value });
      }
    }
    assertPrinted(sent, cwd);
    const checked = sent.length;
    assert.ok(checked > 1000, `checked ${checked} commands`);
    assert.deepEqual(
      fs.readdirSync(cwd).filter((f) => f !== '.bash_history'),
      [],
      'no value ran a command',
    );
  });

  it('passes a secret by name in the environment: bash prints the same, and the typed line is the same whatever the value', () => {
    const sent: { command: string; expected: string; value: string }[] = [];
    const env: Record<string, string> = {};
    let inline = 0;
    hostileValues().forEach((value, i) => {
      for (const t of TEMPLATES) {
        const run = t.run.replaceAll('{{v}}', `{{s${i}}}`).replace('<v>', `<s${i}>`);
        const filled = fillVariables(run, { [`s${i}`]: value }, 'shell', [`s${i}`]);
        if (filled.refused.length || !run.includes(`s${i}`)) {
          continue; // refused as without secrets (above), or no placeholder
        }
        if (t.name === 'quoted here-document' || t.name === 'parameter default') {
          // bash expands nothing there, or quotes do not nest: the value is typed (or refused), as without the environment
          assert.deepEqual(filled.env, {});
          assert.equal(filled.namingSecrets.posix, filled.command);
          // ... and said, so the responder is asked before it is typed.
          assert.deepEqual(filled.typedWhenNamed, [`s${i}`]);
          inline++;
        } else {
          assert.deepEqual(Object.keys(filled.env), [`WARROOM_SECRET_S${i}`]);
          assert.deepEqual(filled.typedWhenNamed, [], `${t.name}: a named secret said to be typed`);
          // The typed line is the same whatever the value: it names the variable only.
          const other = fillVariables(run, { [`s${i}`]: 'other' }, 'shell', [`s${i}`]);
          assert.equal(filled.namingSecrets.posix, other.namingSecrets.posix, `${t.name}: the line depends on the value`);
          Object.assign(env, filled.env);
        }
        sent.push({ command: filled.namingSecrets.posix, expected: printedFor(t, value), value });
      }
    });
    assert.ok(inline > 0 && sent.length > 1000, `checked ${sent.length} commands`);
    assertPrinted(sent, cwd, env);
  });
});

/** Templates fish reads as bash does (runbooks are written for bash; these parts of it fish shares). */
const FISH_TEMPLATES: { name: string; run: string; expect: (v: string) => string[] }[] = [
  ...TEMPLATES.filter((t) => ['bare', 'inside a word', 'angle', 'single quotes'].includes(t.name)),
  { name: 'double quotes, letters after', run: 'printf \'%s\\0\' "pre {{v}}post" "{{v}}"', expect: (v) => [`pre ${v}post`, v] },
  { name: 'command substitution', run: 'printf \'%s\\0\' "$(printf \'%s|\' {{v}} "{{v}}")"', expect: (v) => [`${v}|${v}|`] },
];

/** Runs every command in one fish (in `cwd`, HOME elsewhere) and checks each printed what it should. */
function assertPrintedInFish(
  sent: readonly { command: string; expected: string; value: string }[],
  cwd: string,
  env: Record<string, string> = {},
): void {
  const script = sent.map((s) => `${s.command}\nprintf '\\001'`).join('\n') + '\n';
  const result = spawnSync('fish', ['--no-config', '-c', script], {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.tmpdir(), LANG: 'C.UTF-8', ...env },
    encoding: 'utf8',
  });
  assert.equal(result.error, undefined, 'fish runs (node test/harness/install.mjs installs it)');
  assert.equal(result.stderr, '');
  const printed = result.stdout.split('\u0001');
  sent.forEach(({ command, expected, value }, i) => {
    assert.equal(printed[i], expected, `fish ran ${JSON.stringify(command)} for the value ${JSON.stringify(value)}`);
  });
}

describe('runbooks: secrets by name into a real fish', function () {
  this.timeout(120_000);

  it('fish prints each secret as the value, and the typed line is the same whatever the value', () => {
    const sent: { command: string; expected: string; value: string }[] = [];
    const env: Record<string, string> = {};
    hostileValues().forEach((value, i) => {
      for (const t of FISH_TEMPLATES) {
        const run = t.run.replaceAll('{{v}}', `{{s${i}}}`).replace('<v>', `<s${i}>`);
        const filled = fillVariables(run, { [`s${i}`]: value }, 'shell', [`s${i}`]);
        if (filled.refused.length) {
          continue; // a character a terminal acts on: refused whatever the shell
        }
        assert.deepEqual(Object.keys(filled.env), [`WARROOM_SECRET_S${i}`]);
        const other = fillVariables(run, { [`s${i}`]: 'other' }, 'shell', [`s${i}`]);
        assert.equal(filled.namingSecrets.fish, other.namingSecrets.fish, `${t.name}: the line depends on the value`);
        Object.assign(env, filled.env);
        sent.push({ command: filled.namingSecrets.fish, expected: printedFor(t, value), value });
      }
    });
    assert.ok(sent.length > 500, `checked ${sent.length} commands`);
    assertPrintedInFish(sent, os.tmpdir(), env);
  });

  it('quotes every other value for fish: fish prints the value, and nothing runs', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-fish-fill-'));
    try {
      const sent: { command: string; expected: string; value: string }[] = [];
      // A backslash before a quote ends fish's single quotes where it is a plain character in bash's.
      for (const value of [...hostileValues(), "x\\'';touch pwned;#", "\\'", "\\\\'", 'a\\"b$c`d!e']) {
        for (const t of FISH_TEMPLATES) {
          const filled = fillVariables(t.run, { v: value });
          if (filled.refused.length) {
            continue; // a character a terminal acts on: refused whatever the shell
          }
          sent.push({ command: filled.namingSecrets.fish, expected: printedFor(t, value), value });
        }
      }
      assert.ok(sent.length > 500, `checked ${sent.length} commands`);
      assertPrintedInFish(sent, cwd);
      assert.deepEqual(fs.readdirSync(cwd), [], 'no value ran a command');
    } finally {
      fs.rmSync(cwd, { recursive: true, force: true });
    }
  });

  it("names a secret in fish's own way in each place a bash runbook puts it", () => {
    const filled = fillVariables(
      'curl -H "Authorization: Bearer {{api_token}}" https://x && vault login {{api_token}} && echo \'t={{api_token}}\' # {{api_token}}',
      { api_token: 'hvs.x' },
      'shell',
      [],
    );
    assert.equal(
      filled.namingSecrets.fish,
      'curl -H "Authorization: Bearer $WARROOM_SECRET_API_TOKEN""" https://x && vault login "$WARROOM_SECRET_API_TOKEN" && echo \'t=\'"$WARROOM_SECRET_API_TOKEN"\'\' # $WARROOM_SECRET_API_TOKEN',
    );
    // Where bash would evaluate the text, the value is typed for fish as for bash.
    const pin = fillVariables('echo $(( {{pin}} + 1 ))', { pin: '42' }, 'shell', ['pin']);
    assert.deepEqual([pin.namingSecrets.fish, pin.env, pin.typedWhenNamed], ['echo $(( 42 + 1 ))', {}, ['pin']]);
    // A value that is no secret is typed without a word; one named everywhere is never said to be typed.
    assert.deepEqual(fillVariables('echo $(( {{count}} + 1 ))', { count: '42' }, 'shell', []).typedWhenNamed, []);
    assert.deepEqual(filled.typedWhenNamed, []);
  });
});

describe('runbooks: secrets in commands', () => {
  it('takes password, token, api key and credential names for secrets, not ordinary ones', () => {
    for (const name of [
      'password',
      '<db-password>',
      'DB_PASS',
      'GITHUB_TOKEN',
      'api-key',
      'apikey',
      'client_secret',
      'credentials',
      'private_key',
      'redis_auth',
    ]) {
      assert.ok(isSecretVariable(name), name);
    }
    for (const name of ['namespace', 'service', 'author', 'key', 'pod', 'passenger_count']) {
      assert.ok(!isSecretVariable(name), name);
    }
    assert.ok(isSecretVariable('root', ['ROOT']), 'declared secret: true in the runbook');
  });

  it('redacts secret values in what is shown and stored, and fills the real value in what is sent', () => {
    const filled = fillVariables('psql "postgres://app:<password>@db/{{service}}" -c "select 1"', {
      password: 's3cr3t! it"s',
      service: 'checkout',
    });
    assert.equal(filled.command, 'psql "postgres://app:s3cr3t"\'!\'" it\\"s@db/checkout" -c "select 1"');
    assert.equal(filled.redacted, 'psql "postgres://app:<redacted:password>@db/checkout" -c "select 1"');
    assert.deepEqual(
      filled.filled.map((f) => [f.key, f.secret]),
      [
        ['password', true],
        ['service', false],
      ],
    );
    assert.equal(fillVariables('vault login {{ROOT}}', { root: 'hvs.x' }, 'shell', ['root']).redacted, 'vault login <redacted:root>');
  });

  it("also fills each secret's environment variable in place of its value, wherever bash expands it", () => {
    const filled = fillVariables(
      "psql \"postgres://app:<password>@db/{{service}}\" -c 'select 1' && vault login {{root}} && echo 't={{root}}'",
      { password: 's3cr3t! it"s', service: 'checkout', root: 'hvs.x' },
      'shell',
      ['root'],
    );
    assert.equal(
      filled.namingSecrets.posix,
      'psql "postgres://app:${WARROOM_SECRET_PASSWORD}@db/checkout" -c \'select 1\' && vault login "${WARROOM_SECRET_ROOT}" && echo \'t=\'"${WARROOM_SECRET_ROOT}"\'\'',
    );
    assert.deepEqual(filled.env, { WARROOM_SECRET_PASSWORD: 's3cr3t! it"s', WARROOM_SECRET_ROOT: 'hvs.x' });
    assert.equal(
      filled.redacted,
      "psql \"postgres://app:<redacted:password>@db/checkout\" -c 'select 1' && vault login <redacted:root> && echo 't=<redacted:root>'",
    );
    // `command` keeps the values (for a shell that cannot name them); nothing secret: no environment.
    assert.equal(
      filled.command,
      "psql \"postgres://app:s3cr3t\"'!'\" it\\\"s@db/checkout\" -c 'select 1' && vault login hvs.x && echo 't=hvs.x'",
    );
    const plain = fillVariables('echo {{service}}', { service: 'checkout' }, 'shell', []);
    assert.deepEqual([plain.namingSecrets.posix, plain.env], ['echo checkout', {}]);
    assert.deepEqual(fillVariables('select {{password}}', { password: 'x' }, 'sql').env, {}, 'not a shell: nothing named');
    // Inside ${...} an unquoted expansion would split and glob the value: refused as before, not referenced.
    const nested = fillVariables('echo ${X:-{{api_token}}}', { api_token: 'a *' }, 'shell', []);
    assert.deepEqual([nested.env, nested.refused.length > 0], [{}, true]);
    // Arithmetic would evaluate the variable's text as an expression: a number is typed there.
    assert.equal(fillVariables('echo $(( {{pin}} + 1 ))', { pin: '42' }, 'shell', ['pin']).namingSecrets.posix, 'echo $(( 42 + 1 ))');
  });

  it("reads `secret: true` from a YAML runbook's variables, with problems at their line", () => {
    const parsed = parseYamlRunbooks(
      [
        'title: Rotate',
        'variables:',
        '  vault_root: {secret: true}',
        '  namespace: {secret: false}',
        '  pod: {secret: yes please}',
        'steps:',
        '  - {kind: remediate, title: Login, commands: ["vault login {{vault_root}}"]}',
      ].join('\n'),
      'runbooks/rotate.runbook.yaml',
    );
    assert.deepEqual(parsed.runbooks, []);
    assert.deepEqual(
      parsed.problems.map((p) => [p.line, p.message]),
      [[5, 'variable "pod": "secret" must be true or false']],
    );
    const ok = parseYamlRunbooks(
      'title: Rotate\nvariables:\n  vault_root: {secret: true}\n  namespace: {secret: false}\nsteps:\n  - {kind: remediate, title: Login}\n',
      'r.runbook.yaml',
    );
    assert.deepEqual(ok.problems, []);
    assert.deepEqual(ok.runbooks[0].secrets, ['vault_root']);
  });
});
