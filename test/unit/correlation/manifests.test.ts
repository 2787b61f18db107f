// Which dependencies a manifest change moved: a real go.mod bump from etcd, and each manifest kind's
// shapes (package.json sections, Cargo tables, pyproject arrays, requirements lines), including the
// edits that move none (scripts, a version, tool settings) and text that does not parse.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import {
  dependencyChanges,
  describeDependencyChanges,
  followsMovedFolder,
  isReadableLockfile,
  LOCKFILE_MAX_BYTES,
  MANIFEST_MAX_BYTES,
  MAX_MANIFEST_REQUIREMENTS,
  movedDependencyChanges,
  readsDependencies,
} from '../../../src/core/correlation/manifests';
import type { DependencyChange } from '../../../src/core/correlation';

const corpus = path.resolve(__dirname, '../../../../test/fixtures/corpus/manifests');
/** Both sides of a corpus file; the larger ones are kept gzipped (their bytes unchanged inside). */
function sides(name: string): { before: string; after: string } {
  const read = (side: string) => {
    const file = path.join(corpus, `${name}.${side}`);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : zlib.gunzipSync(fs.readFileSync(`${file}.gz`)).toString('utf8');
  };
  return { before: read('before'), after: read('after') };
}

describe('dependency manifests: which dependency a change moved', () => {
  it("reads etcd's real go.mod bump: one requirement moved, two indirect ones dropped, the go lines unchanged", () => {
    const read = (side: string) => fs.readFileSync(path.join(corpus, `etcd-io__etcd__api__go.mod.${side}`), 'utf8');
    const changes = dependencyChanges('api/go.mod', read('before'), read('after'));
    assert.deepEqual(changes, [
      { name: 'github.com/grpc-ecosystem/grpc-gateway/v2', from: 'v2.29.0', to: 'v2.30.0' },
      { name: 'github.com/kr/text', from: 'v0.2.0' },
      { name: 'github.com/rogpeppe/go-internal', from: 'v1.14.1' },
    ]);
    assert.equal(
      describeDependencyChanges(changes ?? []),
      'github.com/grpc-ecosystem/grpc-gateway/v2 v2.29.0 → v2.30.0, github.com/kr/text removed and 1 more',
    );
  });

  it('reads a manifest moved to another folder by what differs between its two ends, not as all removed and all added', () => {
    const read = (side: string) => fs.readFileSync(path.join(corpus, `etcd-io__etcd__api__go.mod.${side}`), 'utf8');
    // The log lists a move as a deletion and an addition, and each end is read on its own.
    const removed = dependencyChanges('api/go.mod', read('before'), undefined) ?? [];
    const added = dependencyChanges('internal/api/go.mod', undefined, read('after')) ?? [];
    assert.ok(removed.length > 10 && removed.every((c) => c.to === undefined), 'the deleted end: every dependency removed');
    assert.ok(added.length > 10 && added.every((c) => c.from === undefined), 'the added end: every dependency added');
    assert.deepEqual(movedDependencyChanges(removed, added), dependencyChanges('api/go.mod', read('before'), read('after')));
    assert.deepEqual(movedDependencyChanges(removed, dependencyChanges('internal/api/go.mod', undefined, read('before')) ?? []), []);
    // A dependency's version that was empty at one end is still a version (package.json's "").
    assert.deepEqual(movedDependencyChanges([{ name: 'pg', from: '' }], [{ name: 'pg', to: '8.12.0' }]), [
      { name: 'pg', from: '', to: '8.12.0' },
    ]);
  });

  it('a moved manifest whose local replacements still reach the same folders moved no dependency', () => {
    // etcd #15591 moved client/v2 to client/internal/v2: its go.mod's `../../api` became `./../../../api`.
    const mod = (api: string, pkg: string) =>
      `module go.etcd.io/etcd/client/v2\n\ngo 1.19\n\nrequire go.etcd.io/etcd/api/v3 v3.6.0-alpha.0\n\nreplace (\n\tgo.etcd.io/etcd/api/v3 => ${api}\n\tgo.etcd.io/etcd/client/pkg/v3 => ${pkg}\n)\n`;
    const removed = dependencyChanges('client/v2/go.mod', mod('../../api', '../pkg'), undefined) ?? [];
    const added = dependencyChanges('client/internal/v2/go.mod', undefined, mod('./../../../api', './../../pkg')) ?? [];
    const paths = { from: 'client/v2/go.mod', to: 'client/internal/v2/go.mod' };
    assert.deepEqual(movedDependencyChanges(removed, added, paths), []);
    // Without the paths the texts differ; a folder that is another one from the new place is a change.
    assert.equal(movedDependencyChanges(removed, added).length, 2);
    const elsewhere = dependencyChanges('client/internal/v2/go.mod', undefined, mod('../../api', './../../pkg')) ?? [];
    // The same text from one folder deeper reaches another folder: a change, though the words match.
    assert.deepEqual(movedDependencyChanges(removed, elsewhere, paths), [
      { name: 'go.etcd.io/etcd/api/v3 (replaced)', from: './api', to: './client/api' },
    ]);
    // A folder inside the module moves with it (etcd's `go.etcd.io/etcd => ./FORBIDDEN_DEPENDENCY`); another is a change.
    const inside = (target: string) => `module m\n\nreplace go.etcd.io/etcd => ${target}\n`;
    const forbidden = dependencyChanges('client/v2/go.mod', inside('./FORBIDDEN_DEPENDENCY'), undefined) ?? [];
    assert.deepEqual(
      movedDependencyChanges(forbidden, dependencyChanges(paths.to, undefined, inside('./FORBIDDEN_DEPENDENCY')) ?? [], paths),
      [],
    );
    assert.deepEqual(movedDependencyChanges(forbidden, dependencyChanges(paths.to, undefined, inside('./testdata')) ?? [], paths), [
      { name: 'go.etcd.io/etcd (replaced)', from: './FORBIDDEN_DEPENDENCY', to: './testdata' },
    ]);
    // A path leaving the repository has nothing to compare with; npm's file: specifiers resolve the same way.
    assert.equal(
      movedDependencyChanges(removed, dependencyChanges('x/go.mod', undefined, mod('../../../api', '../pkg')) ?? [], {
        from: paths.from,
        to: 'x/go.mod',
      }).length,
      2,
    );
    const pkg = (lib: string) => JSON.stringify({ name: 'web', dependencies: { lib } });
    assert.deepEqual(
      movedDependencyChanges(
        dependencyChanges('web/package.json', pkg('file:../lib'), undefined) ?? [],
        dependencyChanges('apps/web/package.json', undefined, pkg('file:../../lib')) ?? [],
        { from: 'web/package.json', to: 'apps/web/package.json' },
      ),
      [],
    );
  });

  it('knows a replacement rewritten to follow the folder its commit moved from one that changed dependencies', () => {
    // etcd #15591 moved client/v2 to client/internal/v2, and each go.mod that replaced the module followed it.
    const moves = [
      { from: 'client/v2/go.mod', to: 'client/internal/v2/go.mod' },
      { from: 'client/v2/keys.go', to: 'client/internal/v2/keys.go' },
    ];
    const v2 = 'go.etcd.io/etcd/client/v2 (replaced)';
    const root = { from: 'go.mod', to: 'go.mod' };
    const server = { from: 'server/go.mod', to: 'server/go.mod' };
    const [rootChange] =
      dependencyChanges(
        'go.mod',
        `module go.etcd.io/etcd/v3\n\nreplace go.etcd.io/etcd/client/v2 => ./client/v2\n`,
        `module go.etcd.io/etcd/v3\n\nreplace go.etcd.io/etcd/client/v2 => ./client/internal/v2\n`,
      ) ?? [];
    assert.deepEqual(rootChange, { name: v2, from: './client/v2', to: './client/internal/v2' });
    assert.ok(followsMovedFolder(rootChange, root, moves));
    assert.ok(followsMovedFolder({ name: v2, from: '../client/v2', to: './../client/internal/v2' }, server, moves));
    // Pointed at a folder the commit did not move there, at a version, or at the same folder: a change.
    assert.ok(!followsMovedFolder({ name: v2, from: './client/v2', to: './client/v3' }, root, moves));
    assert.ok(!followsMovedFolder({ name: v2, from: './client/v2', to: 'v2.305.0' }, root, moves));
    assert.ok(!followsMovedFolder({ name: v2, from: 'v2.305.0', to: './client/internal/v2' }, root, moves));
    assert.ok(!followsMovedFolder({ name: v2, from: './client/v2', to: './client/v2/' }, root, moves));
    assert.ok(!followsMovedFolder({ name: v2, to: './client/internal/v2' }, root, moves));
    // Only the folder itself: a file moved out of client/v2 into another folder says nothing of this one.
    const other = [{ from: 'client/v2/keys.go', to: 'client/internal/keys.go' }];
    assert.ok(!followsMovedFolder(rootChange, root, other));
    assert.ok(!followsMovedFolder(rootChange, root, []));
    // A prefix that is not a folder: client/v2x moved says nothing of client/v2.
    assert.ok(!followsMovedFolder(rootChange, root, [{ from: 'client/v2x/a.go', to: 'client/internal/v2x/a.go' }]));
    // A folder's files moved up to the root: `./lib` became `.`.
    const upToRoot = [{ from: 'lib/index.js', to: 'index.js' }];
    assert.ok(
      followsMovedFolder({ name: 'lib', from: 'file:./lib', to: 'file:.' }, { from: 'package.json', to: 'package.json' }, upToRoot),
    );
    assert.ok(!followsMovedFolder({ name: 'lib', from: 'file:./lib', to: 'file:.' }, { from: 'package.json', to: 'package.json' }, moves));
    // The root folder never moves; a path leaving the repository reaches nothing to compare.
    assert.ok(!followsMovedFolder({ name: v2, from: '.', to: './client' }, root, [{ from: 'a.go', to: 'client/a.go' }]));
    assert.ok(!followsMovedFolder({ name: v2, from: '../elsewhere', to: '../../elsewhere' }, root, moves));
    // npm's file: specifiers are read the same way, from a moved manifest's own two ends.
    assert.ok(
      followsMovedFolder(
        { name: 'lib', from: 'file:../lib', to: 'file:../../packages/lib' },
        { from: 'web/package.json', to: 'apps/web/package.json' },
        [{ from: 'lib/index.js', to: 'packages/lib/index.js' }],
      ),
    );
  });

  it('counts a new Go version and a replace in go.mod, single lines and blocks', () => {
    const before = 'module example.com/shop\n\ngo 1.21\n\nrequire example.com/pay v1.2.0\n';
    const after = 'module example.com/shop\n\ngo 1.22\n\nrequire (\n\texample.com/pay v1.2.0\n)\n\nreplace example.com/pay => ../pay\n';
    assert.deepEqual(dependencyChanges('go.mod', before, after), [
      { name: 'go', from: '1.21', to: '1.22' },
      { name: 'example.com/pay (replaced)', to: '../pay' },
    ]);
  });

  it("says none moved when package.json's scripts, version or description changed", () => {
    const pkg = (extra: object) =>
      JSON.stringify({ name: 'shop', version: '1.0.0', dependencies: { express: '^4.18.2' }, ...extra }, null, 2);
    assert.deepEqual(dependencyChanges('package.json', pkg({}), pkg({ version: '1.0.1', scripts: { start: 'node .' } })), []);
    assert.deepEqual(
      dependencyChanges(
        'web/package.json',
        pkg({ devDependencies: { typescript: '5.4.0' } }),
        pkg({ dependencies: { express: '^4.19.0', 'left-pad': '1.3.0' } }),
      ),
      [
        { name: 'express', from: '^4.18.2', to: '^4.19.0' },
        { name: 'left-pad', to: '1.3.0' },
        { name: 'typescript (devDependencies)', from: '5.4.0' },
      ],
    );
    // A file added or deleted: everything it lists moved.
    assert.deepEqual(dependencyChanges('package.json', undefined, pkg({})), [{ name: 'express', to: '^4.18.2' }]);
    assert.deepEqual(dependencyChanges('composer.json', '{"require":{"php":">=8.1"}}', undefined), [{ name: 'php', from: '>=8.1' }]);
  });

  it('reads Cargo.toml dependency tables, target and workspace ones too, and ignores features and profiles', () => {
    const before = [
      '[package]',
      'name = "shop"',
      'version = "0.1.0"',
      '',
      '[dependencies]',
      'serde = { version = "1.0", features = [',
      '  "derive",',
      '] }',
      'tokio = "1.36"',
      '',
      "[target.'cfg(unix)'.dependencies]",
      'nix = "0.27"',
      '',
      '[profile.release]',
      'lto = true',
    ].join('\n');
    const after = before
      .replace('version = "0.1.0"', 'version = "0.2.0"')
      .replace('lto = true', 'lto = false')
      .replace('  "derive",', '  "derive", "rc",')
      .replace('nix = "0.27"', 'nix = "0.28"')
      .concat('\n\n[dev-dependencies.proptest]\nversion = "1"\n');
    assert.deepEqual(dependencyChanges('Cargo.toml', before, after), [
      { name: 'serde', from: '{ version = "1.0", features = [ "derive", ] }', to: '{ version = "1.0", features = [ "derive", "rc", ] }' },
      { name: "nix (target.'cfg(unix)')", from: '"0.27"', to: '"0.28"' },
      { name: 'proptest (dev-dependencies)', to: 'version = "1"' },
    ]);
  });

  it('reads pyproject.toml requirement arrays, optional groups and Poetry tables, not tool settings', () => {
    const before = [
      '[build-system]',
      'requires = ["hatchling"]',
      '',
      '[project]',
      'name = "shop"',
      'classifiers = [',
      '  "Programming Language :: Python",',
      ']',
      'dependencies = [',
      '  "requests[socks]>=2.31",',
      '  "Flask_Login==0.6.3",',
      ']',
      '',
      '[project.optional-dependencies]',
      'test = ["pytest>=8"]',
      '',
      '[tool.ruff]',
      'line-length = 100',
    ].join('\n');
    assert.deepEqual(dependencyChanges('pyproject.toml', before, before.replace('line-length = 100', 'line-length = 120')), []);
    const after = before.replace('>=2.31', '>=2.32').replace('"pytest>=8"', '"pytest>=8", "pytest-cov"');
    assert.deepEqual(dependencyChanges('pyproject.toml', before, after), [
      { name: 'requests', from: '[socks]>=2.31', to: '[socks]>=2.32' },
      { name: 'pytest-cov (test)', to: '' },
    ]);
    const poetry = '[tool.poetry.dependencies]\npython = "^3.11"\n\n[tool.poetry.group.dev.dependencies]\nblack = "^24"\n';
    assert.deepEqual(dependencyChanges('pyproject.toml', poetry, poetry.replace('^24', '^25')), [
      { name: 'black (group.dev.dependencies)', from: '"^24"', to: '"^25"' },
    ]);
  });

  it('does not read a pyproject.toml with more requirement strings than any real one lists', () => {
    const list = (n: number) => `[project]\ndependencies = [${Array.from({ length: n }, (_, i) => `"p${i}>=1"`).join(', ')}]\n`;
    const atCap = dependencyChanges('pyproject.toml', list(MAX_MANIFEST_REQUIREMENTS - 1), list(MAX_MANIFEST_REQUIREMENTS));
    assert.deepEqual(atCap, [{ name: `p${MAX_MANIFEST_REQUIREMENTS - 1}`, to: '>=1' }], 'up to the bound every requirement is read');
    // Over it, across sections too: nobody knows what changed, so the path decides (as for a file over the size cap).
    const over = `${list(MAX_MANIFEST_REQUIREMENTS)}[build-system]\nrequires = ["hatchling"]\n`;
    assert.equal(dependencyChanges('pyproject.toml', list(1), over), undefined);
    assert.equal(dependencyChanges('pyproject.toml', `[project]\ndependencies = [${'"a'.repeat(250_000)}\n`, list(1)), undefined);
  });

  it('reads requirements.txt lines, comments and options included', () => {
    assert.deepEqual(dependencyChanges('requirements.txt', 'Django==4.2  # LTS\n-r base.txt\n', 'django==5.0\n-r base.txt\ngunicorn\n'), [
      { name: 'django', from: '==4.2', to: '==5.0' },
      { name: 'gunicorn', to: '' },
    ]);
  });

  it('reads real lockfiles: the packages an update moved, direct or not, with the commit of a git source', () => {
    const cases: [string, string, DependencyChange[], string][] = [
      // `npm audit fix` of a transitive package: only the lockfile changed, at two places in the tree.
      [
        '.github/scripts/package-lock.json',
        'jaegertracing__jaeger__.github__scripts__package-lock.json',
        [{ name: 'brace-expansion', from: '1.1.15 + 2.1.1', to: '1.1.16 + 2.1.2' }],
        'brace-expansion 1.1.15/2.1.1 → 1.1.16/2.1.2',
      ],
      // Yarn classic: a new range resolved to a version lodash did not have yet, beside its four others.
      [
        'webui/yarn.lock',
        'traefik__traefik__webui__yarn.lock',
        [{ name: 'lodash', from: '3.10.1 + 4.16.6 + 4.17.1 + 4.17.4', to: '3.10.1 + 4.16.6 + 4.17.1 + 4.17.4 + 4.17.5' }],
        'lodash 4.17.5 added',
      ],
      // A gem taken from a git branch instead of rubygems.org: its commit is part of what was installed.
      [
        'Gemfile.lock',
        'alphagov__publishing-api__Gemfile.lock',
        [{ name: 'gds-api-adapters', from: '103.3.0', to: '103.3.1 (git 22f5790)' }],
        'gds-api-adapters 103.3.0 → 103.3.1 (git 22f5790)',
      ],
      ['Cargo.lock', 'BurntSushi__ripgrep__Cargo.lock', [{ name: 'ignore', from: '0.4.32', to: '0.4.33' }], 'ignore 0.4.32 → 0.4.33'],
      // pnpm 9.0: the bump shows in its catalog, its importers, packages and snapshots; packages are read.
      [
        'pnpm-lock.yaml',
        'antfu-collective__ni__pnpm-lock.yaml.v9',
        [{ name: 'package-manager-detector', from: '1.6.0', to: '1.7.0' }],
        'package-manager-detector 1.6.0 → 1.7.0',
      ],
    ];
    for (const [file, name, changes, words] of cases) {
      const { before, after } = sides(name);
      assert.deepEqual(dependencyChanges(file, before, after), changes, name);
      assert.equal(describeDependencyChanges(changes), words, name);
      assert.ok(isReadableLockfile(file) && readsDependencies(file), file);
      const all = dependencyChanges(file, undefined, after) ?? [];
      assert.ok(all.length > 50 && all.every((c) => c.from === undefined), `${name}: an added lockfile adds every package`);
    }
  });

  it('reads pnpm 6.0 and 5.x keys: peers and peer hashes are not versions', () => {
    // ni's real switch from execa to ez-spawn: both were already resolved (as others' dependencies),
    // so no package came or went; only which are direct changed, as its package.json says.
    const { before, after } = sides('antfu-collective__ni__pnpm-lock.yaml.v6');
    assert.deepEqual(dependencyChanges('pnpm-lock.yaml', before, after), []);
    const all = new Map(dependencyChanges('pnpm-lock.yaml', undefined, after)?.map((c) => [c.name, c.to]));
    assert.equal(all.get('@antfu/eslint-config'), '2.1.1', '`/@antfu/eslint-config@2.1.1(eslint@8.54.0)(typescript@5.3.2)`');
    assert.equal(all.get('@jsdevtools/ez-spawn'), '3.0.4');
    const v5 = (fzf: string) =>
      `lockfileVersion: 5.4\n\nspecifiers:\n  fzf: ^0.5.1\n\npackages:\n\n  /@babel/code-frame/7.16.7:\n    resolution: {integrity: sha512-x}\n\n  /@antfu/eslint-config-basic/0.27.0_c7qepppml3d4ahu5cnfwqe6ltq:\n    dev: true\n\n  /fzf/${fzf}:\n    dev: false\n`;
    assert.deepEqual(dependencyChanges('pnpm-lock.yaml', v5('0.5.1'), v5('0.5.2')), [{ name: 'fzf', from: '0.5.1', to: '0.5.2' }]);
    assert.deepEqual(
      dependencyChanges('pnpm-lock.yaml', undefined, v5('0.5.1'))?.map((c) => `${c.name} ${c.to}`),
      ['@babel/code-frame 7.16.7', '@antfu/eslint-config-basic 0.27.0', 'fzf 0.5.1'],
    );
  });

  it('reads the other lockfile shapes: npm v1, Yarn Berry, Poetry, uv, Pipfile, Gradle and Composer, with git sources', () => {
    const npmV1 = (express: string) =>
      JSON.stringify({
        lockfileVersion: 1,
        dependencies: {
          express: { version: express, dependencies: { debug: { version: '2.6.9' } } },
          debug: { version: '4.3.4' },
          mylib: { version: 'git+https://github.com/acme/mylib.git#0123456789abcdef0123456789abcdef01234567' },
        },
      });
    assert.deepEqual(dependencyChanges('package-lock.json', npmV1('4.18.2'), npmV1('4.19.0')), [
      { name: 'express', from: '4.18.2', to: '4.19.0' },
    ]);
    assert.equal(
      new Map(dependencyChanges('package-lock.json', undefined, npmV1('4.19.0'))?.map((c) => [c.name, c.to])).get('mylib'),
      'git 0123456',
    );
    const berry = (v: string) =>
      `__metadata:\n  version: 8\n\n"left-pad@npm:^1.3.0, left-pad@npm:~1.3":\n  version: ${v}\n  resolution: "left-pad@npm:${v}"\n\n"@scope/util@npm:^2.0.0":\n  version: 2.0.1\n`;
    assert.deepEqual(dependencyChanges('yarn.lock', berry('1.3.0'), berry('1.3.1')), [{ name: 'left-pad', from: '1.3.0', to: '1.3.1' }]);
    assert.deepEqual(
      dependencyChanges('yarn.lock', undefined, berry('1.3.0'))?.map((c) => c.name),
      ['left-pad', '@scope/util'],
    );
    const poetry = (v: string) =>
      `[[package]]\nname = "requests"\nversion = "${v}"\n\n[package.dependencies]\nurllib3 = ">=1.21.1"\n\n[[package]]\nname = "mylib"\nversion = "0.1.0"\n\n[package.source]\ntype = "git"\n\n[metadata]\nlock-version = "2.0"\n`;
    assert.deepEqual(dependencyChanges('poetry.lock', poetry('2.31.0'), poetry('2.32.3')), [
      { name: 'requests', from: '2.31.0', to: '2.32.3' },
    ]);
    const uv = (v: string, sha: string) =>
      `version = 1\nrequires-python = ">=3.11"\n\n[[package]]\nname = "anyio"\nversion = "${v}"\nsource = { registry = "https://pypi.org/simple" }\ndependencies = [\n    { name = "idna" },\n]\n\n[[package]]\nname = "mylib"\nversion = "0.1.0"\nsource = { git = "https://github.com/acme/mylib?rev=main#${sha}" }\n`;
    assert.deepEqual(dependencyChanges('uv.lock', uv('4.4.0', 'a'.repeat(40)), uv('4.6.0', 'b'.repeat(40))), [
      { name: 'anyio', from: '4.4.0', to: '4.6.0' },
      { name: 'mylib', from: '0.1.0 (git aaaaaaa)', to: '0.1.0 (git bbbbbbb)' },
    ]);
    const pipfile = (requests: string) =>
      JSON.stringify({
        _meta: { hash: { sha256: 'x' } },
        default: {
          Requests: { hashes: ['sha256:a'], index: 'pypi', version: `==${requests}` },
          mylib: { git: 'https://github.com/acme/mylib.git', ref: 'c0ffee1234' },
        },
        develop: { pytest: { version: '==8.2.0' } },
      });
    assert.deepEqual(dependencyChanges('Pipfile.lock', pipfile('2.31.0'), pipfile('2.32.3')), [
      { name: 'requests', from: '2.31.0', to: '2.32.3' },
    ]);
    assert.deepEqual(
      dependencyChanges('Pipfile.lock', undefined, pipfile('2.32.3'))?.map((c) => `${c.name} ${c.to}`),
      ['requests 2.32.3', 'mylib git c0ffee1', 'pytest 8.2.0'],
    );
    const gradle = (jackson: string) =>
      `# This is a Gradle generated file for dependency locking.\n# Manual edits can break the build and are not advised.\ncom.fasterxml.jackson.core:jackson-core:${jackson}=compileClasspath,runtimeClasspath\norg.slf4j:slf4j-api:2.0.13=runtimeClasspath\nempty=annotationProcessor\n`;
    assert.deepEqual(dependencyChanges('app/gradle.lockfile', gradle('2.15.2'), gradle('2.17.1')), [
      { name: 'com.fasterxml.jackson.core:jackson-core', from: '2.15.2', to: '2.17.1' },
    ]);
    const composer = (ref: string) =>
      JSON.stringify({
        packages: [{ name: 'monolog/monolog', version: '3.5.0' }],
        'packages-dev': [{ name: 'acme/tools', version: 'dev-main', source: { type: 'git', reference: ref } }],
      });
    assert.deepEqual(dependencyChanges('composer.lock', composer('aaaaaaa1'), composer('bbbbbbb2')), [
      { name: 'acme/tools', from: 'dev-main (git aaaaaaa)', to: 'dev-main (git bbbbbbb)' },
    ]);
  });

  it('reads a lockfile edit that moved no package as none moved, and gives no answer for one too large or broken', () => {
    // The same versions with another checksum (what is installed may still have changed: the ranking
    // lets a lockfile's path decide when it names nothing, rank.test.ts).
    const { before } = sides('BurntSushi__ripgrep__Cargo.lock');
    const resigned = before.replace(/checksum = "[0-9a-f]{8}/, 'checksum = "00000000');
    assert.notEqual(resigned, before);
    assert.deepEqual(dependencyChanges('Cargo.lock', before, resigned), []);
    assert.deepEqual(dependencyChanges('package-lock.json', '{"lockfileVersion":3}', '{"lockfileVersion":3,"name":"x"}'), []);
    // Too large, or not JSON: unknown.
    assert.equal(dependencyChanges('yarn.lock', 'a@^1:\n  version "1"\n'.repeat(LOCKFILE_MAX_BYTES / 20 + 1), ''), undefined);
    assert.equal(dependencyChanges('package-lock.json', '{"packages":', '{}'), undefined);
  });

  it('gives no answer for text that does not parse, a file too large, or a manifest it cannot read (the path decides)', () => {
    assert.equal(dependencyChanges('package.json', '{"dependencies":', '{}'), undefined);
    assert.equal(dependencyChanges('package.json', '[1, 2]', '{}'), undefined);
    assert.equal(dependencyChanges('go.mod', 'x'.repeat(MANIFEST_MAX_BYTES + 1), 'go 1.22\n'), undefined);
    assert.equal(dependencyChanges('pom.xml', '<project/>', '<project/>'), undefined);
    assert.equal(readsDependencies('services/web/PACKAGE.JSON'), true);
    assert.equal(readsDependencies('go.sum'), false);
    // A teammate's file named after a property of every object names no reader.
    for (const name of ['constructor', '__proto__', 'src/toString', 'hasOwnProperty']) {
      assert.equal(readsDependencies(name), false, name);
      assert.equal(dependencyChanges(name, 'a', 'b'), undefined, name);
    }
  });

  it('describes additions, removals and moves in words, each name once: the first mention, a manifest before its lockfile', () => {
    assert.equal(describeDependencyChanges([{ name: 'a', to: '1' }]), 'a added');
    assert.equal(
      describeDependencyChanges([
        { name: 'a', from: '1', to: '2' },
        { name: 'a', from: '1', to: '2' },
        { name: 'b', from: '1' },
      ]),
      'a 1 → 2, b removed',
    );
    assert.equal(describeDependencyChanges([{ name: 'gunicorn', from: '', to: '==22' }]), 'gunicorn (any) → ==22');
    assert.equal(
      describeDependencyChanges([
        { name: 'express', from: '^4.18.2', to: '^4.19.0' },
        { name: 'express', from: '4.18.2', to: '4.19.0' },
        { name: 'body-parser', from: '1.20.1', to: '1.20.2' },
      ]),
      'express ^4.18.2 → ^4.19.0, body-parser 1.20.1 → 1.20.2',
    );
    assert.equal(describeDependencyChanges([{ name: 'ms', from: '2.0.0 + 2.1.3', to: '2.1.3' }]), 'ms 2.0.0 removed');
  });
});
