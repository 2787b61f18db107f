// The adversarial corpus: inputs shaped to make a backtracking regex go quadratic or worse, for
// every parser that reads text from outside (a teammate's runbook, a cloned repository, git, a
// pasted trace). Generated, not stored: each case is a short recipe (a context wrapped around a
// repeated unit) plus the inputs named in issue #10. The unit test runs them in a worker with a
// kill timer; the bench reports the slowest (`parse.adversarial`).

import { parseDeployLog } from '../../src/core/correlation/deployLog';
import { parseEvidence } from '../../src/core/correlation/evidence';
import { parseForEachRef, parseGitLog } from '../../src/core/correlation/gitLogParser';
import { parseFileDiffs } from '../../src/core/correlation/hunks';
import { onlyComments } from '../../src/core/correlation/comments';
import { dependencyChanges } from '../../src/core/correlation/manifests';
import { parseIncrementalBlame } from '../../src/core/correlation/blame';
import { parseCodeowners } from '../../src/core/correlation/servicePaths';
import { parseTrailers } from '../../src/core/correlation/trailers';
import { matcherMatches, parseMatcher } from '../../src/core/runbooks/matchers';
import { parseRunbookFile } from '../../src/core/runbooks/runbookFile';
import { parseDuration, parseWhen } from '../../src/core/time';
import { parsePostmortem } from '../../src/core/learning/postmortemImport';
import { emptyRequiredSections, generatedRanges, reviewStatus } from '../../src/core/learning/review';
import { findBlame } from '../../src/core/learning/blameless';
import { parseAlertPayload } from '../../src/core/alerts/parse';
import { parseActionItems, redactSecrets, resolveReferences } from '../../src/core/assist';

export interface AdversarialCase {
  readonly name: string;
  readonly run: () => unknown;
}

/** Characters and tokens the audited patterns quantify over, alone or in pairs. */
const UNITS = [
  ' ',
  '\t',
  'a',
  'A',
  'aA',
  'a.',
  'a/',
  '0',
  '0.',
  '1h',
  ':',
  ': ',
  '[',
  '[x](',
  '![',
  '(',
  '<summary>',
  '*',
  '_',
  '`',
  '#',
  '-',
  '~',
  '"',
  '\\',
  '$',
  '{',
  'a-',
  '@',
  '\u00a0',
  ',',
  '|',
  '=',
  ' #',
  'at ',
  '0x0, ',
  '\r',
];

const LINE = 9_990; // just under MAX_LINE_CHARS: the longest line a regex still sees
const BIG = 100_000;

const md = (text: string) => () => parseRunbookFile('runbooks/adversarial.md', text);
const yaml = (text: string) => () => parseRunbookFile('runbooks/adversarial.runbook.yaml', text);
const now = new Date('2026-11-22T23:43:00Z');
const postmortem = (text: string) => () => parsePostmortem(text);
// A review file in the repository is read by every check the editor runs on it.
const review = (text: string) => () => [reviewStatus(text), emptyRequiredSections(text), generatedRanges(text)];
const json = (value: unknown) => () => parseRunbookFile('runbooks/adversarial.json', JSON.stringify(value));
const known = new Set(['E1', 'S1']);
/** A manifest from a teammate's commit, both versions read as the correlation reads them. */
const manifest = (file: string, text: string) => () => dependencyChanges(file, text, `${text}\n`);

