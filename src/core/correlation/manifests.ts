// What a change to a dependency manifest did to its dependencies: `express 4.18.2 → 4.19.0`, `left-pad
// added`. A manifest holds more than dependencies (package.json's scripts and version, pyproject.toml's
// tool settings, Cargo.toml's features), so a path alone says "changes dependencies" for edits that
// change none; reading both versions says which dependency moved, or that none did. A lockfile names
// every package it resolved, direct or not, and is read only to name them. Pure: the git adapter reads
// the two versions. The text comes from a teammate's commit: parsing is linear in its size, and a file
// over MANIFEST_MAX_BYTES (LOCKFILE_MAX_BYTES for a lockfile) is not read (the path alone decides).

import type { DependencyChange } from './model';
import { listFirst } from '../text/strings';

/** Larger manifests are not read: no real one comes near (etcd's largest go.mod is 6 KB). */
export const MANIFEST_MAX_BYTES = 512 * 1024;
/**
 * Lockfiles run larger: jaeger's CI scripts' package-lock.json is 168 KB, a web app's can pass 1 MB.
 * Past this the path decides, as for every lockfile before they were read (parse.adversarial reads
 * one just under it).
 */
export const LOCKFILE_MAX_BYTES = 1024 * 1024;

type Entries = Map<string, string>;
type Reader = (text: string) => Entries | undefined;

