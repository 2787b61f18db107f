// Deploy correlation reads both versions of the manifests a suspect changed, on a real repository: a
// dependency bump says which dependency moved, a package.json edit that moved none (a script, the
// version) is not a dependency change, and a manifest git cannot read is judged by its path as before.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { findSuspects } from '../../../src/adapters/git';
import { MANIFESTS_PER_COMMIT, withDependencyChanges } from '../../../src/adapters/git/manifestChanges';
import { LOCKFILE_MAX_BYTES } from '../../../src/core/correlation/manifests';
import type { Commit } from '../../../src/core/correlation';
import { makeRepo, suiteTempDir } from '../../support/gitRepo';

/** Correlation at 14:00 on the day every test here builds its history, read a day later (reruns agree). */
const correlate = (dir: string) =>
  findSuspects(dir, { at: new Date('2026-11-22T14:00:00Z'), now: new Date('2026-11-23T14:00:00Z'), utcOffsetMinutes: 0 });

const pkg = (deps: Record<string, string>, extra: object = {}) =>
  `${JSON.stringify({ name: 'checkout', version: '1.4.0', ...extra, dependencies: deps }, null, 2)}\n`;

describe('dependency manifests in deploy correlation, on a real repository', function () {
  this.timeout(30_000);
  const temp = suiteTempDir();

  it('names the dependency a bump moved, and does not call a script change a dependency change', async () => {
    const repo = makeRepo(path.join(temp(), 'shop'));
    repo.commit(
      { 'package.json': pkg({ express: '^4.18.2', pg: '8.11.0' }), 'go.mod': 'module example.com/pay\n\ngo 1.21\n' },
      { date: '2026-11-22T09:00:00Z', message: 'Initial' },
    );
    repo.tag('v1.4.0', { date: '2026-11-22T09:30:00Z', message: 'v1.4.0' });
    const script = repo.commit(
      { 'package.json': pkg({ express: '^4.18.2', pg: '8.11.0' }, { version: '1.4.1', scripts: { start: 'node server.js' } }) },
      { date: '2026-11-22T12:00:00Z', message: 'Add a start script' },
    );
    const bump = repo.commit(
      {
        'package.json': pkg({ express: '^4.19.0', pg: '8.11.0' }, { version: '1.4.1', scripts: { start: 'node server.js' } }),
        'package-lock.json': '{"lockfileVersion":3}\n',
        'go.mod': 'module example.com/pay\n\ngo 1.22\n\nrequire golang.org/x/net v0.23.0\n',
      },
      { date: '2026-11-22T12:30:00Z', message: 'Bump express and x/net' },
    );
    repo.tag('v1.4.1', { date: '2026-11-22T13:00:00Z', message: 'v1.4.1' });
    const r = await correlate(repo.dir);
    const reasons = (sha: string) => r.ranking.commits.find((c) => c.sha === sha)?.reasons.map((x) => x.text) ?? [];
    assert.ok(!reasons(script).some((t) => t.startsWith('changes dependencies')), reasons(script).join('\n'));
    assert.ok(
      reasons(bump).includes(
        'changes dependencies: go.mod, package-lock.json, package.json (go 1.21 → 1.22, golang.org/x/net added and 1 more)',
      ),
      reasons(bump).join('\n'),
    );
    const files = r.commits.get(bump)?.files ?? [];
    assert.deepEqual(files.find((f) => f.path === 'go.mod')?.dependencies, [
      { name: 'go', from: '1.21', to: '1.22' },
      { name: 'golang.org/x/net', to: 'v0.23.0' },
    ]);
    // A lockfile is read to name what moved, never to clear it: naming nothing, it still counts by its path.
    assert.deepEqual(files.find((f) => f.path === 'package-lock.json')?.dependencies, []);
  });

  it(`reads at most ${MANIFESTS_PER_COMMIT} manifests a commit, manifests before lockfiles; the rest count by their path`, async () => {
    const repo = makeRepo(path.join(temp(), 'monorepo'));
    const modules = Array.from({ length: MANIFESTS_PER_COMMIT + 1 }, (_, i) => `svc${i}/go.mod`);
    const mod = (net: string) => `module example.com/svc\n\ngo 1.22\n\nrequire golang.org/x/net ${net}\n`;
    const all = (net: string) => Object.fromEntries(modules.map((m) => [m, mod(net)]));
    repo.commit(
      { ...all('v0.23.0'), 'package-lock.json': '{"lockfileVersion":3}\n' },
      { date: '2026-11-22T09:00:00Z', message: 'Initial' },
    );
    repo.tag('v1.0.0', { date: '2026-11-22T09:30:00Z', message: 'v1.0.0' });
    const bump = repo.commit(
      { 'package-lock.json': '{"lockfileVersion":3,"packages":{}}\n', ...all('v0.24.0') },
      { date: '2026-11-22T12:00:00Z', message: 'Bump x/net in every module' },
    );
    repo.tag('v1.0.1', { date: '2026-11-22T13:00:00Z', message: 'v1.0.1' });
    const r = await correlate(repo.dir);
    const files = r.commits.get(bump)?.files ?? [];
    const read = files.filter((f) => f.dependencies !== undefined).map((f) => f.path);
    assert.equal(read.length, MANIFESTS_PER_COMMIT, read.join(', '));
    assert.ok(!read.includes('package-lock.json'), 'the lockfile waits behind the manifests');
    const reason = r.ranking.commits.find((c) => c.sha === bump)?.reasons.find((x) => x.factor === 'risky-path')?.text;
    assert.match(reason ?? '', /^changes dependencies: .* \(golang\.org\/x\/net v0\.23\.0 → v0\.24\.0\)$/);
  });

  it('reads a module moved to another folder as the one move it is, not every dependency removed and added again', async () => {
    const repo = makeRepo(path.join(temp(), 'moved-module'));
    const goMod = (api: string, net = 'v0.23.0') =>
      `module example.com/shop/client\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/net ${net}\n\texample.com/shop/api v1.2.0\n)\n\nreplace example.com/shop/api => ${api}\n`;
    const sum = 'golang.org/x/net v0.23.0 h1:abc=\ngolang.org/x/net v0.23.0/go.mod h1:def=\n';
    const code = Array.from({ length: 40 }, (_, i) => `// line ${i}\n`).join('') + 'package client\n';
    // The root module replaces the client by its folder, and follows it when it moves.
    const rootMod = (client: string) =>
      `module example.com/shop\n\ngo 1.22\n\nrequire example.com/shop/client v1.2.0\n\nreplace example.com/shop/client => ${client}\n`;
    repo.commit(
      {
        'client/go.mod': goMod('../api'),
        'client/go.sum': sum,
        'client/client.go': code,
        'go.mod': rootMod('./client'),
        'main.go': 'package main\n',
      },
      { date: '2026-11-22T09:00:00Z', message: 'Initial' },
    );
    repo.tag('v1.0.0', { date: '2026-11-22T09:30:00Z', message: 'v1.0.0' });
    const hide = repo.commit(
      {
        'internal/client/go.mod': goMod('../../api', 'v0.24.0'),
        'internal/client/go.sum': sum,
        'internal/client/client.go': code,
        'go.mod': rootMod('./internal/client'),
      },
      { date: '2026-11-22T12:00:00Z', message: 'Hide the client package', remove: ['client/go.mod', 'client/go.sum', 'client/client.go'] },
    );
    const plain = repo.commit(
      { 'pkg/client/go.mod': goMod('../../api', 'v0.24.0'), 'pkg/client/go.sum': sum },
      {
        date: '2026-11-22T12:30:00Z',
        message: 'Move the client module again',
        remove: ['internal/client/go.mod', 'internal/client/go.sum'],
      },
    );
    repo.tag('v1.0.1', { date: '2026-11-22T13:00:00Z', message: 'v1.0.1' });
    const r = await correlate(repo.dir);
    const risky = (sha: string) => r.ranking.commits.find((c) => c.sha === sha)?.reasons.filter((x) => x.factor === 'risky-path');
    assert.deepEqual(
      risky(hide)?.map((x) => [x.points, x.text]),
      [[3, 'changes dependencies: internal/client/go.mod (golang.org/x/net v0.23.0 → v0.24.0)']],
    );
    // Its replacement's `../api` became `../../api` from one folder deeper: the same folder, no move named.
    // The root go.mod's `./client` became `./internal/client`, the folder this commit moved: not named either.
    // Moved as they were: the same bytes name the same dependencies.
    assert.deepEqual(risky(plain), []);
  });

  it("names the packages a lockfile-only update moved (jaeger's real `npm audit fix`)", async () => {
    const corpus = path.resolve(__dirname, '../../../../test/fixtures/corpus/manifests');
    const lock = (side: string) =>
      zlib.gunzipSync(fs.readFileSync(path.join(corpus, `jaegertracing__jaeger__.github__scripts__package-lock.json.${side}.gz`)));
    const repo = makeRepo(path.join(temp(), 'audit'));
    repo.commit({ 'scripts/package-lock.json': lock('before') }, { date: '2026-11-22T09:00:00Z', message: 'Initial' });
    repo.tag('v1.0.0', { date: '2026-11-22T09:30:00Z', message: 'v1.0.0' });
    const audit = repo.commit({ 'scripts/package-lock.json': lock('after') }, { date: '2026-11-22T12:00:00Z', message: 'npm audit fix' });
    repo.tag('v1.0.1', { date: '2026-11-22T13:00:00Z', message: 'v1.0.1' });
    const r = await correlate(repo.dir);
    const reasons = r.ranking.commits.find((c) => c.sha === audit)?.reasons.map((x) => x.text) ?? [];
    assert.ok(
      reasons.includes('changes dependencies: scripts/package-lock.json (brace-expansion 1.1.15/2.1.1 → 1.1.16/2.1.2)'),
      reasons.join('\n'),
    );
  });

  it('leaves a lockfile over its size cap to its path without reading it, and still reads the manifest beside it', async () => {
    const repo = makeRepo(path.join(temp(), 'huge-lock'));
    const lock = (v: string) =>
      JSON.stringify({
        lockfileVersion: 3,
        packages: Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`node_modules/p${i}`, { version: `${v}.${i}` }])),
      });
    assert.ok(lock('1.0').length > LOCKFILE_MAX_BYTES);
    repo.commit(
      { 'package.json': pkg({ pg: '8.11.0' }), 'package-lock.json': lock('1.0') },
      { date: '2026-11-22T09:00:00Z', message: 'Initial' },
    );
    const bump = repo.commit(
      { 'package.json': pkg({ pg: '8.12.0' }), 'package-lock.json': lock('1.1') },
      { date: '2026-11-22T12:00:00Z', message: 'Bump everything' },
    );
    const file = (p: string) => ({ path: p, status: 'modified' as const, additions: 1, deletions: 1, binary: false, submodule: false });
    const parent = repo.git(['rev-parse', `${bump}^`]).trim();
    const commit = {
      sha: bump,
      parents: [parent],
      subject: 's',
      files: [file('package-lock.json'), file('package.json')],
      filesOmitted: 0,
    } as unknown as Commit;
    // A git that writes down what `cat-file --batch` is asked for, then answers as git does: the
    // lockfile's size is asked (`--batch-check`), its text never.
    const dir = temp();
    const asked = path.join(dir, 'asked.txt');
    const logging = path.join(dir, 'logging-git');
    fs.writeFileSync(
      logging,
      `#!/bin/sh\ncase " $* " in *" cat-file --batch "*) tee -a '${asked}' | git "$@" ;; *) exec git "$@" ;; esac\n`,
      { mode: 0o755 },
    );
    const [read] = await withDependencyChanges(repo.dir, logging, [commit]);
    const specs = fs.readFileSync(asked, 'utf8').split('\n').filter(Boolean);
    assert.deepEqual(specs, [`${parent}:package.json`, `${bump}:package.json`]);
    assert.equal(read.files[0].dependencies, undefined, 'the lockfile: its path decides');
    assert.deepEqual(read.files[1].dependencies, [{ name: 'pg', from: '8.11.0', to: '8.12.0' }]);
  });

  it('leaves a manifest git cannot give as it was, and reads an added one as all new', async () => {
    const repo = makeRepo(path.join(temp(), 'lacking'));
    const first = repo.commit({ 'requirements.txt': 'django==5.0\n' }, { date: '2026-11-22T09:00:00Z', message: 'Initial' });
    const file = { path: 'requirements.txt', status: 'modified' as const, additions: 1, deletions: 1, binary: false, submodule: false };
    const commit = (sha: string, parents: string[]): Commit =>
      ({ sha, parents, subject: 's', files: [file], filesOmitted: 0 }) as unknown as Commit;
    // A parent the repository does not have (a snapshot lacking objects): unread, not "nothing moved".
    const [lacking] = await withDependencyChanges(repo.dir, 'git', [commit(first, ['0'.repeat(40)])]);
    assert.equal(lacking.files[0].dependencies, undefined);
    // The root commit: no parent, so everything it lists is new.
    const [root] = await withDependencyChanges(repo.dir, 'git', [commit(first, [])]);
    assert.deepEqual(root.files[0].dependencies, [{ name: 'django', to: '==5.0' }]);
    // A git whose answer stops after the first version: the other side is unknown, not absent (which
    // would read every requirement as added).
    const cut = path.join(temp(), 'cut-git');
    fs.writeFileSync(cut, `#!/bin/sh\ncat >/dev/null\nprintf '${'a'.repeat(40)} blob 12\\ndjango==5.0\\n\\n'\n`, { mode: 0o755 });
    const [cutShort] = await withDependencyChanges(repo.dir, cut, [commit(first, ['b'.repeat(40)])]);
    assert.equal(cutShort.files[0].dependencies, undefined);
    // git missing altogether: the commits come back as they were.
    const [noGit] = await withDependencyChanges(repo.dir, path.join(temp(), 'no-such-git'), [commit(first, [])]);
    assert.equal(noGit.files[0].dependencies, undefined);
  });
});
