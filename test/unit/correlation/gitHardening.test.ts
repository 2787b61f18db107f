// A repository's own config can name commands git runs: an fsmonitor hook, textconv and external
// diff drivers, clean/smudge filters picked by .gitattributes, and (in a partial clone, when an object
// is missing) the transport of a lazy fetch. Every git the adapters start must run none of them, even
// in a trusted workspace: each test crafts such a repository whose commands would touch a marker
// file, checks plain git does touch it, then runs every adapter entry point and finds no marker.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  blameFile,
  changedLines,
  commitText,
  fileAtRevision,
  findSuspects,
  headCommit,
  releasesContaining,
  runbookChanges,
} from '../../../src/adapters/git';
import { gitUserName } from '../../../src/adapters/identity/gitUser';
import { GitRepo, makeRepo, makeTempDir, removeTempDir } from '../../support/gitRepo';

const AT = '2026-11-20T12:00:00Z';
const TEXT = 'one\ntwo\nthree\n';

describe('git runs none of the commands a repository configures', function () {
  this.timeout(60_000);
  let dir: string;
  let markers: string;
  let repo: GitRepo;
  let change: string;

  /** Who touched a marker. */
  const touched = (): string[] => fs.readdirSync(markers).sort();
  const touch = (name: string): string => `touch '${path.join(markers, name)}'`;

  beforeEach(() => {
    dir = makeTempDir();
    markers = path.join(dir, 'markers');
    fs.mkdirSync(markers);
    repo = makeRepo(path.join(dir, 'repo'));
    repo.commit(
      { 'src/s.txt': TEXT, 'src/p.txt': TEXT, 'runbooks/r.md': '# Restart\n' },
      { date: '2026-11-19T09:00:00Z', message: 'init' },
    );
    repo.tag('v1.0.0', { date: '2026-11-19T09:05:00Z', message: 'v1.0.0' });
    change = repo.commit(
      {
        'src/s.txt': TEXT.replace('two', 'TWO'),
        'src/p.txt': TEXT.replace('three', 'THREE'),
        '.gitattributes': 'src/s.txt diff=evil filter=evil\nsrc/p.txt filter=proc\n',
      },
      { date: '2026-11-20T11:00:00Z', message: 'change both' },
    );
    repo.tag('v1.1.0', { date: '2026-11-20T11:05:00Z', message: 'v1.1.0' });
  });
  afterEach(() => removeTempDir(dir));

  /** Calls every adapter entry point that starts git, ignoring failures: only the markers count. */
  async function everyEntryPoint(): Promise<void> {
    const quietly = (run: () => Promise<unknown>) => run().catch(() => undefined);
    await quietly(() => findSuspects(repo.dir, { at: new Date(AT), now: new Date(AT), evidence: 'src/s.txt:2' }));
    await quietly(() => releasesContaining(repo.dir, change));
    await quietly(() => changedLines(repo.dir, change, 'src/s.txt'));
    await quietly(() => fileAtRevision(repo.dir, change, 'src/s.txt'));
    await quietly(() => fileAtRevision(repo.dir, `${change}^`, 'src/s.txt'));
    await quietly(() => commitText(repo.dir, change));
    await quietly(() => headCommit(repo.dir));
    await quietly(() => runbookChanges(repo.dir, ['runbooks/r.md']));
    await quietly(() => gitUserName(repo.dir));
    for (const file of ['src/s.txt', 'src/p.txt']) {
      await quietly(() => blameFile(repo.dir, file));
      await quietly(() => blameFile(repo.dir, file, { contents: `unsaved\n${TEXT}` }));
    }
  }

  it('runs no fsmonitor hook, textconv or external diff driver, clean, smudge or process filter', async () => {
    repo.git(['config', 'core.fsmonitor', touch('fsmonitor')]);
    repo.git(['config', 'diff.evil.textconv', `sh -c '${touch('textconv')}; cat "$1"' -`]);
    repo.git(['config', 'diff.evil.command', touch('diff-driver')]);
    repo.git(['config', 'diff.external', touch('diff-external')]);
    repo.git(['config', 'filter.evil.clean', `sh -c '${touch('clean')}; cat'`]);
    repo.git(['config', 'filter.evil.smudge', `sh -c '${touch('smudge')}; cat'`]);
    repo.git(['config', 'filter.evil.required', 'true']);
    repo.git(['config', 'filter.proc.process', touch('process')]);
    // The crafted config is live: plain git runs it.
    repo.git(['show', change]);
    repo.git(['blame', '--', 'src/s.txt']);
    try {
      repo.git(['blame', '--', 'src/p.txt']);
    } catch {
      // the "process" filter speaks no protocol, so git gives up on it after starting it
    }
    assert.deepEqual(touched(), ['clean', 'fsmonitor', 'process', 'smudge', 'textconv']);
    fs.rmSync(markers, { recursive: true });
    fs.mkdirSync(markers);

    await everyEntryPoint();
    assert.deepEqual(touched(), []);
    // With the filters off, blame still answers (a required filter would otherwise fail it).
    const groups = await blameFile(repo.dir, 'src/s.txt', { contents: TEXT.replace('two', 'TWO') });
    assert.ok(groups.some((g) => g.sha === change));
    assert.deepEqual(touched(), []);
  });

  it('starts no transport when a partial clone misses an object (no lazy fetch)', async () => {
    const blob = repo.git(['rev-parse', `${change}:src/s.txt`]).trim();
    fs.rmSync(path.join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)));
    repo.git(['config', 'core.repositoryformatversion', '1']);
    repo.git(['config', 'extensions.partialClone', 'origin']);
    repo.git(['config', 'remote.origin.url', 'ssh://git.example.invalid/shop.git']);
    repo.git(['config', 'core.sshCommand', touch('ssh')]);
    repo.git(['config', 'remote.mirror.promisor', 'true']);
    repo.git(['config', 'remote.mirror.url', `ext::sh -c ${touch('ext').replace(/ /g, '% ')}`]);
    repo.git(['config', 'protocol.allow', 'always']);
    repo.git(['config', 'protocol.ext.allow', 'always']);
    assert.throws(() => repo.git(['log', '--numstat', '-1', change]));
    assert.ok(touched().length > 0, 'plain git fetches the missing blob through the configured transport');
    fs.rmSync(markers, { recursive: true });
    fs.mkdirSync(markers);

    await everyEntryPoint();
    assert.deepEqual(touched(), []);
  });

  it('refuses to blame where a filter driver cannot be switched off by name', async () => {
    repo.git(['config', 'filter.a=b.clean', touch('clean')]);
    await assert.rejects(blameFile(repo.dir, 'src/s.txt'), /filter named "a=b"/);
    assert.deepEqual(touched(), []);
  });
});
