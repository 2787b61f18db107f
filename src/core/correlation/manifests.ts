// What a change to a dependency manifest did to its dependencies: `express 4.18.2 → 4.19.0`, `left-pad
// added`. A manifest holds more than dependencies (package.json's scripts and version, pyproject.toml's
// tool settings, Cargo.toml's features), so a path alone says "changes dependencies" for edits that
// change none; reading both versions says which dependency moved, or that none did. Pure: the git
// adapter reads the two versions. The text comes from a teammate's commit: parsing is linear in its
// size, and a file over MANIFEST_MAX_BYTES is not read (the path alone decides, as before).

import type { DependencyChange } from './model';
import { listFirst } from '../text/strings';

/** Larger manifests are not read: no real one comes near (etcd's largest go.mod is 6 KB). */
export const MANIFEST_MAX_BYTES = 512 * 1024;

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

/** Whether `path` is a manifest whose dependencies can be read (its name, any folder, any case). */
export function readsDependencies(path: string): boolean {
  return READERS.has(baseName(path));
}

/**
 * The dependencies that differ between two versions of a manifest (undefined for a file that did not
 * exist on that side), in the order the newer version lists them; undefined when the file is not a
 * readable manifest, either side is too large, or either side does not parse: then nobody knows.
 */
export function dependencyChanges(path: string, before: string | undefined, after: string | undefined): DependencyChange[] | undefined {
  const read = READERS.get(baseName(path));
  if (!read || (before?.length ?? 0) > MANIFEST_MAX_BYTES || (after?.length ?? 0) > MANIFEST_MAX_BYTES) {
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
 * keeps its dependencies; only what differs between the two ends is a change.
 */
export function movedDependencyChanges(removed: readonly DependencyChange[], added: readonly DependencyChange[]): DependencyChange[] {
  const side = (changes: readonly DependencyChange[], key: 'from' | 'to'): Entries =>
    new Map(changes.flatMap((c) => (c[key] === undefined ? [] : [[c.name, c[key] as string] as const])));
  return entryChanges(side(removed, 'from'), side(added, 'to'));
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
  const words = [
    ...new Set(
      changes.map((c) =>
        c.from === undefined
          ? `${c.name} added`
          : c.to === undefined
            ? `${c.name} removed`
            : `${c.name} ${c.from || '(any)'} → ${c.to || '(any)'}`,
      ),
    ),
  ];
  return listFirst(words, max);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}

/** package.json, composer.json: each section's entries, by name in the first, by name and section in the others. */
function jsonSections(text: string, sections: readonly string[]): Entries | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(doc)) {
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
function pyprojectToml(text: string): Entries {
  const entries: Entries = new Map();
  for (const [section, lines] of tomlSections(text)) {
    if (section === 'project') {
      pep508Arrays(entries, lines, (key) => (key === 'dependencies' ? '' : undefined));
    } else if (section === 'project.optional-dependencies' || section === 'dependency-groups') {
      pep508Arrays(entries, lines, (key) => ` (${key})`);
    } else if (section === 'build-system') {
      pep508Arrays(entries, lines, (key) => (key === 'requires' ? ' (build)' : undefined));
    } else if (/^tool\.poetry\.(?:(?:dev-)?dependencies|group\.[^.]+\.dependencies)$/.test(section)) {
      tomlKeys(entries, lines, section === 'tool.poetry.dependencies' ? '' : ` (${section.slice('tool.poetry.'.length)})`);
    }
  }
  return entries;
}

/**
 * The string arrays of a section whose key `suffixFor` names (`dependencies = ["requests>=2", ...]`,
 * over any number of lines): each requirement by its name, its version and markers as the value.
 */
function pep508Arrays(entries: Entries, lines: readonly string[], suffixFor: (key: string) => string | undefined): void {
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
      requirement(entries, token[1] ?? token[2], suffix);
    }
    if (closed) {
      suffix = undefined;
    }
  }
}

/** `requests[socks]>=2.31; python_version>"3.8"` -> requests: `[socks]>=2.31; ...` (PEP 503 names). */
function requirement(entries: Entries, spec: string, suffix: string): void {
  const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)$/.exec(spec);
  if (match) {
    entries.set(`${match[1].toLowerCase().replace(/[-_.]+/g, '-')}${suffix}`, match[2].trim());
  }
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
