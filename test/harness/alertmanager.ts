// The real Alertmanager (Debian's prometheus-alertmanager, installed by install.mjs) on a free
// loopback port, with its own config and storage in a temp folder and no cluster gossip; stopped
// after the test (also on failure or Ctrl+C, through cleanup.ts). Ready when /-/ready says so.
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { registerCleanup } from './cleanup';

export const ALERTMANAGER_BIN = process.env.WARROOM_ALERTMANAGER_BIN || '/usr/bin/prometheus-alertmanager';

const CONFIG = `route:
  receiver: blackhole
  group_by: [alertname, service]
receivers:
  - name: blackhole
`;

export interface RunningAlertmanager {
  readonly url: string;
  /** Posts alerts through its API, as Prometheus would. */
  seed(alerts: readonly Record<string, unknown>[]): Promise<void>;
  stop(): Promise<void>;
}

export function alertmanagerInstalled(): boolean {
  return fs.existsSync(ALERTMANAGER_BIN);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function request(url: string, method = 'GET', body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body ? { 'Content-Type': 'application/json' } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function startAlertmanager(): Promise<RunningAlertmanager> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-alertmanager-'));
  fs.writeFileSync(path.join(dir, 'alertmanager.yml'), CONFIG);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child: ChildProcess = spawn(
    ALERTMANAGER_BIN,
    [
      `--config.file=${path.join(dir, 'alertmanager.yml')}`,
      `--storage.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const release = registerCleanup(
    async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
    () => {
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  );
  // Ready when it says so; an exit first is a failure with its own words.
  for (;;) {
    if (child.exitCode !== null) {
      await release();
      throw new Error(`prometheus-alertmanager exited with ${child.exitCode}: ${log.slice(-2000)}`);
    }
    const ready = await request(`${url}/-/ready`).catch(() => undefined);
    if (ready?.status === 200) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    seed: async (alerts) => {
      const res = await request(`${url}/api/v2/alerts`, 'POST', JSON.stringify(alerts));
      if (res.status !== 200) throw new Error(`seeding Alertmanager: ${res.status} ${res.text}`);
    },
    stop: release,
  };
}

/** `count` firing alerts over two names and two services, each with a runbook link, as Prometheus sends them. */
export function seedAlerts(count: number, now = Date.now()): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    labels: {
      alertname: i % 2 ? 'HighLatency' : 'ErrorBudgetBurn',
      service: i % 3 ? 'checkout' : 'payments',
      instance: `web-${i}`,
      severity: i % 5 ? 'warning' : 'critical',
    },
    annotations: { summary: `Alert ${i}`, runbook_url: 'runbooks/checkout-latency.md' },
    startsAt: new Date(now - 60_000 - i * 1000).toISOString(),
    endsAt: new Date(now + 3_600_000).toISOString(),
    generatorURL: 'http://prometheus.invalid/graph',
  }));
}