/** By file name: a Map, so a file called `constructor` or `__proto__` names no reader. */
const READERS: ReadonlyMap<string, Reader> = new Map<string, Reader>([
  [
    'package.json',
    (text) =>
      jsonSections(text, ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', 'overrides', 'resolutions']),
  ],
  ['composer.json', (text) => jsonSections(text, ['require', 'require-dev', 'replace'])],
  ['go.mod', goMod],
  ['cargo.toml', cargoToml],
  ['pyproject.toml', pyprojectToml],
  ['requirements.txt', requirementsTxt],
]);

/**
 * Lockfiles: every package resolved, direct or not, by name (several versions of one name are one
 * entry). A version pinned to a git commit keeps the commit: the version alone can stay the same.
 */
const LOCK_READERS: ReadonlyMap<string, Reader> = new Map<string, Reader>([
  ['package-lock.json', npmLock],
  ['npm-shrinkwrap.json', npmLock],
  ['yarn.lock', yarnLock],
  ['pnpm-lock.yaml', pnpmLock],
  ['gemfile.lock', gemfileLock],
  ['cargo.lock', tomlPackages],
  ['poetry.lock', tomlPackages],
  ['uv.lock', tomlPackages],
  ['composer.lock', (text) => jsonList(text, ['packages', 'packages-dev'])],
  ['pipfile.lock', pipfileLock],
  ['gradle.lockfile', gradleLockfile],
]);

/** Whether `path` is a manifest or lockfile whose dependencies can be read (its name, any folder, any case). */
export function readsDependencies(path: string): boolean {
  return READERS.has(baseName(path)) || LOCK_READERS.has(baseName(path));
}

/**
 * Whether `path` is a lockfile that can be read. One is read to name what moved, never to say nothing
 * did: an edit that moved no package by this reading (a registry URL, a checksum, a platform) may still
 * have changed what is installed, so the ranking lets its path decide.
 */
export function isReadableLockfile(path: string): boolean {
  return LOCK_READERS.has(baseName(path));
}

/** Orders files manifests first, lockfiles after: what a team wrote (`express ^4.19.0`) before what it resolved to. */
export function lockfilesLast(a: { readonly path: string }, b: { readonly path: string }): number {
  return Number(isReadableLockfile(a.path)) - Number(isReadableLockfile(b.path));
}

/** The most bytes of one version of `path` worth reading. */
export function dependencyFileMaxBytes(path: string): number {
  return isReadableLockfile(path) ? LOCKFILE_MAX_BYTES : MANIFEST_MAX_BYTES;
}

/**
 * The dependencies that differ between two versions of a manifest (undefined for a file that did not
 * exist on that side), in the order the newer version lists them; undefined when the file is not a
 * readable manifest, either side is too large, or either side does not parse: then nobody knows.
 */
export function dependencyChanges(path: string, before: string | undefined, after: string | undefined): DependencyChange[] | undefined {
  const name = baseName(path);
  const read = READERS.get(name) ?? LOCK_READERS.get(name);
  const max = dependencyFileMaxBytes(path);
  if (!read || (before?.length ?? 0) > max || (after?.length ?? 0) > max) {
    return undefined;
  }
  const old = before === undefined ? new Map<string, string>() : read(before);
  const now = after === undefined ? new Map<string, string>() : read(after);
  if (!old || !now) {
    return undefined;
  }
  return entryChanges(old, now);
}

/**
 * What moving a manifest did to its dependencies, from what was read at each end: the deleted file's
 * entries (each `removed`) against the added file's (each `added`). A module moved to another folder
 * keeps its dependencies; only what differs between the two ends is a change. A dependency on a folder
 * of the repository (go.mod's `replace x => ../api`, package.json's `file:../lib`) is rewritten by the
 * move to reach the same folder from the new place: given both paths, it changed only if the folder did.
 */
export function movedDependencyChanges(
  removed: readonly DependencyChange[],
  added: readonly DependencyChange[],
  paths?: { readonly from: string; readonly to: string },
): DependencyChange[] {
  const side = (changes: readonly DependencyChange[], key: 'from' | 'to'): Entries =>
    new Map(changes.flatMap((c) => (c[key] === undefined ? [] : [[c.name, c[key] as string] as const])));
  const old = side(removed, 'from');
  const now = side(added, 'to');
  if (!paths) {
    return entryChanges(old, now);
  }
  // Compared by what each local path reaches from its own manifest, said in each end's words, or as
  // the folders when the words are the same (`../api` from one folder deeper is another folder).
  const reached = (entries: Entries, manifest: string): Entries =>
    new Map([...entries].map(([name, spec]) => [name, localFolder(manifest, spec) ?? spec]));
  return entryChanges(reached(old, paths.from), reached(now, paths.to)).map((c) =>
    old.get(c.name) === now.get(c.name)
      ? c
      : {
          name: c.name,
          ...(c.from !== undefined ? { from: old.get(c.name) as string } : {}),
          ...(c.to !== undefined ? { to: now.get(c.name) as string } : {}),
        },
  );
}

/** Local-path forms: Go's replacement by a directory, npm's and yarn's `file:`, `link:` and `portal:` specifiers. */
const LOCAL_PATH = /^(?:(?:file|link|portal):)?(\.{1,2}(?:\/.*)?)$/;

/**
 * What a dependency's local path reaches, from the manifest at `manifest`: a folder inside the module
 * moves with it (`own:./testdata`, whatever the module's folder); one outside is a folder of the
 * repository (`client/v2/go.mod` with `../../api` is `./api`). Undefined for a version, or for a path
 * that leaves the repository (its text is compared).
 */
function localFolder(manifest: string, spec: string): string | undefined {
  const reached = reachedFolder(manifest, spec);
  if (!reached) {
    return undefined;
  }
  const dir = manifest.split('/').length - 1;
  return reached.outside ? `./${reached.parts.join('/')}` : `own:./${reached.parts.slice(dir).join('/')}`;
}

/**
 * The repository folder a local path reaches from the manifest at `manifest` (`parts`, from the
 * root), and whether it leaves the manifest's own folder on the way; undefined for a version, or a
 * path that leaves the repository.
 */
function reachedFolder(manifest: string, spec: string): { parts: string[]; outside: boolean } | undefined {
  const local = LOCAL_PATH.exec(spec.trim());
  if (!local) {
    return undefined;
  }
  const parts = manifest.split('/').slice(0, -1);
  let below = 0; // folders below the module's own
  let outside = false;
  for (const segment of local[1].split('/')) {
    if (segment === '..') {
      if (parts.length === 0) {
        return undefined;
      }
      parts.pop();
      outside ||= --below < 0;
    } else if (segment !== '.' && segment !== '') {
      parts.push(segment);
      below++;
    }
  }
  return { parts, outside };
}

/**
 * Whether a dependency change only follows a folder the same commit moved: etcd's go.mod files
 * rewrote `go.etcd.io/etcd/client/v2 => ./client/v2` to `./client/internal/v2` in the commit that
 * moved `client/v2` there. The module is the same code at its new place, so nothing was upgraded.
 * `manifests` are the manifest's paths at each end (the same for one that did not move); `moves`, the
 * files the commit moved.
 */
export function followsMovedFolder(
  change: DependencyChange,
  manifests: { readonly from: string; readonly to: string },
  moves: readonly { readonly from: string; readonly to: string }[],
): boolean {
  if (change.from === undefined || change.to === undefined) {
    return false;
  }
  const before = reachedFolder(manifests.from, change.from)?.parts.join('/');
  const after = reachedFolder(manifests.to, change.to)?.parts.join('/');
  if (!before || after === undefined || before === after) {
    return false; // the root does not move
  }
  // A folder's files moved up to the root keep their names below it: `lib/a.js` -> `a.js`.
  const at = (rest: string) => (after ? `${after}${rest}` : rest.slice(1));
  return moves.some((m) => m.from.startsWith(`${before}/`) && m.to === at(m.from.slice(before.length)));
}

function entryChanges(old: Entries, now: Entries): DependencyChange[] {
  const changes: DependencyChange[] = [];
  for (const [name, to] of now) {
    const from = old.get(name);
    if (from !== to) {
      changes.push({ name, ...(from !== undefined ? { from } : {}), to });
    }
  }
  for (const [name, from] of old) {
    if (!now.has(name)) {
      changes.push({ name, from });
    }
  }
  return changes;
}

/**
 * `express 4.18.2 → 4.19.0, left-pad added and 3 more`: for a reason's parentheses. The same move in
 * several manifests (a bump across a monorepo's modules) is said once.
 */
export function describeDependencyChanges(changes: readonly DependencyChange[], max = 2): string {
  // By name, the first mention: a manifest's range (`^4.19.0`) before its lockfile's version, and one
  // move in several manifests once.
  const byName = new Map<string, DependencyChange>();
  for (const c of changes) {
    if (!byName.has(c.name)) {
      byName.set(c.name, c);
    }
  }
  const words = [...byName.values()].map((c) =>
    c.from === undefined
      ? `${c.name} added`
      : c.to === undefined
        ? `${c.name} removed`
        : c.from.includes(VERSIONS) || c.to.includes(VERSIONS)
          ? versionsMoved(c.name, c.from.split(VERSIONS), c.to.split(VERSIONS))
          : `${c.name} ${c.from || '(any)'} → ${c.to || '(any)'}`,
  );
  return listFirst(words, max);
}

/** A lockfile's name resolved at several versions: only the versions that came or went (`1.1.15/2.1.1 → 1.1.16/2.1.2`). */
function versionsMoved(name: string, from: readonly string[], to: readonly string[]): string {
  const gone = inVersionOrder(from.filter((v) => !to.includes(v))).join('/');
  const came = inVersionOrder(to.filter((v) => !from.includes(v))).join('/');
  return gone && came ? `${name} ${gone} → ${came}` : came ? `${name} ${came} added` : `${name} ${gone} removed`;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}

/** package.json, composer.json: each section's entries, by name in the first, by name and section in the others. */
function jsonSections(text: string, sections: readonly string[]): Entries | undefined {
  const doc = jsonObject(text);
  if (!doc) {
    return undefined;
  }
  const entries: Entries = new Map();
  for (const section of sections) {
    const deps = doc[section];
    if (!isRecord(deps)) {
      continue;
    }
    for (const [name, spec] of Object.entries(deps)) {
      entries.set(section === sections[0] ? name : `${name} (${section})`, typeof spec === 'string' ? spec : JSON.stringify(spec));
    }
  }
  return entries;
}

/** A JSON document that is an object, or undefined (not JSON, or an array or a value). */
function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const doc: unknown = JSON.parse(text);
    return isRecord(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * go.mod: `require`, `replace` and `exclude` lines, one at a time or in `( ... )` blocks, and the `go`
 * and `toolchain` versions (a new language version changes what the code means). `module` and
 * `retract` say nothing about what is built.
 */
function goMod(text: string): Entries {
  const entries: Entries = new Map();
  let block: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (!line) {
      continue;
    }
    if (block !== undefined) {
      if (line === ')') {
        block = undefined;
      } else {
        goEntry(entries, block, line);
      }
      continue;
    }
    const open = /^(\w+)\s*\($/.exec(line);
    if (open) {
      block = open[1];
      continue;
    }
    const directive = /^(\w+)\s+(.*)$/.exec(line);
    if (directive) {
      goEntry(entries, directive[1], directive[2]);
    }
  }
  return entries;
}

function goEntry(entries: Entries, directive: string, rest: string): void {
  const fields = rest.split(/\s+/);
  if (directive === 'go' || directive === 'toolchain') {
    entries.set(directive, fields[0]);
  } else if (directive === 'require') {
    entries.set(fields[0], fields[1] ?? '');
  } else if (directive === 'replace') {
    const arrow = rest.indexOf('=>');
    if (arrow >= 0) {
      entries.set(`${rest.slice(0, arrow).trim()} (replaced)`, rest.slice(arrow + 2).trim());
    }
  } else if (directive === 'exclude') {
    entries.set(`${fields[0]} ${fields[1] ?? ''} (excluded)`, 'excluded');
  }
}

/**
 * A TOML section header: `[dependencies]`, `[target.'cfg(unix)'.dependencies]`, `[[bin]]`. Its name
 * is trimmed in code: a lazy name followed by `\s*\]` rescanned a long run of blanks from each position.
 */
const TOML_HEADER = /^\[\[?([^\]]*)\]\]?\s*(?:#.*)?$/;

/** Lines of a TOML file grouped under their section's name (`''` before the first header). */
function tomlSections(text: string): Map<string, string[]> {
  const sections = new Map<string, string[]>([['', []]]);
  let current = sections.get('') as string[];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = TOML_HEADER.exec(line);
    if (header) {
      // `[ target . x ]` -> `target.x`, by splitting: /\s*\.\s*/g was quadratic on a long run of blanks.
      const name = header[1]
        .split('.')
        .map((part) => part.trim())
        .join('.');
      current = sections.get(name) ?? [];
      sections.set(name, current);
    } else if (line && !line.startsWith('#')) {
      current.push(line);
    }
  }
  return sections;
}

/**
 * `name = value` lines of a section, the value as written (a version, or an inline table); a line
 * that starts no key (the rest of a multi-line array in an inline table) belongs to the key before.
 */
function tomlKeys(entries: Entries, lines: readonly string[], suffix: string): void {
  let last: string | undefined;
  for (const line of lines) {
    const key = /^("[^"]*"|'[^']*'|[\w.-]+)\s*=(.*)$/.exec(line);
    if (key) {
      last = `${unquoteKey(key[1])}${suffix}`;
      entries.set(last, key[2].trim());
    } else if (last !== undefined) {
      entries.set(last, `${entries.get(last) ?? ''} ${line}`);
    }
  }
}

function unquoteKey(key: string): string {
  return key.replace(/^["']|["']$/g, '');
}

/**
 * Cargo.toml: `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]`, the same under
 * `[target.<cfg>]` and `[workspace]`, and one dependency's own table (`[dependencies.serde]`).
 */
function cargoToml(text: string): Entries {
  const entries: Entries = new Map();
  for (const [section, lines] of tomlSections(text)) {
    const kind = /(?:^|\.)((?:dev-|build-)?dependencies)(?:\.(.+))?$/.exec(section);
    if (!kind) {
      continue;
    }
    const where = section.slice(0, kind.index);
    const suffix = `${kind[1] === 'dependencies' ? '' : ` (${kind[1]})`}${where ? ` (${where})` : ''}`;
    if (kind[2]) {
      entries.set(`${unquoteKey(kind[2])}${suffix}`, lines.join(', '));
    } else {
      tomlKeys(entries, lines, suffix);
    }
  }
  return entries;
}

/**
 * pyproject.toml: PEP 621 `dependencies` and `optional-dependencies`, PEP 735 `[dependency-groups]`,
 * the build system's `requires`, and Poetry's dependency tables. Tool settings (`[tool.ruff]`...) are
 * not dependencies.
 */
function pyprojectToml(text: string): Entries | undefined {
  const entries: Entries = new Map();
  const budget = { left: MAX_MANIFEST_REQUIREMENTS };
  for (const [section, lines] of tomlSections(text)) {
    let read = true;
    if (section === 'project') {
      read = pep508Arrays(entries, lines, budget, (key) => (key === 'dependencies' ? '' : undefined));
    } else if (section === 'project.optional-dependencies' || section === 'dependency-groups') {
      read = pep508Arrays(entries, lines, budget, (key) => ` (${key})`);
    } else if (section === 'build-system') {
      read = pep508Arrays(entries, lines, budget, (key) => (key === 'requires' ? ' (build)' : undefined));
    } else if (/^tool\.poetry\.(?:(?:dev-)?dependencies|group\.[^.]+\.dependencies)$/.test(section)) {
      tomlKeys(entries, lines, section === 'tool.poetry.dependencies' ? '' : ` (${section.slice('tool.poetry.'.length)})`);
    }
    if (!read) {
      return undefined;
    }
  }
  return entries;
}

/**
 * More requirement strings than this in one pyproject.toml and it is not read (the path decides):
 * a large application lists a few hundred; 500 KB of one-letter strings would be 125,000 of them,
 * each named and stored, which took longer than every other manifest reader on its largest input.
 */
export const MAX_MANIFEST_REQUIREMENTS = 5_000;

/**
 * The string arrays of a section whose key `suffixFor` names (`dependencies = ["requests>=2", ...]`,
 * over any number of lines): each requirement by its name, its version and markers as the value.
 * False when the file holds more requirement strings than `budget` has left.
 */
function pep508Arrays(
  entries: Entries,
  lines: readonly string[],
  budget: { left: number },
  suffixFor: (key: string) => string | undefined,
): boolean {
  let suffix: string | undefined;
  for (const line of lines) {
    let rest = line;
    if (suffix === undefined) {
      const start = /^["']?([\w.-]+)["']?\s*=\s*\[(.*)$/.exec(line);
      if (!start) {
        continue;
      }
      suffix = suffixFor(start[1]);
      if (suffix === undefined) {
        continue;
      }
      rest = start[2];
    }
    // Strings up to the array's closing bracket; a bracket inside a string (`requests[socks]`) is text.
    let closed = false;
    for (const token of rest.matchAll(/"([^"]*)"|'([^']*)'|(\])/g)) {
      if (token[3]) {
        closed = true;
        break;
      }
      if (--budget.left < 0) {
        return false;
      }
      requirement(entries, token[1] ?? token[2], suffix);
    }
    if (closed) {
      suffix = undefined;
    }
  }
  return true;
}

/** `requests[socks]>=2.31; python_version>"3.8"` -> requests: `[socks]>=2.31; ...` (PEP 503 names). */
function requirement(entries: Entries, spec: string, suffix: string): void {
  const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)$/.exec(spec);
  if (match) {
    entries.set(`${pep503(match[1])}${suffix}`, match[2].trim());
  }
}

/** A Python package's name as PEP 503 compares them: `Django_REST.framework` is `django-rest-framework`. */
function pep503(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** requirements.txt: a requirement a line; options (`-r other.txt`) and URLs by themselves. */
function requirementsTxt(text: string): Entries {
  const entries: Entries = new Map();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) {
      continue;
    }
    if (line.startsWith('-') || line.includes('://')) {
      entries.set(line, line);
    } else {
      requirement(entries, line, '');
    }
  }
  return entries;
}

/** Between the versions of a name a lockfile resolves several times: no version or path holds it. */
const VERSIONS = ' + ';

/**
 * A lockfile's packages: each name with the versions it resolves to. A name resolved at several
 * versions keeps them all (`lodash 4.16.6 + 4.17.4`), so a version added beside the others is a
 * change of that name. Sets, joined once at the end: a teammate's lockfile can repeat a name
 * thousands of times.
 */
class Resolved {
  private readonly byName = new Map<string, Set<string>>();

  add(name: string, version: string): void {
    const versions = this.byName.get(name);
    if (versions) {
      versions.add(version);
    } else {
      this.byName.set(name, new Set([version]));
    }
  }

  entries(): Entries {
    const entries: Entries = new Map();
    for (const [name, versions] of this.byName) {
      // Compared as sets: any one order will do (versionsMoved shows them in version order).
      entries.set(name, versions.size === 1 ? [...versions][0] : [...versions].sort().join(VERSIONS));
    }
    return entries;
  }
}

/** `4.9.0` before `4.10.0`: the numbers in them by value, the rest as text (each split once). */
function inVersionOrder(versions: string[]): string[] {
  const parts = new Map(versions.map((v) => [v, v.split(/(\d+)/)]));
  const compare = (a: string, b: string): number => {
    const x = parts.get(a) as string[];
    const y = parts.get(b) as string[];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (x[i] !== y[i]) {
        const byValue = i % 2 === 1 && x[i].length !== y[i].length; // digits: the longer is larger
        return byValue ? x[i].length - y[i].length : x[i] < y[i] ? -1 : 1;
      }
    }
    return x.length - y.length;
  };
  return versions.sort(compare);
}

