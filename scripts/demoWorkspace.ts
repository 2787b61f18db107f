// The demo workspace: a small checkout service with a few days of history and release tags, the
// shipped sample runbooks, and an active SEV-1 declared 30 minutes after the deploy (v2.4.1) that
// cut the database pool from 50 to 5 connections. Times are relative to `now`, so it is always live.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { serializeEvent } from '../src/core/eventLog';
import { IncidentEvent } from '../src/core/events';
import { newEventId, newIncidentId } from '../src/core/ids';
import { GitRepo, makeRepo } from '../test/support/gitRepo';

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * The demo's VS Code settings: it opens on War Room (the Incidents view focused, the SEV-1 expanded,
 * its timeline open), which a real user's start-up never does unless they opt in too.
 */
export const demoSettings: Readonly<Record<string, unknown>> = {
  'workbench.colorTheme': 'Default Dark Modern',
  'warroom.revealOnStartup': true,
};

export interface DemoWorkspace {
  readonly dir: string;
  readonly incidentId: string;
  readonly culpritSha: string;
  readonly deployedAt: Date;
}

const poolConfig = (max: number) => `# Production settings for checkout-service
http:
  port: 8080
  timeout_ms: 3000
db:
  host: checkout-db.internal
  pool:
    max: ${max}
    idle_timeout_ms: 10000
    acquire_timeout_ms: 2000
payments:
  provider: stripe
  retry: 2
`;

const FILES = {
  'package.json':
    JSON.stringify(
      {
        name: 'checkout-service',
        version: '2.3.0',
        private: true,
        main: 'src/server.ts',
        dependencies: { express: '4.19.2', pg: '8.11.3' },
      },
      null,
      2,
    ) + '\n',
  'README.md': '# checkout-service\n\nTakes card payments for the shop. Owned by the Payments team (#payments-oncall).\n',
  'src/server.ts': `import { createPool } from './db/pool';
import { charge } from './payments/charge';

const pool = createPool();

export async function handleCheckout(cartId: string, card: string): Promise<{ orderId: string }> {
  const client = await pool.acquire();
  try {
    const cart = await client.query('select * from carts where id = $1', [cartId]);
    const payment = await charge(card, cart.total);
    const order = await client.query('insert into orders (cart_id, payment_id) values ($1, $2) returning id', [cartId, payment.id]);
    return { orderId: order.id };
  } finally {
    pool.release(client);
  }
}
`,
  'src/db/pool.ts': `import { loadConfig } from '../config';

export function createPool() {
  const { db } = loadConfig();
  // Every checkout holds a connection for the whole payment call (about 400 ms at p50).
  return new Pool({ host: db.host, max: db.pool.max, acquireTimeoutMillis: db.pool.acquire_timeout_ms });
}
`,
  'src/payments/charge.ts': `export async function charge(card: string, amount: number): Promise<{ id: string }> {
  const response = await fetch('https://payments.example/charges', { method: 'POST', body: JSON.stringify({ card, amount }) });
  if (!response.ok) {
    throw new Error(\`payment provider answered \${response.status}\`);
  }
  return response.json();
}
`,
  'src/config.ts': `import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export function loadConfig() {
  return parse(readFileSync(\`config/\${process.env.APP_ENV ?? 'production'}.yaml\`, 'utf8'));
}
`,
  'config/production.yaml': poolConfig(50),
};

/** A package-lock.json as npm writes it, trimmed to the two dependencies. */
function lockfile(pg: string): string {
  const dependencies = { express: '4.19.2', pg };
  return (
    JSON.stringify(
      {
        name: 'checkout-service',
        lockfileVersion: 3,
        requires: true,
        packages: {
          '': { name: 'checkout-service', dependencies },
          'node_modules/express': { version: '4.19.2' },
          'node_modules/pg': { version: pg },
        },
      },
      null,
      2,
    ) + '\n'
  );
}

