// A private PostgreSQL server for tests and benches: Debian's binaries, a data dir in a temp
// folder, 127.0.0.1 on a free port, the unix socket in the temp folder. PostgreSQL refuses to run
// as root, so under root it runs as Debian's `postgres` user (setpriv execs it, so the pid we hold
// is the server's own). Stopped and removed when the test process ends, also on failure.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { registerCleanup } from './cleanup';

/** The newest /usr/lib/postgresql/<version>/bin; install.mjs installs it on a fresh Debian machine. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres): run node test/harness/install.mjs, or apt-get install -y postgresql',
    );
  }
  return path.join(root, versions[0], 'bin');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/** argv that runs `command` as the postgres user when we are root, as ourselves otherwise. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return asRoot ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', command, ...args]] : [command, args];
}

export class TestPostgres {
  private child: ChildProcess | undefined;
  private readonly release: () => Promise<void>;

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
  ) {
    this.release = registerCleanup(
      async () => {
        await this.stop();
        fs.rmSync(this.dir, { recursive: true, force: true });
      },
      () => {
        this.child?.kill('SIGKILL');
        fs.rmSync(this.dir, { recursive: true, force: true });
      },
    );
  }

  /** Creates a cluster (user `warroom`, database `warroom`, trust on loopback) and starts it. */
  static async start(): Promise<TestPostgres> {
    const bin = postgresBinDir();
    // The postgres user must reach the folder: a sandbox's private TMPDIR (mode 700, as the
    // integration harness makes) is not reachable, /tmp is.
    const dir = fs.mkdtempSync(path.join(asRoot ? '/tmp' : os.tmpdir(), 'warroom-pg-'));
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(path.join(dir, 'data'), { mode: 0o700 });
    fs.mkdirSync(path.join(dir, 'socket'));
    if (asRoot) {
      execFileSync('chown', ['-R', 'postgres:postgres', path.join(dir, 'data'), path.join(dir, 'socket')]);
    }
    const [cmd, args] = asServerUser(path.join(bin, 'initdb'), [
      '-D',
      path.join(dir, 'data'),
      '-U',
      'warroom',
      '--auth=trust',
      '--encoding=UTF8',
      '--no-sync',
    ]);
    execFileSync(cmd, args, { stdio: 'pipe' });
    const server = new TestPostgres(dir, await freePort(), bin);
    await server.resume();
    execFileSync(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(server.port), '-U', 'warroom', 'warroom'], { stdio: 'pipe' });
    return server;
  }

  /** A connection string for the `warroom` database (or another one on this server). */
  url(database = 'warroom'): string {
    return `postgres://warroom@127.0.0.1:${this.port}/${database}`;
  }

  /** A fresh, empty database on this server, for a test that must not see another's rows. */
  createDatabase(name: string): string {
    execFileSync(path.join(this.bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'warroom', name], { stdio: 'pipe' });
    return this.url(name);
  }

  /**
   * A role that may only read the War Room tables of `database` (migrated already), as a stakeholder's
   * copy might connect; returns its connection string. The role is made once per server.
   */
  readerUrl(database = 'warroom'): string {
    const sql = [
      "DO $$ BEGIN CREATE ROLE warroom_reader LOGIN PASSWORD 'pw'; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
      `GRANT CONNECT ON DATABASE "${database}" TO warroom_reader`,
      'GRANT USAGE ON SCHEMA public TO warroom_reader',
      'GRANT SELECT ON warroom_schema, warroom_events TO warroom_reader',
    ];
    const psql = path.join(this.bin, 'psql');
    for (const statement of sql) {
      execFileSync(
        psql,
        ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'warroom', '-d', database, '-v', 'ON_ERROR_STOP=1', '-c', statement],
        {
          stdio: 'pipe',
        },
      );
    }
    return this.url(database).replace('postgres://warroom@', 'postgres://warroom_reader:pw@');
  }

  /** Starts the server on its data dir; resolves once it accepts connections (its own log line). */
  resume(): Promise<void> {
    const [cmd, args] = asServerUser(path.join(this.bin, 'postgres'), [
      '-D',
      path.join(this.dir, 'data'),
      '-p',
      String(this.port),
      '-k',
      path.join(this.dir, 'socket'),
      '-c',
      'listen_addresses=127.0.0.1',
      // A test server: durability is not under test, and fsync would make every figure disk-bound.
      '-c',
      'fsync=off',
      '-c',
      'max_connections=200',
    ]);
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    return new Promise((resolve, reject) => {
      let log = '';
      child.stderr!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('database system is ready to accept connections')) {
          child.stderr!.removeAllListeners('data');
          child.stderr!.resume();
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`postgres exited with ${code} before it was ready:\n${log}`)));
      child.once('error', reject);
    });
  }

  /** Fast shutdown (clients are cut off, as when a server goes away); resolves when it has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT');
    await exited;
  }

  /** Stops the server and removes its folder. */
  dispose(): Promise<void> {
    return this.release();
  }
}