/**
 * A version as a lockfile pins it: with the commit when it comes from git (`14.0.0-alpha.3 (git
 * 243bc9e)`: a new commit can keep the version), the commit alone when the version is the git URL.
 */
function pinned(version: string, source: string | undefined): string {
  const from = source ?? version;
  const sha = /^git\+|^git:|\.git(#|$)|^github:/.test(from) ? /#([0-9a-f]{7,40})$/i.exec(from) : null;
  if (!sha) {
    return version;
  }
  return withCommit(/:\/\/|^git/.test(version) ? undefined : version, sha[1]);
}

/** `14.0.0-alpha.3 (git 243bc9e)`, or `git 243bc9e` when there is no version but the commit. */
function withCommit(version: string | undefined, sha: string): string {
  return version === undefined ? `git ${sha.slice(0, 7)}` : `${version} (git ${sha.slice(0, 7)})`;
}

/**
 * package-lock.json, npm-shrinkwrap.json: lockfile v2/v3 `packages` (`node_modules/a/node_modules/b`
 * is b), else v1's nested `dependencies`. The root package (`""`) and linked workspaces are not dependencies.
 */
function npmLock(text: string): Entries | undefined {
  const doc = jsonObject(text);
  if (!doc) {
    return undefined;
  }
  const resolved = new Resolved();
  const packages = doc.packages;
  if (isRecord(packages)) {
    // Object.keys, not entries: a lockfile near the cap has tens of thousands of packages, and a pair
    // array for each cost more than the rest of this loop.
    for (const key of Object.keys(packages)) {
      const value = packages[key];
      const at = key.lastIndexOf('node_modules/');
      if (at < 0 || !isRecord(value) || typeof value.version !== 'string' || value.link === true) {
        continue;
      }
      resolved.add(key.slice(at + 'node_modules/'.length), pinned(value.version, str(value.resolved)));
    }
    return resolved.entries();
  }
  // v1: a tree of dependencies, each with its own; walked with a stack, not recursion (a teammate's file).
  const stack: unknown[] = [doc.dependencies];
  while (stack.length) {
    const deps = stack.pop();
    if (!isRecord(deps)) {
      continue;
    }
    for (const [name, value] of Object.entries(deps)) {
      if (isRecord(value) && typeof value.version === 'string') {
        resolved.add(name, pinned(value.version, str(value.resolved)));
        stack.push(value.dependencies);
      }
    }
  }
  return resolved.entries();
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * yarn.lock, classic (`"left-pad@^1.3.0", left-pad@~1.3:` then `  version "1.3.0"`) and Berry
 * (`"left-pad@npm:^1.3.0":` then `  version: 1.3.0`): each block's first name, its version and a git commit.
 */
function yarnLock(text: string): Entries {
  const resolvedAt = new Resolved();
  let name: string | undefined;
  let version: string | undefined;
  let resolved: string | undefined;
  const flush = (): void => {
    if (name !== undefined && version !== undefined) {
      resolvedAt.add(name, pinned(version, resolved));
    }
    name = version = resolved = undefined;
  };
  for (const line of text.split('\n')) {
    const first = line.charCodeAt(0);
    if (line.length > 0 && first !== 32 && first !== 35 && line.trimEnd().endsWith(':')) {
      // A block's header (not indented, not a # comment): its first descriptor names the package,
      // `"@scope/pkg@npm:^1", …` -> @scope/pkg (the name ends at the `@` after its first character).
      flush();
      const start = first === 34 ? 1 : 0; // a quoted descriptor
      const at = line.indexOf('@', start + 1);
      const comma = line.indexOf(',');
      name = at > start && (comma < 0 || at < comma) ? line.slice(start, at) : undefined;
      if (name === '__metadata') {
        name = undefined;
      }
      continue;
    }
    const field = /^ {2}(version|resolved):? +"?([^"\s]+)"?\s*$/.exec(line);
    if (field && name !== undefined) {
      if (field[1] === 'version') {
        version = field[2];
      } else {
        resolved = field[2];
      }
    }
  }
  flush();
  return resolvedAt.entries();
}