/** Where a repeated unit goes, per parser entry point: [before, after, parse]. */
const CONTEXTS: Readonly<Record<string, (body: string) => () => unknown>> = {
  'markdown text': (b) => md(`# T\n\n${b}\n`),
  'markdown heading': (b) => md(`# a${b}!\n\ntext\n`),
  'markdown h2': (b) => md(`# T\n\n## ${b}x\n\ntext\n`),
  'markdown front matter value': (b) => md(`---\ntitle: a${b}b\n---\n# T\n\ntext\n`),
  'markdown front matter line': (b) => md(`---\n${b}\n---\n# T\n`),
  'markdown toml front matter': (b) => md(`+++\ntitle = a${b}b\n+++\n# T\n`),
  'markdown list item': (b) => md(`# Symptoms\n\n- ${b}x\n`),
  'markdown alert section': (b) => md(`##### Alert Name: A${b}\n\n- **Message**: ${b}\n\n##### Alert Name: B\n\ntext\n`),
  'markdown fence': (b) => md(`# T\n\n\`\`\`${b}\nls\n\`\`\`\n`),
  'markdown inline code': (b) => md(`# Steps\n\nRun \`${b}\` now\n`),
  'markdown link definition': (b) => md(`# T\n\n[${b}]: x\n\n[a]\n`),
  'yaml runbook title': (b) => yaml(`title: a${b}b\nsteps:\n  - title: x\n    text: y\n`),
  'yaml runbook matcher': (b) =>
    yaml(`title: t\nalerts:\n  - name: A\n    matchers: ['a=~${b.replace(/'/g, "''")}']\nsteps:\n  - title: x\n    text: y\n`),
  'evidence line': (b) => () => parseEvidence(b),
  'evidence at': (b) => () => parseEvidence(`    at ${b}`),
  'evidence python': (b) => () => parseEvidence(`  File "${b}`),
  'deploy log': (b) => () => parseDeployLog(b),
  'Cargo.toml header': (b) => manifest('Cargo.toml', `[a${b}b]\n[dependencies${b}x\n`),
  'Cargo.toml dependency': (b) => manifest('Cargo.toml', `[dependencies]\na${b}x\n"${b}\nserde = {${b}\n`),
  'pyproject.toml array': (b) => manifest('pyproject.toml', `[project]\ndependencies = ["a${b}", '${b}\n${b}]\n`),
  'go.mod': (b) => manifest('go.mod', `require${b}x\nrequire (\n\ta${b}v1 // ${b}\n)\nreplace a${b}=> b\n`),
  'requirements.txt': (b) => manifest('requirements.txt', `a${b}b\n-r${b}\n`),
  'package.json': (b) => manifest('package.json', JSON.stringify({ dependencies: { [b]: b } })),
  'package-lock.json': (b) =>
    manifest('package-lock.json', JSON.stringify({ packages: { [`node_modules/${b}`]: { version: b, resolved: `git+${b}#${b}` } } })),
  'yarn.lock': (b) => manifest('yarn.lock', `"${b}@${b}", ${b}:\n  version "${b}\n  resolved ${b}#${b}\n`),
  'Gemfile.lock': (b) => manifest('Gemfile.lock', `GIT\n  revision: ${b}\n  specs:\n    ${b} (${b}\n    a (${b})\n`),
  'pnpm-lock.yaml': (b) => manifest('pnpm-lock.yaml', `packages:\n  '${b}@${b}(${b}':\n  /${b}/${b}_${b}:\n  ${b}:\n`),
  'Pipfile.lock': (b) => manifest('Pipfile.lock', JSON.stringify({ default: { [b]: { version: `==${b}`, ref: b } } })),
  'gradle.lockfile': (b) => manifest('gradle.lockfile', `${b}:${b}:${b}=${b}\n${b}=\n:${b}=\n`),
  'uv.lock': (b) => manifest('uv.lock', `[[package]]\nname = "${b}"\nversion = "1"\nsource = { git = "${b}#${b}" }\nsource = {${b}\n`),
  'Cargo.lock': (b) => manifest('Cargo.lock', `[[package]]\nname = "${b}"\nversion = "${b}\nsource = "git+${b}#${b}"\n`),
  'comment-only patch': (b) => () =>
    onlyComments(`diff --git a/${b} b/x.go\n--- a/x.go\n+++ b/${b}.go\n@@ -1 +1 @@\n-// ${b}\n+/*${b}*/ ${b}\n+ * ${b}\n+#${b}\n`),
  time: (b) => () => parseWhen(b, now),
  'time ago': (b) => () => parseWhen(`1${b} ago`, now),
  duration: (b) => () => parseDuration(b),
  matcher: (b) => () => parseMatcher(`a=~${b}`),
  'matcher value': (b) => () => parseMatcher(`a=x${b}y`),
  trailers: (b) => () => parseTrailers(`subject\n\nbody\n\nKey: ${b}\n`),
  codeowners: (b) => () => parseCodeowners(`${b} @team`),
  'git log': (b) => () =>
    parseGitLog(
      `\x1e${'a'.repeat(40)}\x1f\x1fme\x1fme@x\x1f2026-11-22T23:43:00Z\x1f2026-11-22T23:43:00Z\x1f\x1fsubject\n\n${b}\n\nKey: ${b}\x1f`,
    ),
  'git refs': (b) => () => parseForEachRef(`refs/tags/${b}\0${'a'.repeat(40)}\0\x001700000000\0\n`),
  'git diff': (b) => () => parseFileDiffs(`diff --git a/${b} b/x\n@@ -1 +1 @@\n-${b}\n+x\n`),
  'git blame': (b) => () => parseIncrementalBlame(`${'a'.repeat(40)} 1 1 1\nfilename ${b}\n`),
  'postmortem heading': (b) => postmortem(`# a${b}x #\n\ntext\n`),
  'postmortem timeline item': (b) => postmortem(`# T\n\n## Timeline\n\n- ${b}x\n- 10:00 ${b}x\n- **10:0${b}\n`),
  'postmortem timeline row': (b) =>
    postmortem(`# T\n\n## Timeline\n\n| Time | Event |\n|---|---|\n| ${b} | x${b} |\n| 10:00 ${b}x | [${b}](${b} |\n`),
  'postmortem date line': (b) => postmortem(`# T\n\nOn Mar 3${b}, 2024 at 1${b}pm GMT${b}+0${b}\n\n## Timeline\n\n- 10:00 x\n`),
  'postmortem action items': (b) => postmortem(`# T\n\n## Action items\n\n- [ ] ${b}x\n1. ${b}\n`),
  'review front matter': (b) => review(`---\nstatus: a${b}b\nincident: ${b}\n---\n# T\n`),
  'review heading': (b) => review(`---\nstatus: draft\n---\n## a${b}b\n\n## Summary${b}\n`),
  'review comment': (b) => review(`---\nstatus: draft\n---\n## Summary\n\n<!--${b}\n<!-- warroom:begin impact ${b}\n`),
  'review blameless': (b) => () => findBlame(`# T\n\n${b} caused ${b} he forgot to${b}\n`, { people: ['alice'] }),
  'alertmanager payload': (b) => () =>
    parseAlertPayload('alertmanager', {
      alerts: [
        { fingerprint: b, startsAt: `2026-11-22T23:43:00${b}Z`, labels: { alertname: b }, annotations: { summary: b, runbook_url: b } },
      ],
    }),
  'pagerduty payload': (b) => () =>
    parseAlertPayload('pagerduty', {
      incidents: [
        { id: b, title: b, created_at: `2026-11-22T23:43:00${b}`, urgency: b, priority: { summary: b }, service: { summary: b } },
      ],
      event: { event_type: b, data: { id: b, title: b } },
    }),
  'opsgenie payload': (b) => () =>
    parseAlertPayload('opsgenie', {
      data: [{ id: b, message: b, createdAt: b, priority: b, tags: [b] }],
      alert: { alertId: b, message: b },
    }),
  'ssm document': (b) =>
    json({
      schemaVersion: '0.3',
      description: `# a${b}!\n\n${b}`,
      parameters: { [`A${b}`]: { type: 'String', description: b } },
      mainSteps: [
        { name: b, action: 'aws:runShellScript', inputs: { runCommand: [b, `echo {{ A${b} }}`] } },
        { name: 'api', action: 'aws:executeAwsApi', inputs: { Service: b, Api: b, [b]: b } },
      ],
    }),
  'rundeck job': (b) =>
    json([
      {
        name: b,
        description: `${b}\n${b}`,
        options: [{ name: b }],
        sequence: { commands: [{ exec: `${b} \${option.${b}}` }, { script: b }] },
      },
    ]),
  'assist answer': (b) => () => [
    parseActionItems(`- [ ] ${b}x [E1]\n1) ${b}[${b}]\n`, known),
    resolveReferences(`${b} [E1] [${b}] [S1,${b}]`, { known, mode: 'strip' }),
  ],
  'assist redaction': (b) => () =>
    redactSecrets(`password=${b} token ${b} https://a:${b}@x Bearer ${b} -----BEGIN RSA PRIVATE KEY-----${b}`),
};

