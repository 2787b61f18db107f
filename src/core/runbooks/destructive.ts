// Commands that destroy, roll back or take things down, so the UI asks a second time before they
// reach a terminal. Each rule says why in words the confirmation can show.

import { QuoteContext, quoteContexts } from './variables';
import { own } from '../own';
import { DOCKER_LIKE, RESERVED_BEFORE, SSH_VALUE_OPTIONS, shellInput, Unseen } from './shellInput';

export interface DestructiveFinding {
  readonly rule: string;
  readonly reason: string;
  /** The text that matched, for highlighting. */
  readonly match: string;
}

interface Rule {
  readonly rule: string;
  readonly pattern: RegExp;
  readonly reason: string;
  /**
   * Read only in a shell command, where a `<` or `>` the shell does not read as code (quoted, in a
   * here-document, arithmetic or a comment) is blanked first: `echo "a > b"` redirects nothing.
   */
  readonly shellCode?: true;
  /**
   * A command (up to its `|`, `;`, `&` or line end) holding this is not what the rule means, though
   * the pattern matched: the search goes on after it. Checked once a match, so each command is read
   * once more at most (a lookahead from each command word would read the rest of the line again).
   * A pattern, or a test reading the command once (the kill rule's reload signals).
   */
  readonly unless?: { test(command: string): boolean };
  /**
   * In a shell command, a match whose word is text, not code, is not what the rule means: what
   * echo, printf or logger print, what grep searches for (`grep -i failover app.log`), a file or
   * resource a command only reads or shows (`less docs/failover.md`), or a quoted
   * message option's value (`--message '... failover'`,
   * `git commit -m "reboot ..."`). Quoted code (`sh -c 'reboot'`, `ssh host 'sudo reboot'`) is still
   * read, as is each command after the text. The pattern must end with the word.
   */
  readonly notInText?: true;
  /**
   * Words (lower case) one of which the command must hold for the pattern to match at all: without
   * one the rule is not run. A pattern that scans the rest of the line from each of its tool's names
   * (`\btofu\b[^|;&\n]*\sdestroy`) costs the square of a line of those names, and that line holds none.
   */
  readonly needs?: readonly string[];
}

/**
 * git's own options before its verb (`git -C repo push`, `git -c key=value reset`, `--git-dir=x`):
 * a rule about a verb looks past them, as the kubectl and helm rules do. Written so a line has one
 * reading only (`-C`'s folder never starts with `-`, one dash then the rest): no backtracking blow-up.
 */
const GIT_OPTIONS = String.raw`(?:\s+-[Cc]\s+[^\s|;&-][^\s|;&]*|\s+-[\w-]+(?:=[^\s|;&]+)?)*`;

/**
 * A kubectl or oc command that only shows what it would do: `--dry-run` (client, as kubectl reads it
 * bare), `=client` or `=server`, not `=none`.
 */
const DRY_RUN = /\s--dry-run(?:=(?:client|server|true))?(?![\w=-])/;

/**
 * terraform's verb is its first word that is not an option (`terraform -chdir=infra plan`): a plan
 * changes nothing, whatever it is told to plan (`-destroy`) or names its plan file (`-out destroy`).
 * Each option is a dash then non-blanks, so a line has one reading.
 */
const NOT_TERRAFORM_PLAN = String.raw`(?!(?:\s+-\S+)*\s+plan\b)`;

/**
 * After a WHERE: not a condition every row meets, ending the statement (`WHERE 1=1;`, `WHERE true'`),
 * which is no WHERE at all. `WHERE 1=1 AND …`, the way generated queries start, is a condition.
 */
const NOT_EVERY_ROW = String.raw`(?!\s+(?:1\s*=\s*1|true)\s*(?:[;'"\n]|$))`;

/**
 * What `>` or `tee` writes over and may hold something: a file outside the working folder (`/etc/...`,
 * `~/...`, `../...`, not `/dev/null` and the like) or one a variable or placeholder names (`$FILE`,
 * `{{file}}`, `<file>`); not a new file beside the command (`out.log`, `$(hostname).txt`).
 */
const OVERWRITTEN = String.raw`["']?(?:\/(?!dev\/(?:null|stdout|stderr|tty|fd\/\d+)(?![^\s;&|<>()"']))|~|\.\.\/|\$(?!\()|\{\{|<[A-Za-z])`;

/** How kill, pkill and killall are given a signal: `-9`, `-s 9`, `-s9`, `-n 9`, `--signal=9`, `--signal 9`. */
const SIGNAL_OPTION = String.raw`(?:-[sn]\s*|--signal[=\s]\s*|-)`;

/** What kill, pkill or killall can start with and still end nothing: signal 0, or listing the signals. */
const NOT_A_KILL = String.raw`(?:${SIGNAL_OPTION}0\b|-[lL]\b|--(?:list|table)\b)`;

/** pkill's and killall's long options that pick the processes signalled, not the signal. */
const PROCESS_PICKING = String.raw`(?:full|exact|newest|oldest|euid|uid|user|parent|pgroup|group|session|terminal|pidfile|ignore-case|regexp|older-than|younger-than|quiet|verbose|wait|echo|interactive|process-group|ns|nslist)`;

/**
 * pkill's and killall's words before their signal that pick the processes signalled: a pattern or
 * an option's value (not holding `kill`: `$(kill 1)`), a one-letter option (not `-s` or `-n`, a
 * signal's for some, nor `-v`, which signals every process but those matched), or a long one of
 * PROCESS_PICKING. Each a whole word of its own kind, so a line has one reading.
 */
const PICKING_WORD = String.raw`(?:(?!kill)[^\s-](?:(?!kill)\S)*|-[a-mo-rtuw-z]|--${PROCESS_PICKING}(?:=\S*)?)(?!\S)`;

/**
 * The start of a kill, pkill or killall (its match, to the command's end) sending a signal a
 * service reads as reload or reopen-logs, or one that resumes it: HUP, USR1, USR2 and CONT by name,
 * HUP as 1, maybe quoted (`kill -HUP $(cat /run/nginx.pid)`, `kill -s "HUP" 1234`, `pkill --signal
 * USR1 -f puma`), as kill's first option or after the words pkill and killall pick processes by
 * (`pkill -f puma --signal USR1`). Not 10 and 12: USR1 and USR2 on Linux, but BUS and SYS, which end
 * a process, on macOS.
 */
const RELOAD_START = new RegExp(
  String.raw`^(?:[\s;&|(\`'"]|sudo\s+)?(?:[^\s;&|(\`'"]*\/)?(?:kill|(?:pkill|killall)(?:\s+${PICKING_WORD})*)\s+${SIGNAL_OPTION}` +
    String.raw`(["']?)(?:(?:sig)?(?:hup|usr[12]|cont)|1)\1(?!\S)`,
  'i',
);

/**
 * What after a reload signal could still send another: a signal option (`-s`, `-n`, `-9`, `-KILL`,
 * a long option but those that pick processes).
 */
const ANOTHER_SIGNAL = new RegExp(String.raw`\s-(?:[sn]|\d|[a-z][a-z\d]|-(?!\s|$|${PROCESS_PICKING}(?![\w-])))`, 'i');

/** `--`, after which kill's words are processes, not options. */
const END_OF_OPTIONS = /\s--(?!\S)/;

/** A process group after `--` that is every process (`-1`) or the shell's own group (`-0`). */
const EVERY_PROCESS = /(?:^|\s)-[01](?!\S)/;

/** kill's own word (not pkill's or killall's), where RELOAD_START matched. */
const KILL_ITSELF = /(?:^|[^\w-])kill\s/i;

/** Process 0: every process of the shell's own group, the terminal's shell among them. */
const OWN_GROUP = /(?:^|\s)0(?!\S)/;

/**
 * A kill, pkill or killall (its match, to the command's end) sending only a reload signal
 * (RELOAD_START): not when the rest of the command could still send another, a signal option before
 * `--` or a kill of its own (`kill -HUP $(kill 1)`), or signals every process (`kill -HUP -- -1`) or
 * the shell's own group (`kill -HUP 0`: a hang-up ends the terminal's shell).
 * What a command substitution runs is another command's options (`kill -HUP $(pidof -s nginx)`),
 * and after `--` a `-1234` is a process group, not a signal (`kill -HUP -- -1234`). The rest is read
 * once; the search goes on after the command, so a line is read once more at most.
 */