/**
 * pnpm-lock.yaml: the keys of its `packages:` section, `name@1.2.3` (9.0), `/@scope/name@1.2.3(peer@1)`
 * (6.x) or `/name/1.2.3_peers` (5.x). Read line by line: the YAML is pnpm's own, one key a line.
 */
function pnpmLock(text: string): Entries {
  const resolved = new Resolved();
  let inPackages = false;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line && line.charCodeAt(0) !== 32) {
      inPackages = line === 'packages:';
      continue;
    }
    if (!inPackages || line.charCodeAt(2) === 32 || !line.endsWith(':')) {
      continue;
    }
    let key = line.slice(2, -1);
    if (/^['"]/.test(key)) {
      key = key.slice(1, -1);
    }
    key = key.startsWith('/') ? key.slice(1) : key;
    const peers = key.indexOf('(');
    key = peers > 0 ? key.slice(0, peers) : key;
    const at = key.lastIndexOf('@');
    if (at > 0) {
      resolved.add(key.slice(0, at), key.slice(at + 1));
    } else if (key.lastIndexOf('/') > 0) {
      const slash = key.lastIndexOf('/');
      resolved.add(key.slice(0, slash), key.slice(slash + 1).split('_')[0]);
    }
  }
  return resolved.entries();
}

/**
 * Gemfile.lock: the gems under each source's `specs:` (four spaces, `rails (7.1.3)`; their own
 * requirements, six spaces, are not resolved versions), with the revision of a GIT source.
 */
