// commands.fillShipped: fill and check every command of the shipped runbooks, as a walkthrough
// render does (quote reading, control-character check, redaction, destructive rules).
// commands.worstDestructive: the destructive check on the longest command it still scans (10,000
// characters of `kubectl `, each a start for the rules, after a line of the words the rules need). commands.tooLong: 20,000 continued lines,
// which it declines to scan. commands.hostileLines: the slowest of lines just under the length limit
// that repeat one rule's words (a rule with two scans in a row costs a scan per pair of words:
// `terraform apply -destroy` once took 3-7 s on `terraform`s then `apply`s; each rule's words are here,
// and words a rule excuses as printed, read or message text, each judged once (ssh's options before
// a remote `cat`, 38 s once on a run of `-p`s, among them); and text printed into a
// shell, which the rules read again as commands, a printf format used again per argument among them,
// and text handed on through a run of `| cat` or printed as a shell's code by many `$(echo ...)`;
// shells handed a file's or a program's output (`curl x | sh`, `bash < x`, `bash <(...)`), here, in
// a container (one run anew or to debug too) or through eval and source (a file a container reads
// among them), or a variable (`sh -c "$CMD"`, `echo "$CMD" | sh`);
// quoted strings grep searches for, read as text; substitutions in any command's quoted arguments;
// and a kill with a reload signal, whose command is read on for a second signal: `kill -HUP -HUP ...`).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { commandsAskingTwice } from '../src/core/runbooks/asksTwice';
import { destructiveFindings, EVERY_RULE_WORD_LINE } from '../src/core/runbooks/destructive';
import { RunbookCommand } from '../src/core/runbooks/model';
import { parseRunbookFile } from '../src/core/runbooks/runbookFile';
import { fillVariables } from '../src/core/runbooks/variables';
import * as runbookChecks from '../src/adapters/runbooks';
import { foldIncident } from '../src/core/fold';
import { buildWalkthroughState, CHECK_SLICE_MS, rememberingReasons, sliceEnds } from '../src/vscode/runbooks/walkthroughState';
import { declared } from '../test/support/events';
import { medianMs, report } from './measure';

const repoRoot = path.resolve(__dirname, '../..');

/**
 * The first line of every hostile command (see EVERY_RULE_WORD_LINE), so that each rule scans the line
 * after it, as it would for a line written to hold its words: without it, a line of one tool's name
 * alone would skip that tool's rules.
 */
const NEEDED = EVERY_RULE_WORD_LINE;

