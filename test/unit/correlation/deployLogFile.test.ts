// The deploy log and the data dir are named by settings, which travel with the repository: they are
// read (or written) only inside the folder they are relative to, real paths counted, and the deploy
// log only when it is a regular file of sane size (a FIFO or /dev/zero would block the editor).
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findSuspects } from '../../../src/adapters/git';
import { resolveInside } from '../../../src/adapters/insideFolder';
import { GitRepo, makeRepo, makeTempDir, removeTempDir } from '../../support/gitRepo';

const AT = '2026-11-20T12:00:00Z';

describe('settings naming files stay inside their folder', function () {
  this.timeout(30_000);
  let dir: string;
  let repo: GitRepo;
  let sha: string;
  /** A deploy log line for the commit, an hour before the incident. */
  let line: string;

  before(() => {
    dir = makeTempDir();
    repo = makeRepo(path.join(dir, 'repo'));
    repo.commit({ 'a.txt': 'a\n' }, { date: '2026-11-19T09:00:00Z', message: 'init' });
    sha = repo.commit({ 'a.txt': 'b\n' }, { date: '2026-11-20T10:00:00Z', message: 'change' });
    line = `2026-11-20T11:00:00Z ${sha} production\n`;
  });
  after(() => removeTempDir(dir));

  const deployLog = async (logPath: string) => {
    const result = await findSuspects(repo.dir, { at: new Date(AT), now: new Date(AT), deployLogPath: logPath });
    // what is said of the log (the log unread, the commit is ranked as landed: said too, checked elsewhere)
    const warnings = result.warnings.filter((w) => w.startsWith('deploy log'));
    return { fromLog: result.ranking.deploys.filter((d) => d.deploy.kind === 'deploy-log').length, warnings };
  };

  it('reads a deploy log inside the repository', async () => {
    fs.writeFileSync(path.join(repo.dir, 'deploys.log'), line);
    assert.deepEqual(await deployLog('deploys.log'), { fromLog: 1, warnings: [] });
  });

  it('refuses a deploy log outside the repository, by path or through a symlink', async () => {
    fs.writeFileSync(path.join(dir, 'outside.log'), line);
    fs.symlinkSync(path.join(dir, 'outside.log'), path.join(repo.dir, 'linked.log'));
    for (const logPath of ['../outside.log', path.join(dir, 'outside.log'), 'linked.log']) {
      const { fromLog, warnings } = await deployLog(logPath);
      assert.equal(fromLog, 0, logPath);
      assert.deepEqual(warnings, [`deploy log ${logPath} is outside the repository (${repo.dir}): not read`]);
    }
  });

  it('refuses a FIFO, a directory and a huge file without blocking on them', async () => {
    const fifo = path.join(repo.dir, 'deploys.fifo');
    execFileSync('mkfifo', [fifo]);
    // A writer that would hand a deploy over the FIFO to whoever opens it (and waits for one).
    const writer = spawn('sh', ['-c', `printf '%s' '${line.trim()}' > '${fifo}'`], { stdio: 'ignore' });
    try {
      const { fromLog, warnings } = await deployLog('deploys.fifo');
      assert.equal(fromLog, 0);
      assert.deepEqual(warnings, [`deploy log deploys.fifo is not a regular file (${repo.dir}): not read`]);
    } finally {
      writer.kill();
    }
    fs.mkdirSync(path.join(repo.dir, 'logs.d'));
    assert.deepEqual((await deployLog('logs.d')).warnings, [`deploy log logs.d is not a regular file (${repo.dir}): not read`]);
    // Sparse: 9 MB of size without 9 MB of disk.
    fs.writeFileSync(path.join(repo.dir, 'huge.log'), line);
    fs.truncateSync(path.join(repo.dir, 'huge.log'), 9 * 1024 * 1024);
    assert.deepEqual(await deployLog('huge.log'), {
      fromLog: 0,
      warnings: [`deploy log huge.log is larger than 8 MB (${repo.dir}): not read`],
    });
  });

  it('resolves a data dir inside the folder, created or not, and nothing that leads out', () => {
    const root = path.join(dir, 'ws');
    fs.mkdirSync(path.join(root, 'inner'), { recursive: true });
    assert.equal(resolveInside(root, '.warroom'), path.join(root, '.warroom'));
    assert.equal(resolveInside(root, 'inner/not/yet'), path.join(root, 'inner', 'not', 'yet'));
    assert.equal(resolveInside(root, path.join(root, 'abs')), path.join(root, 'abs'));
    assert.equal(resolveInside(root, '..warroom'), path.join(root, '..warroom'));
    for (const outside of ['../..', '..', '/tmp', 'inner/../../ws-sibling']) {
      assert.equal(resolveInside(root, outside), undefined, outside);
    }
    fs.symlinkSync(dir, path.join(root, 'up'));
    fs.symlinkSync(path.join(dir, 'does-not-exist-yet'), path.join(root, 'dangling'));
    assert.equal(resolveInside(root, 'up/.warroom'), undefined);
    assert.equal(resolveInside(root, 'dangling'), undefined);
    assert.equal(resolveInside(root, 'dangling/sub'), undefined);
  });
});