function gemfileLock(text: string): Entries {
  const resolved = new Resolved();
  let revision: string | undefined;
  let inSpecs = false;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (/^[A-Z]/.test(line)) {
      revision = undefined;
      inSpecs = false;
      continue;
    }
    const rev = /^ {2}revision: ([0-9a-f]{7,40})$/.exec(line);
    if (rev) {
      revision = rev[1];
    } else if (line === '  specs:') {
      inSpecs = true;
    } else if (inSpecs) {
      const gem = /^ {4}([^\s(]+) \(([^)]+)\)$/.exec(line);
      if (gem) {
        resolved.add(gem[1], revision ? withCommit(gem[2], revision) : gem[2]);
      }
    }
  }
  return resolved.entries();
}

/** Cargo.lock, poetry.lock, uv.lock: each `[[package]]` table's `name` and `version`, and a git source's commit. */
function tomlPackages(text: string): Entries {
  const resolved = new Resolved();
  for (const lines of tomlTables(text, 'package')) {
    const value = (key: string) => {
      for (const line of lines) {
        const m = /^(\w+)\s*=\s*"([^"]*)"/.exec(line);
        if (m && m[1] === key) {
          return m[2];
        }
      }
      return undefined;
    };
    const name = value('name');
    const version = value('version');
    // Cargo and Poetry write `source = "git+…#<commit>"`; uv an inline table, `source = { git = "…#<commit>" }`.
    const git = lines.map((line) => /^source\s*=\s*\{\s*git\s*=\s*"([^"]*)"/.exec(line)).find(Boolean);
    if (name !== undefined && version !== undefined) {
      resolved.add(name, pinned(version, git ? `git+${git[1]}` : value('source')));
    }
  }
  return resolved.entries();
}