async function main(): Promise<void> {
  const dir = path.join(repoRoot, 'runbooks');
  const commands: RunbookCommand[] = fs
    .readdirSync(dir)
    .flatMap((file) =>
      parseRunbookFile(`runbooks/${file}`, fs.readFileSync(path.join(dir, file), 'utf8')).runbooks.flatMap((r) =>
        r.steps.flatMap((s) => s.commands),
      ),
    );
  const context = { service: 'checkout "api" $(x)', namespace: "prod'1", pod: 'checkout-7f9c', password: 's3cr3t!' };
  const fillShipped = await medianMs(() => {
    for (const c of commands) {
      const filled = fillVariables(c.run, context, c.lang);
      destructiveFindings(filled.command, c.lang);
    }
  });
  report({ bench: 'commands.fillShipped', value: fillShipped, unit: 'ms', commands: commands.length });

  const worst = `${NEEDED}\n${'kubectl '.repeat(Math.floor((9_990 - NEEDED.length) / 8))}get`;
  report({
    bench: 'commands.worstDestructive',
    value: await medianMs(() => destructiveFindings(worst), 9, 2),
    unit: 'ms',
    chars: worst.length,
  });
  // Each line leaves room for NEEDED before it, and stays under the length the check scans.
  const repeated = (word: string, length = 9_990) => word.repeat(Math.floor((length - NEEDED.length - 1) / word.length));
  const hostile = [
    `${repeated('terraform ', 3_330)}${repeated(' apply', 6_660)}`,
    ...['terraform apply ', 'kubectl ', 'git -C x ', 'git push ', 'git clean ', 'git clean -d ', 'delete from ', 'update x set ']
      .concat(['aws ', 'aws s3 ', 'scale ', 'find ', 'xargs ', 'kill -s ', 'echo find ', 'systemctl ', 'docker ', 'docker compose '])
      .concat(['sudo ', "'"])
      .concat(['crontab ', 'iptables ', 'nft ', 'git checkout ', 'git restore ', 'git stash ', 'redis-cli ', 'consul ', 'etcdctl '])
      .concat(['kill ', 'xargs kill ', '> ', '<ab cd>', 'terraform -chdir=x ', 'kubectl delete --dry-run ', 'tee ', 'tee -x '])
      .concat(['failover ', "-m 'failover' ", "'sudo reboot' "])
      .concat(['rsync ', 'kafka-topics ', 'rabbitmqctl ', 'nodetool ', 'patronictl ', 'ceph osd ', 'zfs ', 'curl -X ', 'wget ', 'vault '])
      .concat(['kubectl replace ', 'ufw ', 'nomad ', 'vmss scale ', 'Set-Service ', 'pwsh ', '| iex ', 'iex (', 'del /s '])
      .concat(['tofu ', 'pulumi ', 'argocd ', 'rclone ', 'heroku ', 'virsh ', 'apt-get ', 'ansible ', 'ansible -m '])
      .concat(['redis-cli -h x ', 'redis-cli -a ', 'terraform state ', 'tofu -x state ', 'nerdctl compose ', 'podman-compose '])
      .concat(['timeout -s kill ', 'x -s x rm ', 'patch ', 'patch replicas ', 'taint ', 'kafka-consumer-groups --reset-offsets '])
      .concat(['ip -x ', 'ip link set x ', 'journalctl ', 'supervisorctl ', 'set global read_only '])
      .concat([
        'gsutil rsync ',
        'gsutil rsync -r ',
        'mc mirror ',
        'azcopy sync ',
        'azcopy sync --delete-destination=false ',
        'gsutil -m ',
        'mc -x y ',
      ])
      .concat(['rails ', 'rake x ', 'manage.py ', 'prisma ', 'flyway ', 'liquibase ', 'alembic ', 'knex migrate:rollback ', 'sequelize '])
      .concat(['typeorm ', 'nomad node drain ', 'nomad -x ', 'redis-cli debug ', 'influx -t x ', 'curator_cli ', 'sgdisk ', 'parted '])
      .concat(['parted -s x ', 'sfdisk ', 'xfs_repair '])
      .concat(['echo x | sh | ', 'echo echo echo | sh | sh | ', `"a|'b|"`, 'echo reboot | ssh -o '])
      .concat([`echo "reboot" | ssh ${'-p '.repeat(40)}`, 'kubectl -n x get failover ', 'tail failover ', "bash -c 'rm ", '$(echo rm '])
      .map((word) => repeated(word)),
    `echo ${repeated('find ', 9_000)}`,
    `echo ${repeated('failover ', 9_000)}`,
    `echo "${repeated('reboot; ', 9_000)}"`,
    `printf '${repeated('x', 4_900)}%s' ${repeated('a ', 4_900)}| sh`,
    // Printed text followed through commands that hand it on, and printed as a shell's code.
    `echo reboot ${repeated('| cat ', 9_980)}| sh`,
    repeated('echo x | tee a | grep b | '),
    `sh -c "${repeated('$(echo reboot) ', 9_980)}"`,
    `ssh h ${repeated('`echo x | cat` ', 9_980)}`,
    `sh -c ${repeated('$(', 9_980)}`,
    repeated('sh -c "$(echo reboot)"; '),
    // A shell handed what the line does not show: each pipe's text followed back, redirections, process substitutions.
    repeated('curl x | cat | tee y | sh | '),
    repeated('bash -s < x | '),
    `bash ${repeated('<(', 9_980)}`,
    `ssh h ${repeated('"$(cat x)" ', 9_980)}`,
    repeated('x=$(echo x | sh '),
    repeated('eval "$(curl x)"; '),
    `eval ${repeated('"$(ssh h cat x)" ', 9_980)}`,
    `. ${repeated('<(', 9_980)}`,
    repeated('source <(cat x) | '),
    repeated('curl x | source /dev/stdin | '),
    repeated('sh -c "$CMD"; '),
    // Variables the line sets, expanded where code is given: many uses of one, one set again and again.
    `A=${repeated('x', 4_000)}; sh -c "${repeated('$A', 5_000)}"`,
    `A=ls; ${repeated('sh -c "$A"; ')}`,
    repeated('A=echo; eval "$A $A"; '),
    `A='echo ls | sh'; ${repeated('echo "$A" | sh; ', 9_970)}`,
    `A=echo; ${repeated('$A; ', 9_980)}`,
    // Many variables set, then many substitutions that see them (each copies them only if it sets one).
    `${Array.from({ length: 400 }, (_, i) => `V${i}=1;`).join('')}${repeated('x=$(V1=3; a|b); ', 5_500)}`,
    `${Array.from({ length: 400 }, (_, i) => `V${i}=1;`).join('')}${repeated('x $(a|b) ', 5_500)}`,
    repeated('echo "$X" | sh | '),
    `sh -c "${repeated('$X ', 9_980)}"`,
    `cat x | ${repeated('kubectl exec -i p -- ', 9_980)}sh`,
    `docker exec ${repeated('-e ', 9_980)}c sh < x`,
    `cat x | docker run -i ${repeated('-v a:b ', 9_960)}img sh`,
    `cat x | ${repeated('docker run -i --entrypoint sh img ', 9_980)}`,
    `cat x | ${repeated('kubectl run -i p -- ', 9_980)}sh`,
    `cat x | docker compose run ${repeated('-v a:b ', 9_960)}web sh`,
    `cat x | ${repeated('kubectl debug -i p -- ', 9_980)}sh`,
    `eval "$(${repeated('kubectl exec p -- ', 9_970)}cat x)"`,
    `eval "$(docker exec ${repeated('-u root ', 9_960)}c cat x)"`,
    `grep ${repeated("'a | b' ", 9_980)}`,
    // What runs a command as it is, su's shell and an interpreter, each passed over for the command after.
    `cat x | ${repeated('runuser ', 9_980)}sh`,
    `cat x | ${repeated('chroot / ', 9_980)}`,
    repeated('echo x | nohup sh | '),
    `su ${repeated('-c "$(curl x)" ', 9_980)}`,
    `cat x | python3 ${repeated('-W a ', 9_980)}`,
    repeated('curl -o f x; '),
    repeated('wget x > f; . g; '),
    // Substitutions in any command's quoted arguments, run by the shell: each read as code, nested ones too.
    repeated('notify "$(curl x | sh)" '),
    `notify ${repeated('"$(n "$(n "$(echo x | sh)")")" ', 9_980)}`,
    repeated('x=$(eval "$X") '),
    repeated('bash <<< "$(echo x)"; '),
    // A reload signal excuses a kill once the rest of its command is read for another signal.
    `kill ${repeated('-HUP ', 9_980)}`,
    `kill ${repeated('-s ', 9_980)}`,
    `echo ${repeated('kill -HUP 1 ', 9_980)}`,
    `pkill --signal HUP ${repeated('--full ', 9_970)}`,
  ];
  // Each line three times, then the five slowest nine times more: on a two-core machine one slow
  // moment doubled a line's median of three (35 -> 72 ms) and with it the figure.
  const lines = hostile.map((body) => `${NEEDED}\n${body}`);
  const firstPass: { ms: number; line: string }[] = [];
  for (const line of lines) {
    firstPass.push({ ms: await medianMs(() => destructiveFindings(line), 3, 1), line });
  }
  let slowest = { ms: 0, line: '' };
  for (const { line } of firstPass.sort((a, b) => b.ms - a.ms).slice(0, 5)) {
    const ms = await medianMs(() => destructiveFindings(line), 9, 2);
    if (ms >= slowest.ms) slowest = { ms, line: line.slice(NEEDED.length + 1, NEEDED.length + 21) };
  }
  // What the runbook file's lens checks on the extension host: every shipped file, and one slice of a
  // file of 50 worst-case commands under the editor's 50 ms (commandLenses.ts), past which it stops.
  const shippedFiles = fs
    .readdirSync(dir)
    .map((file) => ({ file: `runbooks/${file}`, text: fs.readFileSync(path.join(dir, file), 'utf8') }));
  const shippedParsed = shippedFiles.map(({ file, text }) => ({ file, runbooks: parseRunbookFile(file, text).runbooks }));
  report({
    bench: 'commands.lensShipped',
    value: await medianMs(() => shippedParsed.forEach(({ file, runbooks }) => commandsAskingTwice(runbooks, file))),
    unit: 'ms',
    files: shippedParsed.length,
  });
  // Fifty different commands (the walkthrough remembers each command's answer, so the same text
  // would be checked once).
  const heavyFile = 'runbooks/heavy.runbook.yaml';
  const [heavy] = parseRunbookFile(
    heavyFile,
    ['id: heavy', 'title: Heavy', 'steps:', '  - id: s', '    kind: diagnose', '    title: S', '    commands:']
      .concat(Array.from({ length: 50 }, (_, i) => `      - run: ${'kubectl '.repeat(1_120)}get pods -l n=${i}`))
      .join('\n'),
  ).runbooks;
  report({
    bench: 'commands.lensSlice',
    value: await medianMs(() => commandsAskingTwice([heavy], heavyFile, sliceEnds()), 5, 1),
    unit: 'ms',
    sliceMs: CHECK_SLICE_MS,
    commands: 50,
  });
  // The walkthrough page's first build of that file (walkthroughPanel.ts): its commands checked for
  // CHECK_SLICE_MS past the first, the rest shown as being checked until the next build.
  const incident = foldIncident('INC-20261122-2300-aaaaaa', [declared()]);
  let unchecked = 0;
  report({
    bench: 'commands.walkthroughSlice',
    value: await medianMs(
      () => {
        const checks = rememberingReasons(runbookChecks);
        checks.begin(sliceEnds());
        buildWalkthroughState(incident, heavy, checks, { trusted: true });
        unchecked = checks.unchecked;
      },
      5,
      1,
    ),
    unit: 'ms',
    sliceMs: CHECK_SLICE_MS,
    commands: 50,
    leftForLater: unchecked,
  });
  report({ bench: 'commands.hostileLines', value: slowest.ms, unit: 'ms', lines: hostile.length, slowest: slowest.line });
  const tooLong = `${'kubectl \\\n'.repeat(20_000)}get pods`;
  report({ bench: 'commands.tooLong', value: await medianMs(() => destructiveFindings(tooLong), 9, 2), unit: 'ms', chars: tooLong.length });
}

void main();