const RELOAD_SIGNAL = {
  test(command: string): boolean {
    const start = RELOAD_START.exec(command);
    if (!start) {
      return false;
    }
    const rest = command.slice(start[0].length);
    if (/kill/i.test(rest)) {
      return false;
    }
    const words = outsideSubstitutions(rest);
    const end = END_OF_OPTIONS.exec(words);
    const options = end ? words.slice(0, end.index) : words;
    if (KILL_ITSELF.test(start[0]) && OWN_GROUP.test(words)) {
      return false;
    }
    return !ANOTHER_SIGNAL.test(options) && !(end && EVERY_PROCESS.test(words.slice(end.index + end[0].length)));
  },
};

/** `text` with what its command substitutions (`$(...)`, backticks) hold made spaces, read once forward. */
function outsideSubstitutions(text: string): string {
  let out = '';
  let depth = 0;
  let backtick = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '$' && text[i + 1] === '(') {
      depth++;
      i++;
      out += '  ';
    } else if (ch === '`') {
      backtick = !backtick;
      out += ' ';
    } else {
      if (ch === ')' && depth > 0) {
        depth--;
      } else if (ch === '(' && depth > 0) {
        depth++;
      }
      out += depth > 0 || backtick ? ' ' : ch;
    }
  }
  return out;
}

/**
 * Where a command word starts, with the path before it: the line's start, a space, a separator, a
 * quote (the code a shell is given: `bash -c 'rm -rf /x'`) or sudo. A path stops at a quote, as a
 * start does, so a line of quotes is not read to its end from each one. A word with a colon is a
 * URL or a remote path, not a program's (`aws s3 cp s3://assets/rm ./x` runs no rm).
 */
const COMMAND_START = String.raw`(?:^|[\s;&|(\`'"]|sudo\s+)(?:[^\s;&|(\`'":]*\/)?`;

/**
 * A command-line tool's options before its subcommand, as a pattern: each a dash word, maybe with a
 * value that never starts with a dash (so a line has one reading), at most `n` of them.
 */
const toolOptions = (n: number): string => String.raw`(?:\s+-[^\s|;&]+(?:\s+[^\s|;&-][^\s|;&]*)?){0,${n}}`;

/** docker, podman or nerdctl (DOCKER_LIKE), as a pattern. */
const CONTAINER_CLI = `(?:${DOCKER_LIKE.join('|')})`;

/** Their compose: the plugin (`docker compose`) or the command (`docker-compose`, `podman-compose`). */
const COMPOSE = String.raw`${CONTAINER_CLI}(?:-compose|\s+compose)`;