/** The lines of each `[[name]]` array-of-tables entry, in order (sub-tables such as `[package.dependencies]` end it). */
function tomlTables(text: string, name: string): string[][] {
  const tables: string[][] = [];
  let current: string[] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      current = line === `[[${name}]]` ? [] : undefined;
      if (current) {
        tables.push(current);
      }
    } else if (current && line && !line.startsWith('#')) {
      current.push(line);
    }
  }
  return tables;
}

/** composer.lock: the `packages` and `packages-dev` lists, each `{ name, version }`. */
function jsonList(text: string, lists: readonly string[]): Entries | undefined {
  const doc = jsonObject(text);
  if (!doc) {
    return undefined;
  }
  const resolved = new Resolved();
  for (const list of lists) {
    const items = doc[list];
    if (!Array.isArray(items)) {
      continue;
    }
    for (const item of items) {
      if (isRecord(item) && typeof item.name === 'string' && typeof item.version === 'string') {
        const source = isRecord(item.source) && item.source.type === 'git' ? str(item.source.reference) : undefined;
        resolved.add(item.name, source ? withCommit(item.version, source) : item.version);
      }
    }
  }
  return resolved.entries();
}

/** Pipfile.lock: its `default` and `develop` packages, `"requests": { "version": "==2.31.0" }`, or a git `ref`. */
function pipfileLock(text: string): Entries | undefined {
  const doc = jsonObject(text);
  if (!doc) {
    return undefined;
  }
  const resolved = new Resolved();
  for (const section of ['default', 'develop']) {
    const packages = doc[section];
    if (!isRecord(packages)) {
      continue;
    }
    for (const [name, spec] of Object.entries(packages)) {
      if (!isRecord(spec)) {
        continue;
      }
      const version = str(spec.version)?.replace(/^==/, '');
      const ref = str(spec.ref);
      const pin = ref ? withCommit(version, ref) : version;
      if (pin !== undefined) {
        resolved.add(pep503(name), pin);
      }
    }
  }
  return resolved.entries();
}

/** gradle.lockfile: `group:artifact:version=configurations` a line; `empty=…` and comments are not packages. */
function gradleLockfile(text: string): Entries {
  const resolved = new Resolved();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const eq = line.indexOf('=');
    if (!line || line.startsWith('#') || eq < 0) {
      continue;
    }
    const coordinates = line.slice(0, eq);
    const last = coordinates.lastIndexOf(':');
    if (last > 0 && coordinates.indexOf(':') < last) {
      resolved.add(coordinates.slice(0, last), coordinates.slice(last + 1));
    }
  }
  return resolved.entries();
}
