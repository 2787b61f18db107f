// Which changed paths are the risky kinds that break production without a code bug: configuration,
// environment, database migrations, dependency lockfiles/manifests, infrastructure as code.

export const PATH_CLASSES = ['config', 'env', 'migration', 'dependency', 'iac'] as const;
export type PathClass = (typeof PATH_CLASSES)[number];

export const PATH_CLASS_LABELS: Readonly<Record<PathClass, string>> = {
  config: 'configuration',
  env: 'environment settings',
  migration: 'a database migration',
  dependency: 'dependencies',
  iac: 'infrastructure as code',
};

const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'gemfile.lock',
  'poetry.lock',
  'uv.lock',
  'pipfile.lock',
  'go.sum',
  'cargo.lock',
  'composer.lock',
  'gradle.lockfile',
  'packages.lock.json',
  'mix.lock',
  'uv.lock',
]);
const MANIFESTS = new Set([
  'package.json',
  'go.mod',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'gemfile',
  'cargo.toml',
  'pyproject.toml',
  'pipfile',
  'composer.json',
  'requirements.txt',
  'setup.py',
  'setup.cfg',
  'mix.exs',
]);

/**
 * CI pipelines and the repository's own tooling (linters, release and bot settings, dev containers)
 * run on build and developer machines, never in production: they are not configuration an incident
 * can come from (the judge, docs/judge.md, found CI and tool bumps outranking real culprits).
 */
const REPOSITORY_TOOLING = new RegExp(
  [
    '^\\.(github|circleci|drone|buildkite|zuul|zuul\\.d|devcontainer|bingo|semaphore|woodpecker|husky)/',
    // .golangci.yml, .goreleaser.yml, .promu.yml, .pre-commit-config.yaml...; not .env.production.yaml
    // or Platform.sh's .platform.app.yaml, which production reads
    '^\\.(?!env\\b|platform\\b)[^/]+\\.(ya?ml|json|toml)$',
    '^(\\.gitlab-ci[^/]*|azure-pipelines[^/]*|appveyor|circle|codecov|cloudbuild|renovate|bors|mkdocs)\\.(ya?ml|json|toml)$',
    '^jenkinsfile$',
  ].join('|'),
);

/** Dependency manifests beyond the usual names: Go's older vendoring tools, jsonnet-bundler, a bill of materials. */
const OTHER_MANIFESTS = new Set([
  'vendor.conf',
  'vendor.json',
  'glide.yaml',
  'glide.lock',
  'gopkg.toml',
  'gopkg.lock',
  'jsonnetfile.json',
  'jsonnetfile.lock.json',
  'bill-of-materials.json',
]);

/** Third-party code kept in the repository: whatever its files are, changing them changes dependencies. */
const VENDORED = /(^|\/)(vendor|third_party|third-party|node_modules)\//;

/**
 * What does not run in production wherever it sits: tests and their data, examples and samples,
 * changelog fragments, the project's website.
 */
const NOT_DEPLOYED_DIR =
  /(^|\/)(tests?|testdata|test-data|testing|__tests__|e2e|fixtures|fuzz-data|examples?|samples?|\.chloggen|\.changeset|changelog\.d|changelogs|website)\//;
/** `traefik.sample.toml`, `.env.example`, `example-config.yaml`; not `0042_add_sample_table.sql`. */
const SAMPLE_FILE = /^(sample|example)s?[._-]|[._-](sample|example)s?(\.[a-z0-9]+)?$/;

const CONFIG_EXT = /\.(ya?ml|json|toml|ini|conf|cfg|properties|xml|hocon)$/;

/**
 * Source code is code wherever it sits: `config/config.go` parses configuration, and
 * `discovery/kubernetes/pod.go` is a Go package, not a manifest (the judge, docs/judge.md, found
 * them outranking culprits). Only a migration or a manifest (`setup.py`) written as code keeps its class.
 */
const SOURCE_CODE = /\.(go|ts|tsx|js|jsx|mjs|cjs|py|java|kt|rs|c|cc|cpp|h|hpp|rb|php|cs|scala|swift)$/;

/** Documentation folders, wherever they sit (`docs/`, `pkg/doc/`, `Documentation/`). */
const DOCS_DIR = /(^|\/)(docs?|documentation)\//i;
/** Prose and the files every repository keeps beside its code. */
const DOCS_FILE =
  /\.(md|markdown|mdx|rst|adoc|asciidoc)$|^(readme|changelog|changes|maintainers|authors|contributors|notice|license|copying|code_of_conduct|security)(\.[a-z]+)?$/i;