const RULES: readonly Rule[] = [
  {
    rule: 'rm',
    // An rm that ends the command has its operands from xargs (`find ... | xargs rm`); one after a
    // quote starts the code a shell is given (`bash -c 'rm -rf /x'`, `ssh h "rm -rf /x"`). The match
    // ends in the command (its first operand's first character), so what echo prints is passed over
    // (`echo rm -rf x`), unless a shell runs it (`echo rm -rf x | sh`, read by shellInput too). A
    // container tool's rm (`docker rm`, `podman volume rm`, `docker-compose rm`) is docker-remove's,
    // which says what it removes, as the cloud CLIs' (`aws s3 rm`, `gcloud storage rm`, `gsutil rm`) are
    // cloud-delete's, and `terraform state rm` is terraform-state-remove's.
    pattern: new RegExp(
      String.raw`(?<!\b(?:${CONTAINER_CLI}(?:-compose)?|crictl|aws|gcloud|gsutil|mc|azcopy)(?:\s+[\w-]+)?|\bparted(?:\s+-[\w-]+){0,3}\s+[\w/.:-]{1,128}|\b(?:terraform|tofu)(?:\s+-[^\s|;&]+){0,3}\s+state)${COMMAND_START}rm\s+(?:-[a-zA-Z]+\s+)*\S|\bxargs\b[^|;&\n]*[\s/]rm\s*$`,
    ),
    reason: 'deletes files (rm)',
    notInText: true,
  },
  {
    rule: 'find-delete',
    // Not in what echo or printf print: the lookbehind reads back to the start of that command only.
    pattern: /(?<!\b(?:echo|printf)\b[^|;&\n]*)\bfind\b[^|;&\n]*\s-delete(?![\w-])/,
    reason: 'deletes the files it finds (find -delete)',
    needs: ['-delete'],
  },
  {
    rule: 'kubectl-delete',
    // Argo CD's and Flux's too, istioctl's uninstall, and a prune (`kubectl apply --prune`,
    // `argocd app sync --prune`), which deletes what the manifests no longer hold.
    pattern: /\b(?:kubectl|oc|argocd|flux|istioctl)\b[^|;&\n]*\s(?:delete|uninstall|--prune)\b/,
    reason: 'deletes Kubernetes resources (kubectl delete)',
    unless: DRY_RUN,
    needs: ['delete', 'uninstall', '--prune'],
  },
  {
    rule: 'kubectl-drain',
    // OpenShift's is `oc adm drain`.
    // A NoExecute taint evicts the pods that do not tolerate it (a trailing `-` removes the taint).
    // Nomad's drain moves every allocation off the node (`-enable`; `-disable` ends one).
    pattern:
      /\b(?:kubectl|oc)\b[^|;&\n]*\s(?:drain|cordon)\b|\btaint\b[^|;&\n]*:NoExecute\b(?!-)|\bnomad(?:\s+-[^\s|;&]+){0,4}\s+node\s+drain\b[^|;&\n]*\s-enable\b/,
    reason: 'evicts pods from a node (kubectl drain/cordon, nomad node drain)',
    unless: DRY_RUN,
    needs: ['drain', 'cordon', 'noexecute'],
  },
  { rule: 'rollout-undo', pattern: /\brollout\s+undo\b/, reason: 'rolls a deployment back to an earlier revision (rollout undo)' },
  {
    rule: 'rollout-restart',
    pattern: /\brollout\s+restart\b/,
    reason: 'restarts every pod of a workload, dropping their connections and in-flight work (rollout restart)',
  },
  {
    rule: 'scale-to-zero',
    // Kubernetes' replicas (scaled, or patched in JSON or YAML within 200 characters of the patch: a
    // scan to the line's end from every `patch` would be the square of a line of them), an AWS Auto
    // Scaling group's desired capacity, an Azure scale set's capacity, a node pool's nodes (GKE, AKS,
    // eksctl; not an autoscaler's minimum), Heroku's dynos and Fly's machines, and a Lambda function's
    // reserved concurrency (every invocation throttled).
    pattern:
      /\bscale\b[^|;&\n]*--replicas[= ]0\b|\bpatch\b[^|;&\n]{0,200}?\breplicas["']?\s*:\s*0(?![\d.])|--desired-(?:capacity|count)[= ]0\b|\bvmss\s+scale\b[^|;&\n]*--new-capacity[= ]0\b|\b(?:service|ps:)\s*scale\b[^|;&\n]*=0\b|--(?:num-nodes|node-count|nodes|reserved-concurrent-executions)[= ]0\b|\b(?:fly|flyctl)\s+scale\s+count\s+0\b/,
    reason: 'scales a workload to zero replicas',
    needs: ['replicas', '--desired-', '--new-capacity', '=0', 'nodes', 'count', 'concurrent'],
  },
  {
    rule: 'kubectl-replace-force',
    // `replace` within 100 characters of kubectl (its global options, `-n prod --context x`): a scan
    // to the line's end from every `kubectl` would be one more on a line of them, and a second scan
    // after it, for `--force` from every `replace`, seconds on a long hostile line.
    pattern: /\b(?:kubectl|oc)\s(?:[^|;&\n]{0,100}?\s)?replace\b(?=[^|;&\n]*\s--force\b)/,
    reason: 'deletes and recreates Kubernetes resources (kubectl replace --force)',
    unless: DRY_RUN,
    needs: ['--force'],
  },
  {
    rule: 'helm-uninstall',
    pattern: /\bhelm\b[^|;&\n]*\s(?:uninstall|delete|del)\b/,
    reason: 'removes a Helm release (helm uninstall)',
    needs: ['uninstall', 'del'],
  },
  {
    rule: 'helm-rollback',
    pattern: /\bhelm\b[^|;&\n]*\srollback\b/,
    reason: 'rolls a Helm release back (helm rollback)',
    needs: ['rollback'],
  },
  {
    rule: 'terraform-destroy',
    // `apply` is looked for ahead (a lookahead never backtracks into itself): two scans in a row
    // would try every `apply` from every `terraform`, seconds on a long hostile line.
    pattern: new RegExp(
      String.raw`\b(?:terraform|tofu)\b${NOT_TERRAFORM_PLAN}(?:[^|;&\n]*\sdestroy\b|(?=[^|;&\n]*\sapply\b)[^|;&\n]*\s--?destroy\b)` +
        // Pulumi, the CDKs and the Serverless Framework (its `remove`).
        String.raw`|\b(?:pulumi|cdk|cdktf|serverless|sls)\b[^|;&\n]*\s(?:destroy|remove)\b`,
    ),
    reason: 'destroys infrastructure (terraform destroy)',
    needs: ['destroy', 'remove'],
  },
  {
    // Past terraform's own options (`-chdir=infra`): each a dash then non-blanks, so one reading.
    rule: 'terraform-state-remove',
    pattern: /\b(?:terraform|tofu)(?:\s+-\S+)*\s+state\s+rm\b/,
    reason: 'makes Terraform forget resources it manages (terraform state rm): the next apply may create them again',
    needs: ['state'],
  },
  {
    rule: 'terraform-auto-approve',
    pattern: new RegExp(
      String.raw`\b(?:terraform|tofu)\b${NOT_TERRAFORM_PLAN}[^|;&\n]*\s--?auto-approve\b(?!=false\b)` +
        String.raw`|\bpulumi\b[^|;&\n]*\s(?:--yes|-y|--skip-preview)\b`,
    ),
    reason: "changes infrastructure without the tool's own confirmation (terraform apply -auto-approve, pulumi up --yes)",
    needs: ['auto-approve', '--yes', '-y', '--skip-preview'],
  },
  {
    rule: 'git-force-push',
    pattern: new RegExp(`\\bgit${GIT_OPTIONS}\\s+push\\b[^|;&\\n]*\\s(?:--force(?:-with-lease)?\\b|-f\\b|\\+[\\w./-])`),
    reason: 'rewrites remote history (git push --force)',
  },
  {
    rule: 'git-push-delete',
    pattern: new RegExp(`\\bgit${GIT_OPTIONS}\\s+push\\b[^|;&\\n]*\\s(?:--delete\\b|-d\\b|:[^\\s:])`),
    reason: 'deletes a branch or tag on the remote (git push --delete)',
  },
  {
    rule: 'git-reset-hard',
    // clean's -f may share an option with others (`-fdx`, `-xdf`) or come after them (`-d -f`).
    pattern: new RegExp(
      `\\bgit${GIT_OPTIONS}\\s+(?:reset\\s+--hard|clean\\b[^|;&\\n]*\\s(?:-[a-zA-Z]*f[a-zA-Z]*|--force)|branch\\s+-D)\\b`,
    ),
    reason: 'discards commits or files (git reset --hard / clean -f / branch -D)',
  },
  {
    rule: 'git-discard',
    // checkout with `--` before paths, a `.` or `..` path, or -f; restore of the work tree (it is
    // restored unless only --staged/-S is given, which just unstages).
    pattern: new RegExp(
      `\\bgit${GIT_OPTIONS}\\s+(?:checkout\\b[^|;&\\n]*\\s(?:--(?=\\s|$)|\\.\\.?(?:/[^\\s|;&]*)?(?=[\\s|;&)]|$)|-f\\b|--force\\b)` +
        `|restore\\b(?:(?=[^|;&\\n]*\\s(?:--worktree|-W)\\b)|(?![^|;&\\n]*\\s(?:--staged|-S)\\b)))`,
    ),
    reason: 'discards uncommitted changes to files (git checkout -- / git restore)',
  },
  {
    rule: 'git-stash-drop',
    pattern: new RegExp(`\\bgit${GIT_OPTIONS}\\s+stash\\s+(?:clear|drop)\\b`),
    reason: 'throws stashed changes away (git stash clear/drop)',
  },
  {
    rule: 'sql-drop',
    // Every kind of object SQL drops (PostgreSQL's, MySQL's, CQL's keyspace), a column, constraint or
    // partition an ALTER drops; postgres's dropdb/dropuser, `mysqladmin drop`, and a replication slot
    // (its consumer loses its place in the WAL).
    pattern:
      /\bdrop\s+(?:(?:materialized|foreign|event)\s+)?(?:table|database|schema|index|view|user|role|extension|column|constraint|partition|sequence|function|procedure|trigger|type|domain|publication|subscription|tablespace|owned|server|policy|rule|aggregate|collation|cast|language|statistics|keyspace|group)\b|\bdrop(?:db|user)\b|\bmysqladmin\b[^|;&\n]*\sdrop\b|\bpg_drop_replication_slot\s*\(/i,
    reason: 'drops a database object (DROP)',
  },
  {
    rule: 'database-reset',
    // What an application framework or migration tool does to the whole database: drop it, empty
    // every table, or load the schema over it (Rails, Django, Prisma, Flyway, Liquibase, Alembic,
    // knex, Sequelize, TypeORM, Ecto, Laravel, EF Core, Supabase). Each tool's name is followed by
    // its command with one stretch between at most, so a long line is read in quadratic time.
    pattern: new RegExp(
      String.raw`\b(?:rails|rake)\b[^|;&\n]*\sdb:(?:drop|reset|purge|schema:load|structure:load|truncate_all|seed:replant)(?![\w:])` +
        String.raw`|\bmanage\.py\b[^|;&\n]*\s(?:flush|reset_db)\b|\bprisma\b[^|;&\n]*\s(?:migrate\s+reset|--force-reset)\b` +
        String.raw`|\bflyway\b[^|;&\n]*\sclean\b|\bliquibase\b[^|;&\n]*\s(?:dropAll|drop-all)\b|\balembic\b[^|;&\n]*\sdowngrade\s+base\b` +
        String.raw`|\bknex\s+migrate:rollback\b[^|;&\n]*\s--all\b|\bsequelize(?:-cli)?\b[^|;&\n]*\sdb:(?:drop|migrate:undo:all)\b` +
        String.raw`|\btypeorm\b[^|;&\n]*\sschema:drop\b|\bmix\s+ecto\.(?:drop|reset)\b|\bartisan\s+(?:migrate:(?:fresh|reset|refresh)|db:wipe)\b` +
        String.raw`|\bdotnet\s+ef\s+database\s+drop\b|\bsupabase\s+db\s+reset\b`,
    ),
    reason: 'drops or empties a whole database through its framework (rails db:drop, manage.py flush, prisma migrate reset, flyway clean)',
    needs: ['db:', 'flush', 'reset', 'clean', 'drop', 'downgrade', 'rollback', 'ecto.', 'migrate:'],
  },
  {
    rule: 'sql-lock',
    // VACUUM FULL and REINDEX without CONCURRENTLY rewrite a table or index under an exclusive lock;
    // LOCK TABLE takes one. (CLUSTER does too, but the word is everywhere else in runbooks.)
    pattern:
      /\bvacuum\s*(?:\(\s*)?full\b|\breindex\s+(?:\((?![^)]*\bconcurrently\b)[^)]*\)\s*)?(?:table|index|database|schema|system)\s+(?!concurrently\b)|\block\s+table\b/i,
    reason: 'takes a lock that blocks reads and writes of a table while it holds (VACUUM FULL, REINDEX, LOCK TABLE)',
  },
  { rule: 'sql-truncate', pattern: /\btruncate\b/i, reason: 'empties a table or file (truncate)' },
  {
    rule: 'sql-update',
    pattern: new RegExp(String.raw`\bupdate\s+[\w."]+(?:\s+(?:as\s+)?\w+)?\s+set\b(?![^;]*\bwhere\b${NOT_EVERY_ROW})`, 'i'),
    reason: 'changes every row of a table (UPDATE without WHERE)',
  },
  {
    rule: 'sql-delete',
    pattern: new RegExp(String.raw`\bdelete\s+from\b(?![^;]*\bwhere\b${NOT_EVERY_ROW})`, 'i'),
    reason: 'deletes every row of a table (DELETE without WHERE)',
  },
  {
    // -n (--dry-run) only prints the values it would write.
    rule: 'pg-resetwal',
    pattern: /\bpg_reset(?:wal|xlog)\b(?![^|;&\n]*\s(?:-n|--dry-run)\b)/,
    reason: "rewrites PostgreSQL's write-ahead log, which can lose committed transactions and leave the data inconsistent (pg_resetwal)",
  },
  {
    rule: 'pg-terminate',
    pattern: /\bpg_terminate_backend\s*\(/i,
    reason: 'terminates database sessions and their transactions (pg_terminate_backend)',
  },
  {
    // The default, with neither --execute nor --dry-run, only prints the plan.
    rule: 'consumer-offsets',
    pattern: /\bkafka-consumer-groups(?:\.sh)?\b(?=[^|;&\n]*\s--reset-offsets\b)[^|;&\n]*\s--execute\b/,
    reason:
      "moves a consumer group's offsets, so that its consumers skip messages or read them again (kafka-consumer-groups --reset-offsets --execute)",
    needs: ['--execute'],
  },
  {
    // MySQL's read_only and super_read_only, as a replica has them: writes fail, a primary's too; and
    // the global read lock a backup takes, until UNLOCK TABLES.
    rule: 'sql-read-only',
    pattern:
      /\bset\s+(?:global|persist)\s+(?:super_)?read_only\s*=\s*(?:on|1|true)\b|@@global\.(?:super_)?read_only\s*=\s*(?:on|1|true)\b|\bflush\s+tables\b[^;]*\bwith\s+read\s+lock\b/i,
    reason: 'makes the database refuse writes (SET GLOBAL read_only = ON, FLUSH TABLES WITH READ LOCK)',
    needs: ['read_only', 'lock'],
  },
  { rule: 'redis-flush', pattern: /\bflush(?:all|db)\b/i, reason: 'erases Redis data (FLUSHALL/FLUSHDB)' },
  {
    // The command is redis-cli's first word that is not an option or an option's value (`-h cache-1 DEL
    // k`); a value never starts with a dash, so a line has one reading. valkey-cli and keydb-cli alike.
    rule: 'redis-delete',
    pattern: /\b(?:redis|valkey|keydb)-cli(?:\s+-[\w-]+(?:\s+[^\s|;&-][^\s|;&]*)?){0,8}\s+(?:del|unlink)\b/i,
    reason: 'deletes Redis keys (DEL/UNLINK)',
    needs: ['del', 'unlink'],
  },
  {
    rule: 'redis-shutdown',
    // DEBUG SEGFAULT (and its kin) crashes or restarts it on purpose.
    pattern: /\bredis-cli\b[^|;&\n]*\s(?:shutdown|debug\s+(?:segfault|crash-and-recover|restart))\b/i,
    reason: 'stops the Redis server, and with NOSAVE loses what it had not saved (redis-cli SHUTDOWN, DEBUG SEGFAULT)',
    needs: ['shutdown', 'debug'],
  },
  {
    rule: 'kv-delete',
    // etcd v2's are rm and rmdir.
    pattern: /\bconsul\b[^|;&\n]*\skv\s+delete\b|\betcdctl\b[^|;&\n]*\s(?:del|rm|rmdir)\b/,
    reason: 'deletes keys from a key-value store (consul kv delete / etcdctl del)',
    needs: ['delete', 'del', 'rm'],
  },
  {
    rule: 'broker-delete',
    // Kafka's topics and consumer groups; RabbitMQ's queues, vhosts and a node's whole state.
    pattern:
      /\bkafka-(?:topics|consumer-groups)(?:\.sh)?\b[^|;&\n]*\s--delete\b|\brabbitmqctl\b[^|;&\n]*\s(?:purge_queue|delete_queue|delete_vhost|reset|force_reset)\b|\brabbitmqadmin\b[^|;&\n]*\s(?:delete|purge)\b/,
    reason: 'deletes messages, queues or topics from a message broker (kafka-topics --delete, rabbitmqctl purge_queue)',
    needs: ['delete', 'purge', 'reset'],
  },
  {
    rule: 'cluster-remove',
    // Cassandra's nodetool, Patroni's remove (the cluster's state in its store) and reinit (a member's
    // data wiped and copied again), Ceph's OSDs and pools.
    pattern:
      /\bnodetool\b[^|;&\n]*\s(?:decommission|removenode|assassinate)\b|\betcdctl\b[^|;&\n]*\smember\s+remove\b|\bconsul\b[^|;&\n]*\s(?:force-leave|raft\s+remove-peer)\b|\bkubeadm\b[^|;&\n]*\sreset\b|\bpatronictl\b[^|;&\n]*\s(?:remove|reinit)\b|\bceph\b[^|;&\n]*\sosd\s+(?:purge|destroy|rm|pool\s+(?:delete|rm))\b/,
    reason: 'removes a node or member from a cluster, or wipes its data (nodetool decommission, patronictl reinit)',
    needs: [
      'decommission',
      'removenode',
      'assassinate',
      'member',
      'leave',
      'remove',
      'reset',
      'reinit',
      'purge',
      'destroy',
      'rm',
      'delete',
    ],
  },
  {
    rule: 'volume-destroy',
    pattern: /\bz(?:fs|pool)\b[^|;&\n]*\sdestroy\b|\b(?:lv|vg|pv)remove\b/,
    reason: 'destroys a volume or pool and the data on it (zfs destroy, lvremove)',
    needs: ['destroy', 'remove'],
  },
  {
    rule: 'http-delete',
    // curl's -X in any of its spellings, wget's and HTTPie's method: Elasticsearch's indexes, an API's records.
    pattern: /\bcurl\b[^|;&\n]*\s(?:-X\s*|--request[= ]\s*)["']?DELETE\b|\bwget\b[^|;&\n]*\s--method[= ]["']?DELETE\b|\bhttps?\s+DELETE\b/,
    reason: 'sends an HTTP DELETE (curl -X DELETE), removing what the URL names',
    needs: ['delete'],
  },
  {
    // Elasticsearch and OpenSearch: whatever the method, the query's matches are deleted.
    rule: 'delete-by-query',
    // InfluxDB's delete (points in a time range) and bucket delete; Curator's index and snapshot deletes.
    pattern: new RegExp(
      String.raw`\b_delete_by_query\b|\binflux${toolOptions(6)}\s+(?:bucket\s+)?delete\b|\bcurator_cli\b[^|;&\n]*\sdelete_(?:indices|snapshots)\b`,
    ),
    reason: 'deletes every document or point its query or range matches (_delete_by_query, influx delete, curator)',
    notInText: true,
  },
  {
    rule: 'vault-seal',
    pattern: /\bvault\b[^|;&\n]*\soperator\s+seal\b/,
    reason: 'seals Vault: nothing can read a secret until it is unsealed with its key shares (vault operator seal)',
    needs: ['seal'],
  },
  {
    rule: 'vault-revoke',
    pattern: /\bvault\b[^|;&\n]*\s(?:(?:lease|token)\s+revoke|(?:secrets|auth)\s+disable|kv\s+(?:delete|destroy|metadata\s+delete))\b/,
    reason:
      'deletes secrets, revokes credentials or turns off a secrets engine, cutting off what uses them (vault kv destroy, vault lease revoke)',
    needs: ['revoke', 'disable', 'delete', 'destroy'],
  },
  { rule: 'mongo-drop', pattern: /\.drop(?:Database)?\s*\(/, reason: 'drops a MongoDB collection or database' },
  {
    rule: 'mongo-delete-all',
    // An empty filter matches every document, as DELETE without WHERE does.
    pattern: /\.(?:deleteMany|remove)\s*\(\s*\{\s*\}\s*[,)]/,
    reason: 'deletes every document of a MongoDB collection (deleteMany({}))',
  },
  {
    rule: 'kill',
    // A process killed by pid is killed as one killed by name: kill, pkill and killall (killall5, every
    // process but the kernel's and its own session's) with any signal
    // but 0, which only asks whether a process is alive (and kill -l/-L, which lists the signals),
    // and but a reload, reopen-logs or resume signal (RELOAD_SIGNAL: `kill -HUP`, `pkill -USR1`).
    // kill's operand is a pid, a job, an expansion or a placeholder (`dmesg | grep -i kill` kills
    // nothing), or comes from xargs. `docker kill` is container-stop's, unless it sends KILL by name. A
    // signal's name is no kill (`timeout -s KILL 60 job` signals its own command when time is up).
    // One just inside a quote is the code a shell is given (`bash -c 'kill -9 1'`), as rm's is; what
    // echo prints or grep looks for is text.
    pattern: new RegExp(
      String.raw`${COMMAND_START}(?<!\s(?:-[sn]|--signal)\s)(?:` +
        String.raw`kill\s+${SIGNAL_OPTION}(?:9|(?:sig)?kill)\b` +
        String.raw`|(?<!\b(?:${CONTAINER_CLI}|compose)(?:\s+container)?\s+)kill\s+(?!${NOT_A_KILL})[-\d%$\`{<'"]` +
        String.raw`|(?:pkill|killall5?)\b(?!\s+${NOT_A_KILL}))` +
        String.raw`|\bxargs\b[^|;&\n]*[\s/]kill\s*(?:[|;&)\n]|$)`,
      'i',
    ),
    reason: 'kills processes',
    notInText: true,
    unless: RELOAD_SIGNAL,
  },
  {
    rule: 'crontab-remove',
    // -r alone or with -i (which asks first only where crontab has a terminal), before or after -u.
    pattern: /\bcrontab\b[^|;&\n]*\s-[a-z]*r/,
    reason: "removes the user's whole crontab (crontab -r)",
    needs: ['crontab'],
  },
  {
    rule: 'firewall-flush',
    pattern:
      /\bip6?tables(?:-legacy|-nft)?\b[^|;&\n]*\s(?:-F|--flush|(?:-P|--policy)\s+\w+\s+(?:DROP|REJECT))\b|\bnft\b[^|;&\n]*\sflush\s+(?:ruleset|table|chain)\b|\bufw\b[^|;&\n]*\s(?:disable|reset)\b/,
    reason:
      'removes firewall rules or drops all traffic by default, opening or cutting off traffic (iptables -F / -P DROP, nft flush, ufw disable)',
    needs: ['-f', 'flush', 'disable', 'reset', 'drop', 'reject'],
  },
  {
    rule: 'disk',
    // A partition table zapped (sgdisk, parted, sfdisk), every block discarded (blkdiscard), or XFS's
    // log zeroed (`xfs_repair -L`, which loses the metadata changes it held).
    pattern:
      /\b(?:mkfs(?:\.\w+)?|shred|wipefs|fdisk|blkdiscard)\b|\bdd\b[^|;&\n]*\bof=|\bsgdisk\b[^|;&\n]*\s(?:--zap-all|--zap|--clear|-[A-Za-z]*[Zzo][A-Za-z]*)(?![\w-])|\bparted\b[^|;&\n]*\s(?:rm|mklabel|mktable)\b|\bsfdisk\b[^|;&\n]*\s--delete\b|\bxfs_repair\b[^|;&\n]*\s-L\b/,
    reason: 'overwrites a disk or file system',
  },
  {
    rule: 'docker-remove',
    // podman and nerdctl take docker's words (CONTAINER_CLI); crictl's are the kubelet's containers, pods and images;
    // a swarm service or stack removed, or a node leaving its swarm.
    pattern: new RegExp(
      String.raw`\b${CONTAINER_CLI}\s+(?:rm|rmi|(?:system|volume|image|container|pod|network)\s+(?:prune|rm))\b|\b${COMPOSE}\b[^|;&\n]*\s(?:down|rm)\b` +
        String.raw`|\bcrictl\s+(?:rm|rmi|rmp)\b|\bdocker\s+(?:(?:service|stack)\s+rm|swarm\s+leave)\b`,
    ),
    reason: 'removes containers, images or volumes',
    needs: ['rm', 'prune', 'down', 'leave'],
  },
  {
    rule: 'cloud-delete',
    // `aws s3 rb` removes a bucket; `s3 sync --delete` and `storage rsync --delete-unmatched-…` delete objects.
    // The object stores' own CLIs alike: gsutil (rm, rb, `rsync -d`), MinIO's mc (rm, rb, `mirror
    // --remove`) and azcopy (remove, `sync --delete-destination`, not `=false` or `=prompt`).
    pattern: new RegExp(
      String.raw`\b(?:aws|gcloud|az|doctl)\b[^|;&\n]*\s(?:(?:delete|terminate|remove|rm|destroy)[\w-]*|rb|--delete)\b` +
        String.raw`|\b(?:gsutil|mc|azcopy)\b[^|;&\n]*\s(?:rm|rb|remove)\b` +
        // The subcommand right after the tool's options (a few, each maybe with a value): a second
        // unbounded stretch before it would read a line of `gsutil rsync rsync …` in cubic time.
        String.raw`|\b(?:gsutil|mc|azcopy)${toolOptions(4)}\s+` +
        String.raw`(?:rsync\b[^|;&\n]*\s-[A-Za-z]*d[A-Za-z]*(?![\w-])|mirror\b[^|;&\n]*\s--remove\b|sync\b[^|;&\n]*\s--delete-destination(?:=true)?(?![\w=-]))`,
    ),
    reason: 'deletes or terminates cloud resources',
    needs: ['delete', 'terminate', 'remove', 'rm', 'destroy', 'rb', 'rsync'],
  },
  {
    rule: 'maintenance-mode',
    pattern: /\bheroku\b[^|;&\n]*\smaintenance:on\b/,
    reason: 'puts the app in maintenance mode: every request gets the maintenance page until it is turned off (heroku maintenance:on)',
    needs: ['maintenance:on'],
  },
  {
    rule: 'platform-delete',
    // Object stores' own tools (rclone's sync deletes at the destination), platforms and hypervisors:
    // Heroku, Fly.io, Cloud Foundry, OpenStack, libvirt (`virsh destroy` pulls the power), LXD/Incus,
    // GitHub's CLI (`gh release delete`, `gh repo delete`).
    pattern:
      /\b(?:s3cmd|rclone)\b[^|;&\n]*\s(?:del|delete|rb|purge|sync|deletefile|rmdirs?)\b|\b(?:heroku|fly|flyctl|cf|openstack|virsh|lxc|incus|gh)\b[^|;&\n]*\s(?:delete|destroy|undefine|(?:apps|pg|addons|ps):(?:destroy|reset|restart|stop|kill)|stop|restart|reset)\b/,
    reason: 'deletes, stops or restarts platform resources (heroku, fly, cf, openstack, virsh, rclone)',
    needs: ['del', 'rb', 'purge', 'sync', 'rmdir', 'destroy', 'undefine', 'stop', 'restart', 'reset', 'kill'],
  },
  {
    rule: 'package-remove',
    pattern: /\b(?:apt(?:-get)?|yum|dnf|zypper|apk|snap|pip3?|pacman)\b[^|;&\n]*\s(?:remove|purge|autoremove|erase|del|uninstall|-R\w*)\b/,
    reason: 'removes installed packages, which what runs on the host may need',
    needs: ['remove', 'purge', 'erase', 'del', 'uninstall', '-r'],
  },
  {
    rule: 'rsync-delete',
    // After cloud-delete: `gcloud storage rsync --delete-unmatched-destination-objects` is that rule's.
    pattern: /\brsync\b[^|;&\n]*\s--(?:delete|remove-source-files)(?:-[\w-]+)?\b/,
    reason: 'deletes files at the destination that the source lacks, or the source files sent (rsync --delete)',
    unless: /\s(?:--dry-run|-[A-Za-z]*n[A-Za-z]*)\b/,
    needs: ['--delete', '--remove-source-files'],
  },
  {
    rule: 'failover',
    // As a command, sub-command or option (`aws rds failover-db-cluster`, `patronictl switchover`,
    // `redis-cli CLUSTER FAILOVER`, `--force-failover`), not the word in a message or a search, nor
    // in a file or resource a command only reads or shows (`tail -f /var/log/failover.log`,
    // `kubectl get svc pg-failover`; see TEXT_ONLY). Nor a noun a read-only verb follows
    // (`az sql failover-group list`, `instance-failover-group show`); what changes one still is
    // (`az sql failover-group set-primary`), as is a script holding the word that is run.
    pattern: /\b(?:failover|switchover)\b(?!-[\w-]*\s+(?:list|show|describe|get)\b)/i,
    reason: 'moves the primary role to another node (failover)',
    notInText: true,
  },
  {
    rule: 'cloud-stop',
    // After failover, whose reason says more of `aws rds reboot-db-instance --force-failover`.
    // `aws ec2 stop-instances`, `aws rds reboot-db-instance`, `gcloud compute instances stop|reset`,
    // `az vm deallocate`, `az webapp restart`, and an ECS service's tasks replaced at once. Not an
    // option that only names one (`--no-reboot`, `--restart-on-failure`).
    pattern: /\b(?:aws|gcloud|az|doctl)\b[^|;&\n]*\s(?:(?:stop|reboot|restart|deallocate|reset)(?:-[\w-]+)?|--force-new-deployment)\b/,
    reason: 'stops, restarts or reboots cloud resources, or replaces every task of a service',
    needs: ['stop', 'reboot', 'restart', 'deallocate', 'reset', '--force-new-deployment'],
  },
  {
    rule: 'service-stop',
    pattern:
      /\b(?:systemctl|service|gitlab-ctl|pg_ctl|pg_ctlcluster|supervisorctl)\b[^|;&\n]*\s(?:stop|disable|kill|mask|(?:try-|reload-or-)?restart)\b|\bnomad\b[^|;&\n]*\sjob\s+stop\b|\bpm2\s+(?:stop|delete|kill|restart)\b|\brabbitmqctl\b[^|;&\n]*\s(?:stop|stop_app|shutdown)\b/,
    reason: 'stops a service or restarts it (systemctl stop/restart)',
    needs: ['stop', 'disable', 'kill', 'mask', 'restart', 'delete', 'shutdown'],
  },
  {
    rule: 'journal-vacuum',
    pattern: /\bjournalctl\b[^|;&\n]*\s--vacuum-(?:size|time|files)\b/,
    reason: 'deletes archived journal files, and the logs they hold (journalctl --vacuum-size)',
    needs: ['--vacuum-'],
  },
  {
    // A link set down past ip's own options (`-6`, `-s`): each a dash then non-blanks, so one reading.
    rule: 'network-down',
    pattern: /\bip(?:\s+-\S+)*\s+link\s+set\s+(?:dev\s+)?\S+\s+down\b|\bifdown\b|\bnmcli\s+(?:c|con|connection|d|dev|device)\s+down\b/,
    reason: 'takes a network interface down, cutting off what reaches the host through it (this session too, over ssh)',
    notInText: true,
    needs: ['down'],
  },
  {
    rule: 'container-stop',
    // `docker kill` sends SIGKILL unless told another signal (`--signal=HUP` reloads haproxy; a KILL
    // given by name is the kill rule's).
    pattern: new RegExp(
      String.raw`\b${CONTAINER_CLI}\s+(?:container\s+)?(?:stop|restart|kill(?!\s+(?:-s|--signal)))\b` +
        String.raw`|\b${COMPOSE}\b[^|;&\n]*\s(?:stop|kill|restart)\b|\bcrictl\s+(?:stop|stopp)\b`,
    ),
    reason: 'stops or restarts containers (docker stop/restart/kill)',
    needs: ['stop', 'restart', 'kill'],
  },
  {
    rule: 'reboot',
    // As a command, on any line (`last reboot` lists boots); `shutdown -c` cancels one. Ansible's
    // reboot module too (`ansible web -m reboot`); init and telinit to runlevel 0 or 6; kexec's jump to
    // a loaded kernel; systemd isolating a rescue or power-off target (after systemctl, as its reboot is).
    pattern:
      /(?:^|[;&|(`\n]|\s['"]|\bsudo\b|\bsystemctl\b|\bansible\b[^|;&\n]*\s-m\s+(?:ansible\.builtin\.)?)\s*(?:[^\s;&|(`'"]*\/)?(?:(?:reboot|shutdown|halt|poweroff)\b(?!\s+-c\b)|(?:tel)?init\s+[06]\b|kexec\s+(?:-\S+\s+)*-e\b|isolate\s+(?:rescue|emergency|poweroff|reboot|halt|kexec)\b)/,
    reason: 'reboots or powers off the host',
    notInText: true,
    needs: ['reboot', 'shutdown', 'halt', 'poweroff', 'init', 'kexec', 'isolate'],
  },
  {
    // b reboots, o powers off, c crashes the kernel; the other letters dump or tune, but a write
    // there is always a redirect outside the working folder (redirect-truncate's).
    rule: 'sysrq',
    pattern: /\b(?:echo|printf)\s+["']?[bco]["']?\s*>\s*\/proc\/sysrq-trigger\b/,
    reason: 'reboots, powers off or crashes the host at once, without syncing its disks (sysrq-trigger)',
    needs: ['sysrq'],
  },
  // Windows: PowerShell's cmdlets (any case, in a PowerShell block, an SSM document's
  // aws:runPowerShellScript or a shell block alike) and cmd's commands, as the command's first word
  // where the name is a common word elsewhere (`del`, `format`).
  {
    rule: 'windows-delete',
    pattern:
      /\b(?:Remove-Item|Remove-ItemProperty|Clear-Content|Clear-RecycleBin)\b|(?:^|[;&|(\n])\s*(?:del|erase)\s+\S|(?:^|[;&|(\n])\s*(?:rd|rmdir)\s+(?:\/q\s+)?\/s\b/i,
    reason: 'deletes files or their contents (Remove-Item, del, rd /s)',
  },
  {
    rule: 'windows-service-stop',
    // `iisreset /status` only shows the services' state.
    pattern:
      /\b(?:Stop-Service|Restart-Service|Suspend-Service|Stop-WebSite|Stop-WebAppPool|Restart-WebAppPool|Disable-ScheduledTask)\b|\b(?:net|sc(?:\.exe)?)\s+stop\b|\biisreset\b(?!\s+\/status\b)|\bSet-Service\b[^|;&\n]*\s-StartupType\s+Disabled\b/i,
    reason: 'stops a service or restarts it (Stop-Service, net stop, iisreset)',
  },
  { rule: 'windows-kill', pattern: /\bStop-Process\b|\btaskkill\b/i, reason: 'kills processes (Stop-Process, taskkill)' },
  {
    rule: 'windows-reboot',
    pattern: /\b(?:Restart-Computer|Stop-Computer)\b/i,
    reason: 'reboots or powers off the host (Restart-Computer)',
  },
  {
    rule: 'windows-disk',
    pattern: /\b(?:Format-Volume|Clear-Disk|Initialize-Disk|Remove-Partition)\b|(?:^|[;&|(\n])\s*format(?:\.com)?\s+[a-z]:/i,
    reason: 'overwrites a disk or file system (Format-Volume, format)',
  },
  {
    rule: 'powershell-invoke',
    // Invoke-Expression runs a string as code: `irm https://x | iex`, `iex (iwr https://x)`, and
    // -EncodedCommand a base64 one. `iex` alone is also Elixir's shell (`iex --remsh app@host`), so
    // only piped into or given a string, a variable or an expression; -ExecutionPolicy is `-ex`/`-ep`.
    pattern:
      /\bInvoke-Expression\b|\|\s*iex\b|(?:^|[\s;(&{])iex\s*[($"'`]|\b(?:pwsh|powershell)(?:\.exe)?\b[^|;&\n]*\s-(?:e|ec|en|enc\w*)(?=\s)/i,
    reason: 'runs text as PowerShell code (Invoke-Expression, -EncodedCommand), which War Room cannot read',
  },
  {
    rule: 'redirect-truncate',
    // `>`, `N>`, `&>` and `>|` to a file that may hold something: one outside the working folder
    // (`/etc/...`, `~/...`, `../...`) or one a variable names (`$FILE`, a placeholder). Not a new
    // file written beside the command (`> heap.pprof`, `> $(hostname).perf.txt`: the usual capture
    // of output), `>>` (appends), `>&2` and `2>&1` (descriptors), `>(...)` (a process), `/dev/null`
    // and the like, an escaped `\>`, or the end of a `<pod name>` placeholder (its words are told
    // apart by single spaces, as variables.ts reads them).
    pattern: new RegExp(String.raw`(?<![<>=\\-]|<[A-Za-z][\w-]*(?: [\w-]+){0,4})>(?:\||&(?![\d-]))?[ \t]*${OVERWRITTEN}`),
    reason: 'overwrites the file it redirects to (> file), losing what it held',
    shellCode: true,
  },
  {
    rule: 'tee-truncate',
    // `tee` truncates each file it names, as `>` does, unless told to append (`-a`, `--append`):
    // `echo ... | sudo tee /etc/app.conf`. The same targets as the redirection's: not a new file
    // beside the command (`| tee out.log`), nor `/dev/null`. Each option is a dash then word
    // characters, so a line has one reading.
    pattern: new RegExp(String.raw`\btee(?:[ \t]+-[\w-]+)*[ \t]+${OVERWRITTEN}`),
    reason: 'overwrites the file tee writes to (tee without -a), losing what it held',
    unless: /\s-(?:-append\b|[A-Za-z]*a)/,
  },
];

/** Where the shell reads code: quoted text, here-document bodies, arithmetic and comments are not. */
const CODE_CONTEXTS: ReadonlySet<QuoteContext> = new Set(['plain', 'backtick']);

/** How each language starts a whole-line comment; in shell `//bin/rm` and `--force` are code. */
const COMMENT_LINE: Readonly<Record<string, RegExp>> = {
  shell: /^\s*#/,
  sql: /^\s*(?:--|#)/,
};
const ANY_COMMENT_LINE = /^\s*(?:#|--|\/\/)/;

/**
 * The command as the shell reads it: whole-line comments dropped (they are not run, so cannot be
 * destructive), and `\`-newline continuations joined so a rule sees the whole command.
 */
function asRead(command: string, lang: string): string {
  const comment = own(COMMENT_LINE, lang) ?? ANY_COMMENT_LINE;
  const out: string[] = [];
  let continued = false;
  for (const line of command.split(/\r?\n/)) {
    // A comment ends at its newline even after a `\`; a continued line is code whatever it starts with.
    if (!continued && comment.test(line)) {
      continue;
    }
    const joins = lang === 'shell' && /(?:^|[^\\])(?:\\\\)*\\$/.test(line);
    const text = joins ? line.slice(0, -1) : line;
    if (continued) {
      out[out.length - 1] += ` ${text}`;
    } else {
      out.push(text);
    }
    continued = joins;
  }
  return out.join('\n');
}

/**
 * `text` with the characters `blank` picks (by their quote context) made spaces: so a rule finds
 * nothing in a comment (a `#` starting a word ends the line as one, unless quoted: the shell's
 * reading decides), or a redirection in quotes. A newline stays one, so a rule's line ends stay.
 */
function blanked(text: string, contexts: readonly QuoteContext[], blank: (context: QuoteContext, ch: string) => boolean): string {
  return text
    .split('')
    .map((ch, i) => (ch !== '\n' && blank(contexts[i], ch) ? ' ' : ch))
    .join('');
}

/**
 * Past this the rules (which scan the rest of a line from each command word) could take seconds,
 * and a runbook from a cloned repository must not freeze the editor: such a command is asked twice.
 */
const MAX_CHECKED = 10_000;

/**
 * A line holding every word some rule needs (see Rule.needs), each glued to an `x` so that none
 * matches: put on a line before a command, it leaves no rule skipped for want of its words. The
 * bench's hostile lines carry it, and a test checks that the skip changes no answer.
 */
export const EVERY_RULE_WORD_LINE: string = [...new Set(RULES.flatMap((rule) => rule.needs ?? []))].map((word) => `x${word}`).join(' ');

export function destructiveFindings(command: string, lang = 'shell'): DestructiveFinding[] {
  return findings(command, lang, 0);
}

/** Why commands run that the line does not show (see ShellInput.unseen) ask twice, by where they come from. */
const UNSEEN_REASONS: Readonly<Record<Unseen['from'], string>> = {
  input: 'runs commands from a file, download or program output that War Room cannot read (… | sh, sh < file)',
  fetched:
    'runs commands it downloads or reads from a file, which War Room cannot read (eval "$(curl …)", source <(curl …), curl -o f … && sh f)',
  variable: 'runs commands a variable holds, which War Room cannot read (sh -c "$CMD", echo "$CMD" | sh)',
};

/**
 * How many times the text a command prints into a shell is read in turn (`echo "echo reboot | sh" | sh`
 * is two): each reading is one more pass of the rules over at most the command's length.
 */
const MAX_FED = 3;

function findings(command: string, lang: string, fed: number): DestructiveFinding[] {
  const joined = asRead(command, lang);
  if (joined.length > MAX_CHECKED) {
    return [
      {
        rule: 'too-long',
        reason: `it is too long to check for destructive steps (over ${MAX_CHECKED.toLocaleString('en')} characters)`,
        match: '',
      },
    ];
  }
  const shell = lang === 'shell';
  const contexts = shell ? quoteContexts(joined) : [];
  const text = shell ? blanked(joined, contexts, (c) => c === 'comment') : joined;
  // Same length as `text`, so a match found in it is cut from `text` for highlighting.
  let code: string | undefined;
  let texts: TextSpans | undefined;
  const out: DestructiveFinding[] = [];
  let lower: string | undefined;
  for (const rule of RULES) {
    if ((rule.shellCode && !shell) || (rule.needs && !rule.needs.some((word) => (lower ??= joined.toLowerCase()).includes(word)))) {
      continue;
    }
    const searched = rule.shellCode
      ? (code ??= blanked(joined, contexts, (c, ch) => c === 'comment' || ((ch === '<' || ch === '>') && !CODE_CONTEXTS.has(c))))
      : text;
    const spans = rule.notInText && shell ? (texts ??= new TextSpans(searched, contexts)) : undefined;
    const m = firstMeant(rule.pattern, searched, rule.unless, spans);
    if (m) {
      out.push({ rule: rule.rule, reason: rule.reason, match: highlighted(text.slice(m.index, m.index + m[0].length)) });
    }
  }
  // What echo or printf print into a shell's input is run: the rules read it as the commands it is
  // (`echo reboot | sh` reboots, though `reboot` is no command's first word in the line).
  const input = shell && fed < MAX_FED ? shellInput(text, MAX_CHECKED) : undefined;
  const more = input && input.texts.length > 0 ? findings(input.texts.join('\n'), 'shell', fed + 1) : [];
  // What a shell is handed from a file or a download cannot be read at all: it may be anything.
  if (input?.unseen !== undefined) {
    more.push({ rule: 'unseen-commands', reason: UNSEEN_REASONS[input.unseen.from], match: input.unseen.shown });
  }
  for (const finding of more) {
    if (!out.some((f) => f.rule === finding.rule)) {
      out.push(finding);
    }
  }
  return out;
}

/**
 * A match as it is highlighted: without the blanks, separator or quote a command word's start
 * includes (`bash -c 'rm -rf /x'` highlights `rm -rf /`, not `'rm -rf /`).
 */
function highlighted(match: string): string {
  return match.replace(/^[\s;&|(`'"]+/, '').trimEnd();
}

/**
 * The first match of `pattern` in `text` that the rule means: its command, from the match to the
 * next `|`, `;`, `&` or line end, does not hold `unless` (see Rule.unless), and its word (its last
 * character) is not text by `spans` (see Rule.notInText). Without either, the first match.
 */
function firstMeant(pattern: RegExp, text: string, unless?: Rule['unless'], spans?: TextSpans): RegExpExecArray | null {
  if (!unless && !spans) {
    return pattern.exec(text);
  }
  const search = new RegExp(pattern.source, `${pattern.flags}g`);
  const separator = /[|;&\n]/g;
  // The command's end is looked for only under `unless`, whose search then goes on after it, and
  // once a command: a rule with both (kill) may judge many matches of one command as text, and a
  // scan per match would read a long line again per word. A notInText rule's matches are judged in
  // constant time each.
  let from = -1;
  let commandEnd = 0;
  for (let m = search.exec(text); m; m = search.exec(text)) {
    const end = m.index + m[0].length;
    if (unless && !(end >= from && end <= commandEnd)) {
      from = end;
      separator.lastIndex = end;
      commandEnd = separator.exec(text)?.index ?? text.length;
    }
    if (unless?.test(text.slice(m.index, commandEnd))) {
      search.lastIndex = Math.max(commandEnd, m.index + 1);
    } else if (spans?.isText(m.index + m[0].length - 1)) {
      search.lastIndex = Math.max(search.lastIndex, m.index + 1);
    } else {
      return m;
    }
  }
  return null;
}

/** Quoted text: a string in single, double or ANSI-C quotes. */
const QUOTED: ReadonlySet<QuoteContext> = new Set(['single', 'double', 'ansi']);

/** The reserved words a command may follow (RESERVED_BEFORE), as a pattern. */
const RESERVED_WORDS = [...RESERVED_BEFORE].map((w) => w.replace('{', '\\{')).join('|');

/**
 * A command whose words are only text (`sudo`, a path, or a compound command's `then` or `do`
 * before it allowed): it prints or logs them (echo, printf, logger), searches for them (grep and
 * its kin), or names what it only reads or shows, a file (`tail -f /var/log/failover.log`, `less
 * docs/failover.md`) or a Kubernetes resource (`kubectl get svc pg-failover`, `kubectl -n prod
 * describe pod db-failover-0`). kubectl's options before its verb are a dash word, maybe with a
 * value that is not one. Read on a short slice.
 */
const TEXT_ONLY = new RegExp(
  String.raw`^\s*(?:(?:${RESERVED_WORDS})\s+)*(?:sudo\s+)?(?:\S*\/)?(?:echo|printf|logger|[ezf]?grep|zegrep|zfgrep|rg|cat|less|more|head|tail` +
    String.raw`|(?:kubectl|oc)(?:\s+-\S+(?:\s+[^\s-]\S*)?)*\s+(?:get|describe|logs))(?![^\s;&|)])`,
);

/**
 * ssh's options and host before the command it runs remotely (`ssh -p 2222 db-1 cat`): each option
 * a dash word, and the next word its value when its last letter takes one (`-i key`, `-o Opt=x`).
 * A value never starts with a dash: were `-p -p` an option and its value or two options, a run of
 * them would have exponentially many readings to try (38 s on one line of `-p`s).
 */
const SSH_TO_HOST = String.raw`ssh(?:\s+-[A-Za-z]*[${SSH_VALUE_OPTIONS}]\s+[^\s-]\S*|\s+-[A-Za-z]+)*\s+[^\s-]\S*\s+`;

/**
 * A command a printed message can be piped to without being run: it stores, sends or shows text,
 * here or on another host (`| ssh h cat`, `| ssh h tee -a notes`; a quoted remote command may pipe
 * on, so is not read as one). Read on a short slice.
 */
const TEXT_SINK = new RegExp(
  String.raw`^&?\s*(?:sudo\s+)?(?:${SSH_TO_HOST}(?:sudo\s+)?)?(?:\S*\/)?` +
    String.raw`(?:tee|mailx?|sendmail|wall|logger|grep|cat|wc|head|tail|sort|uniq|less|more|jq|cut|tr)(?![^\s;&|)])`,
);

/** An option whose value is a message, just before a quote (`--message '`, `-m "`, `--subject=$'`). Read on a short slice. */
const MESSAGE_OPTION = /(?:^|\s)(?:-m|--(?:message|msg|comment|description|reason|subject|title|text|note|summary|body))(?:=|\s*)\$?$/;

/**
 * Where each character's command starts, and its quoted string's, read once forward so each match
 * is judged in constant time (a scan back from each match would read a long command again per word).
 */
class TextSpans {
  /** Start of the command holding each character, at the shell's level (quoted separators are text). */
  private readonly commandStart: Int32Array;
  /** For a quoted character: start of the command inside the quotes, read as code would be (`ssh h 'a; b'`). */
  private readonly innerStart: Int32Array;
  /** For a quoted character: where its opening quote is. */
  private readonly quoteAt: Int32Array;
  /**
   * 1 at the start of each command (outer or inside quotes) whose output goes on to another: a `|`
   * feeds it, or it is in a command substitution (`$(...)`, backticks) whose output is a word of
   * the command around it (`$(echo rm -rf x)` runs the rm).
   */
  private readonly piped: Uint8Array;

  constructor(
    private readonly text: string,
    private readonly contexts: readonly QuoteContext[],
  ) {
    const n = text.length;
    this.commandStart = new Int32Array(n);
    this.innerStart = new Int32Array(n);
    this.quoteAt = new Int32Array(n);
    this.piped = new Uint8Array(n + 1);
    // A lone `|` (or `|&`), not `||`, into anything but a command that only stores or shows text:
    // what the command printed is the next one's input, maybe a shell's (`| ssh h bash`).
    const pipes = (i: number) =>
      text[i] === '|' && text[i + 1] !== '|' && text[i - 1] !== '|' && !TEXT_SINK.test(text.slice(i + 1, i + 129));
    let command = 0;
    let inner = 0;
    let quote = -1;
    for (let i = 0; i < n; i++) {
      const context = contexts[i];
      const ch = text[i];
      if (QUOTED.has(context) && (i === 0 || contexts[i - 1] !== context)) {
        // The opening quote has the context around it, so a run of one quoted context starts after it.
        quote = i - 1;
        inner = i;
      }
      this.commandStart[i] = command;
      this.innerStart[i] = inner;
      this.quoteAt[i] = quote;
      if (
        CODE_CONTEXTS.has(context) ? ';&|\n(`'.includes(ch) : context === 'double' && (ch === '`' || (ch === '(' && text[i - 1] === '$'))
      ) {
        // A command ends at a separator, and one starts inside `(...)`, `$(...)` or backticks.
        if (pipes(i)) this.piped[command] = 1;
        command = i + 1;
        if (ch === '`' || (ch === '(' && text[i - 1] === '$')) this.piped[command] = 1;
      } else if (QUOTED.has(context) && ';&|\n('.includes(ch)) {
        if (pipes(i)) this.piped[inner] = 1;
        inner = i + 1;
      }
    }
  }

  /** Whether the character at `at` is text printed or given as a message, not code. */
  isText(at: number): boolean {
    const context = this.contexts[at];
    if (CODE_CONTEXTS.has(context)) {
      return this.textOnly(this.commandStart[at]);
    }
    if (!QUOTED.has(context)) {
      return false; // a here-document or expansion may be fed to a shell
    }
    const quote = this.quoteAt[at];
    return (
      this.textOnly(this.innerStart[at]) ||
      (quote >= 0 && (MESSAGE_OPTION.test(this.text.slice(Math.max(0, quote - 32), quote)) || this.textOnly(this.commandStart[quote])))
    );
  }

  /**
   * The command at `start` only prints or searches for its words (TEXT_ONLY), its output piped
   * nowhere: `echo 'reboot' | ssh h sh` runs it, and `grep failover cmds.txt | sh` what it finds.
   */
  private textOnly(start: number): boolean {
    return this.piped[start] === 0 && TEXT_ONLY.test(this.text.slice(start, start + 64));
  }
}

/** The first reason a command needs a second confirmation, or undefined when it reads as safe. */
export function destructiveReason(command: string, lang = 'shell'): string | undefined {
  return destructiveFindings(command, lang)[0]?.reason;
}