export function createDemoWorkspace(dir: string, runbooksDir: string | undefined, now = new Date()): DemoWorkspace {
  fs.rmSync(dir, { recursive: true, force: true });
  const repo = makeRepo(dir);
  const at = (msAgo: number) => new Date(now.getTime() - msAgo);
  const deploy = (repo: GitRepo, tag: string, when: Date) => {
    repo.tag(tag, { date: when, message: `Release ${tag}` });
    fs.appendFileSync(path.join(dir, 'deploy/deploys.log'), `${when.toISOString()} ${repo.head()} production\n`);
  };

  fs.mkdirSync(path.join(dir, 'deploy'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'deploy/deploys.log'), '');
  repo.commit(FILES, {
    date: at(76 * HOUR),
    message: 'Checkout service: cart to order with card payments',
    author: 'Priya Raman <priya@example.com>',
  });
  repo.commit(
    {
      'src/payments/charge.ts':
        FILES['src/payments/charge.ts'].replace('retry: 2', 'retry: 2') + '\n// Idempotency keys come from the cart id.\n',
    },
    { date: at(74 * HOUR), message: 'Document idempotency of payment retries', author: 'Priya Raman <priya@example.com>' },
  );
  deploy(repo, 'v2.3.0', at(73 * HOUR));
  // The pool was shrunk once before and put back within the hour: the suspects say so of today's
  // change to the same file ("a revert changed config/production.yaml 2d 23h before the incident began").
  const shrunk = repo.commit(
    { 'config/production.yaml': poolConfig(10) },
    { date: at(72 * HOUR), message: 'Shrink the DB pool to 10 connections', author: 'Sam Okafor <sam@example.com>' },
  );
  const revertedAt = at(71 * HOUR).toISOString();
  repo.git(['revert', '--no-edit', shrunk], {
    GIT_AUTHOR_NAME: 'Priya Raman',
    GIT_AUTHOR_EMAIL: 'priya@example.com',
    GIT_AUTHOR_DATE: revertedAt,
    GIT_COMMITTER_DATE: revertedAt,
  });

  repo.branch('feature/receipts');
  repo.checkout('feature/receipts');
  repo.commit(
    {
      'src/receipts/email.ts':
        'export function receiptEmail(orderId: string): string {\n  return `Thanks! Your order ${orderId} is confirmed.`;\n}\n',
    },
    { date: at(30 * HOUR), message: 'Send a receipt email after checkout', author: 'Tom Becker <tom@example.com>' },
  );
  repo.checkout('main');
  repo.merge('feature/receipts', { date: at(27 * HOUR), message: 'Merge branch feature/receipts' });
  repo.commit(
    { 'package.json': FILES['package.json'].replace('2.3.0', '2.4.0') },
    { date: at(26 * HOUR), message: 'Release 2.4.0', author: 'Priya Raman <priya@example.com>' },
  );
  deploy(repo, 'v2.4.0', at(25 * HOUR));

  // A pull request merged this afternoon (harmless): the suspects list it as one change with its title.
  repo.branch('tom/receipt-copy');
  repo.checkout('tom/receipt-copy');
  repo.commit(
    {
      'src/receipts/email.ts':
        'export function receiptEmail(orderId: string): string {\n  return `Thank you! Order ${orderId} is confirmed and on its way.`;\n}\n',
    },
    { date: at(6 * HOUR), message: 'Friendlier receipt email wording', author: 'Tom Becker <tom@example.com>' },
  );
  repo.commit(
    {
      'src/receipts/subject.ts': 'export function receiptSubject(orderId: string): string {\n  return `Your order ${orderId}`;\n}\n',
    },
    { date: at(5 * HOUR), message: 'Receipt subject line with the order number', author: 'Tom Becker <tom@example.com>' },
  );
  repo.checkout('main');
  repo.merge('tom/receipt-copy', {
    date: at(4 * HOUR),
    message: 'Merge pull request #57 from tom/receipt-copy\n\nFriendlier receipt emails',
  });

  // A dependency bump this afternoon (harmless): its reason names the move, "pg 8.11.3 → 8.12.0".
  const bumped = FILES['package.json'].replace('"pg": "8.11.3"', '"pg": "8.12.0"');
  repo.commit(
    { 'package.json': bumped.replace('2.3.0', '2.4.0'), 'package-lock.json': lockfile('8.12.0') },
    { date: at(3 * HOUR), message: 'Bump pg from 8.11.3 to 8.12.0', author: 'dependabot[bot] <support@github.com>' },
  );

  // The culprit: a "tuning" change that leaves 5 connections for ~40 concurrent checkouts.
  const culpritSha = repo.commit(
    { 'config/production.yaml': poolConfig(5) },
    {
      date: at(55 * MIN),
      message: 'Tune DB pool for the smaller db.r6g.large instance\n\nThe new instance has less memory; keep connections low.',
      author: 'Sam Okafor <sam@example.com>',
    },
  );
  repo.commit(
    { 'README.md': FILES['README.md'] + '\nRunbooks live in runbooks/.\n' },
    { date: at(50 * MIN), message: 'Point the README at the runbooks', author: 'Tom Becker <tom@example.com>' },
  );
  repo.commit(
    { 'package.json': bumped.replace('2.3.0', '2.4.1') },
    { date: at(45 * MIN), message: 'Release 2.4.1', author: 'Sam Okafor <sam@example.com>' },
  );
  const deployedAt = at(40 * MIN);
  deploy(repo, 'v2.4.1', deployedAt);

  fs.mkdirSync(path.join(dir, '.vscode'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, '.vscode/settings.json'),
    JSON.stringify(
      {
        // Receipts is a service of its own: its pull request is not checkout's code.
        'warroom.services': {
          checkout: ['src/server.ts', 'src/config.ts', 'src/db/**', 'src/payments/**', 'config/**'],
          receipts: ['src/receipts/**'],
        },
        'warroom.correlation.deployLog': 'deploy/deploys.log',
      },
      null,
      2,
    ) + '\n',
  );
  if (runbooksDir && fs.existsSync(runbooksDir)) {
    fs.cpSync(runbooksDir, path.join(dir, 'runbooks'), { recursive: true });
  }
  // The game day scenarios ship beside the runbooks (drills/): the pool cut, a bad flag, a provider outage.
  const drillsDir = runbooksDir && path.join(path.dirname(runbooksDir), 'drills');
  if (drillsDir && fs.existsSync(drillsDir)) {
    fs.cpSync(drillsDir, path.join(dir, 'drills'), { recursive: true });
  }
  const shipped = ['runbooks', 'drills'].filter((d) => fs.existsSync(path.join(dir, d)));
  repo.git(['add', 'deploy/deploys.log', '.vscode/settings.json', ...shipped]);
  repo.git(['commit', '-q', '-m', 'Record deploys; add team settings and runbooks']);

  const incidentId = writeIncident(dir, deployedAt);
  return { dir, incidentId, culpritSha, deployedAt };
}