/**
 * Documentation: prose anywhere, or anything in a docs folder that is not source code (an example
 * `.go` under `docs/` is still code, as config/config.go is). It does not run in production.
 */
export function isDocumentation(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (SOURCE_CODE.test(base.toLowerCase())) {
    return false;
  }
  return DOCS_FILE.test(base) || DOCS_DIR.test(p);
}

// Ranking classifies every file of every commit, and the same paths come back commit after commit
// (and call after call): a bounded memo turns ~20 regex tests per file into one map lookup.
const MEMO_LIMIT = 20_000;
const memo = new Map<string, readonly PathClass[]>();

/** The classes a path falls in (usually zero or one). Case-insensitive, forward slashes. */
export function classifyPath(path: string): PathClass[] {
  return [...pathClasses(path)];
}

/** `classifyPath` without the copy, for callers that only read it (ranking, once per file). */
export function pathClasses(path: string): readonly PathClass[] {
  let classes = memo.get(path);
  if (!classes) {
    if (memo.size >= MEMO_LIMIT) {
      memo.clear(); // crude, but a repository with more distinct paths than this is rare and still correct
    }
    classes = classifyUncached(path);
    memo.set(path, classes);
  }
  return classes;
}

function isManifestName(base: string): boolean {
  return LOCKFILES.has(base) || MANIFESTS.has(base) || OTHER_MANIFESTS.has(base) || /^requirements[-.\w]*\.txt$/.test(base);
}

/** A dependency manifest or lockfile by its name (`go.mod`, `go.sum`, `package-lock.json`), not vendored code. */
export function isDependencyManifest(path: string): boolean {
  const p = path.replace(/\\/g, '/').toLowerCase();
  return isManifestName(p.slice(p.lastIndexOf('/') + 1));
}

function classifyUncached(path: string): PathClass[] {
  const p = path.replace(/\\/g, '/').toLowerCase();
  const base = p.slice(p.lastIndexOf('/') + 1);
  const dirs = p.split('/').slice(0, -1);
  const inDir = (...names: string[]) => dirs.some((d) => names.includes(d));
  const classes = new Set<PathClass>();

  if (VENDORED.test(p)) {
    return ['dependency'];
  }
  const manifest = isManifestName(base);
  if (isDocumentation(path) || REPOSITORY_TOOLING.test(p) || NOT_DEPLOYED_DIR.test(p) || SAMPLE_FILE.test(base)) {
    // Prose, tooling, tests and examples do not run in production; their manifests still pin what tests and tools run with.
    return manifest ? ['dependency'] : [];
  }
  if (manifest) {
    classes.add('dependency');
  }
  if (
    inDir('migrations', 'migration', 'migrate', 'flyway', 'liquibase') ||
    (inDir('alembic') && inDir('versions')) ||
    /^v\d+(_\d+)*__.+\.sql$/.test(base) ||
    (base.endsWith('.sql') && inDir('db', 'database', 'schema'))
  ) {
    classes.add('migration');
  }
  if (
    /\.(tf|tfvars|hcl|bicep)$/.test(base) ||
    inDir(
      'terraform',
      'helm',
      'charts',
      'k8s',
      'kubernetes',
      'kustomize',
      'pulumi',
      'ansible',
      'cloudformation',
      'infra',
      'deploy',
      'deployment',
      'manifests',
    ) ||
    /^dockerfile/.test(base) ||
    /\.dockerfile$/.test(base) ||
    /^docker-compose.*\.ya?ml$/.test(base) ||
    /^compose\.ya?ml$/.test(base)
  ) {
    classes.add('iac');
  }
  if (/^\.env(\..+)?$/.test(base) || base.endsWith('.env') || inDir('env', 'envs', 'environments') || /^values[-.\w]*\.ya?ml$/.test(base)) {
    classes.add('env');
  }
  if (
    !classes.has('dependency') &&
    (inDir('config', 'configs', 'conf', 'settings') ||
      /(^|[._-])(config|settings|application|appsettings)([._-]|$)/.test(base) ||
      (CONFIG_EXT.test(base) && !classes.size))
  ) {
    classes.add('config');
  }
  if (SOURCE_CODE.test(base)) {
    return [...classes].filter((c) => c === 'migration' || c === 'dependency');
  }
  return [...classes];
}