/** The inputs issue #10 names, at the sizes it names. */
const NAMED: readonly AdversarialCase[] = [
  { name: 'ALERT_LIKE heading: # a + 34 A + !', run: md(`# a${'A'.repeat(34)}!\n\ntext\n`) },
  { name: 'ALERT_LIKE heading: # a + 5,000 A + !', run: md(`# a${'A'.repeat(5000)}!\n\ntext\n`) },
  { name: 'ALERT_LIKE file name: a + 34 A + !', run: () => parseRunbookFile(`runbooks/a${'A'.repeat(34)}!.md`, 'text\n') },
  { name: 'ALERT_LIKE symptom code span', run: md(`# Symptoms\n\n- \`a${'A'.repeat(5000)}!\`\n`) },
  { name: '100 KB heading of spaces', run: md(`# a${' '.repeat(BIG)}b\n`) },
  { name: '100 KB front matter line', run: md(`---\ntitle: a${' '.repeat(BIG)}b\n---\n# T\n`) },
  { name: '[x]( x 100k', run: md(`# T\n\n${'[x]('.repeat(100_000)}\n`) },
  { name: '<summary> x 100k', run: md(`# T\n\n${'<summary>'.repeat(100_000)}\n`) },
  { name: 'parseEvidence on a 40 KB a.a.a line', run: () => parseEvidence('a.'.repeat(20_000)) },
  { name: 'evidence: at + 40 KB of spaces', run: () => parseEvidence(`at${' '.repeat(40_000)}!`) },
  // No line cap in the manifest readers: a 500 KB line (the size cap is 512 KB) must stay linear.
  // A lockfile repeating one name at 15,000 versions (just under the 1 MB cap): gathered once, sorted once.
  {
    name: 'package-lock.json: one name at 15,000 places and versions',
    run: manifest(
      'package-lock.json',
      JSON.stringify({
        packages: Object.fromEntries(
          Array.from({ length: 15_000 }, (_, i) => [`node_modules/a${i}/node_modules/x`, { version: `1.0.${i}` }]),
        ),
      }),
    ),
  },
  { name: 'yarn.lock: 1 MB of block headers', run: manifest('yarn.lock', 'a@^1, a@^2:\n'.repeat(87_000)) },
  { name: 'Cargo.toml: a 500 KB section header of spaces', run: manifest('Cargo.toml', `[a${' '.repeat(500_000)}b]\n`) },
  {
    name: 'pyproject.toml: a 500 KB array of open quotes',
    run: manifest('pyproject.toml', `[project]\ndependencies = [${'"a'.repeat(250_000)}\n`),
  },
  // A commit of few lines can still have a huge one (minified code): the patch reader has no line cap.
  {
    name: 'comment-only patch: a 1 MB comment line of spaces and stars',
    run: () => onlyComments(`--- a/x.js\n+++ b/x.js\n@@ -1 +1 @@\n+/*${' *'.repeat(500_000)}*/ x\n+// ${'\t'.repeat(500_000)}!\n`),
  },
  {
    name: 'many short hostile lines',
    run: md(`# T\n\n${`${'[x]('.repeat(20)} ${'<summary>'.repeat(5)} a${'A'.repeat(30)}!\n`.repeat(5_000)}`),
  },
  { name: 'a 500 KB file, just under the size cap', run: md(`# T\n\n${`${'a '.repeat(40)}\n`.repeat(6_200)}`) },
  {
    name: 'a 500 KB file of list items and links',
    run: md(`# Symptoms\n\n${`- [x](y) \`Abc\` <summary>a</summary> **b** _c_\n`.repeat(10_000)}`),
  },
  { name: 'a file over the size cap', run: md('x'.repeat(2_000_000)) },
  {
    name: 'review: a 100 KB heading of spaces, status complete',
    run: review(`---\nincident: INC-1\nstatus: complete\n---\n## a${' '.repeat(BIG)}b\n`),
  },
  { name: 'review: a 100 KB front matter line of tabs', run: review(`---\nstatus: a${'\t'.repeat(BIG)}b\n---\n`) },
  {
    name: 'review: <!-- x 100k in a required section',
    run: review(
      `---\nstatus: complete\n---\n## Summary\n\n${'<!--'.repeat(BIG)}\n<!-- warroom:begin impact -->${'<!-- warroom:begin impact -->'.repeat(10_000)}\n`,
    ),
  },
  { name: 'review: a line of "he caused " x 999', run: () => findBlame(`# T\n\n${'he caused '.repeat(999)}\n`) },
  { name: 'review: a line of "carelessly " x 900', run: () => findBlame(`# T\n\n${'carelessly '.repeat(900)}\n`) },
  { name: 'review: a line of "he caused " x 10k', run: () => findBlame(`# T\n\n${'he caused '.repeat(10_000)}\n`) },
  {
    name: 'postmortem: a 100 KB timeline line of spaces',
    run: postmortem(`# T\n\n## Timeline\n\n- 10:00${' '.repeat(BIG)}x\n| 10:00 ${' '.repeat(BIG)}|x|\n`),
  },
  { name: 'assist: an answer line of 100 KB spaces', run: () => parseActionItems(`- [ ]${' '.repeat(BIG)}x [E1]\n`, known) },
  {
    name: 'nested quantifier matcher from a runbook, on a long label',
    run: () => matcherMatches({ name: 'a', op: '=~', value: '(a+)+$' }, { a: `${'a'.repeat(40)}!` }),
  },
];

/** Every case: the named ones, then each context with each unit, on one long line and on many lines. */
export function adversarialCases(): AdversarialCase[] {
  const out: AdversarialCase[] = [...NAMED];
  for (const [context, make] of Object.entries(CONTEXTS)) {
    for (const unit of UNITS) {
      const long = unit.repeat(Math.floor(LINE / unit.length));
      out.push({ name: `${context}: ${JSON.stringify(unit)} x ${long.length / unit.length}`, run: make(long) });
    }
  }
  return out;
}