function writeIncident(dir: string, deployedAt: Date): string {
  const declaredAt = new Date(deployedAt.getTime() + 30 * MIN);
  const id = newIncidentId(declaredAt, randomBytes(6));
  const iso = (offsetMin: number) => new Date(deployedAt.getTime() + offsetMin * MIN).toISOString();
  const envelope = (offsetMin: number, author: string) => ({ id: newEventId(randomBytes(10)), ts: iso(offsetMin), author });
  const events: IncidentEvent[] = [
    {
      ...envelope(30, 'Dana Whitfield'),
      type: 'declared',
      title: 'Checkout failing: payments time out',
      severity: 'SEV1',
      urgency: 'high',
      service: 'checkout',
      startedAt: iso(24),
      detectedAt: iso(27),
      utcOffsetMinutes: 0,
    },
    {
      ...envelope(30.2, 'Dana Whitfield'),
      type: 'entry',
      kind: 'alert',
      text: 'CheckoutDBPoolExhausted firing: pool acquire wait p99 2.0 s (threshold 0.5 s)',
    },
    { ...envelope(30.5, 'Dana Whitfield'), type: 'role_assigned', role: 'commander', person: 'Dana Whitfield' },
    { ...envelope(31, 'Dana Whitfield'), type: 'role_assigned', role: 'tech', person: 'Sam Okafor' },
    {
      ...envelope(32, 'Sam Okafor'),
      type: 'entry',
      kind: 'note',
      text: '38% of POST /api/checkout return 500 "timeout acquiring connection"',
    },
    { ...envelope(33, 'Sam Okafor'), type: 'entry', kind: 'hypothesis', text: 'Pool too small since the v2.4.1 deploy?' },
  ];
  fs.mkdirSync(path.join(dir, '.warroom', id), { recursive: true });
  fs.writeFileSync(path.join(dir, '.warroom', '.gitattributes'), 'events.jsonl merge=union\n');
  fs.writeFileSync(path.join(dir, '.warroom', id, 'events.jsonl'), events.map(serializeEvent).join(''));
  return id;
}
