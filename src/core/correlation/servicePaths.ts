// Which changed files belong to the incident's service: globs from the user's service→paths setting,
// CODEOWNERS rules whose owners name the service (`@acme/payments` for service `payments`), and,
// when the setting gives the service no globs, folders named after it (`services/payments/`), the
// layout most repositories holding several services already have.

import picomatch from 'picomatch';

export interface CodeownersRule {
  readonly pattern: string;
  readonly owners: readonly string[];
  /** 1-based line in the CODEOWNERS file. */
  readonly line: number;
}

/** Parses CODEOWNERS text. Later rules win, as on GitHub and GitLab; `[Section]` headers are skipped. */
export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '' || /^\^?\[.*\]/.test(line)) {
      return;
    }
    const [pattern, ...owners] = line.split(/\s+/);
    rules.push({ pattern: pattern.replace(/\\#/g, '#'), owners, line: index + 1 });
  });
  return rules;
}

/** gitignore-style CODEOWNERS pattern → picomatch globs (a pattern naming a folder owns what is inside). */
export function codeownersGlobs(pattern: string): string[] {
  let p = pattern;
  const anchored = p.startsWith('/') || p.replace(/\/$/, '').includes('/');
  p = p.replace(/^\//, '');
  const directoryOnly = p.endsWith('/');
  p = p.replace(/\/$/, '');
  if (p === '*' || p === '**' || p === '') {
    return ['**'];
  }
  const base = anchored ? p : `**/${p}`;
  return directoryOnly ? [`${base}/**`] : [base, `${base}/**`];
}

export interface ServiceScope {
  readonly service: string;
  /** Globs from settings (`src/payments/**`): when there are any, they say where the service is and folder names are not read. */
  readonly globs: readonly string[];
  readonly codeowners?: readonly CodeownersRule[];
}

/** `Checkout-API`, `checkout_api` and `checkoutapi` name the same thing; fewer than 3 letters name nothing. */
function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Whether a folder of `path` is named after the service (`services/checkout/x.go` for `checkout`; not the file's own name). */
export function inServiceFolder(path: string, service: string): boolean {
  const wanted = nameKey(service);
  return wanted.length >= 3 && hasFolderKeyed(path, wanted, new Map());
}

/** A folder of `path` whose name's key is `wanted`; `keys` keeps each folder name's key (a ranking asks about the same folders thousands of times). */
function hasFolderKeyed(path: string, wanted: string, keys: Map<string, string>): boolean {
  const segments = path.split('/');
  for (let i = 0; i < segments.length - 1; i++) {
    let key = keys.get(segments[i]);
    if (key === undefined) {
      key = nameKey(segments[i]);
      keys.set(segments[i], key);
    }
    if (key === wanted) {
      return true;
    }
  }
  return false;
}

export interface ServiceMatcher {
  /** Why the path belongs to the service (`matches src/payments/**`), or undefined. */
  (path: string): string | undefined;
}

/** The service's own name appears as a word of an owner (`@acme/payments-team` ↔ `payments`). */
function ownerNamesService(owner: string, service: string): boolean {
  const words = owner
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const wanted = service
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return wanted.length > 0 && wanted.every((w) => words.includes(w));
}

export function serviceMatcher(scope: ServiceScope): ServiceMatcher {
  const globMatchers = scope.globs.map((glob) => ({ glob, test: picomatch(glob, { dot: true, windows: false }) }));
  // Compiled once, last rule first, since the last matching CODEOWNERS rule decides a file's owners.
  const rules = (scope.codeowners ?? [])
    .map((rule) => ({ rule, tests: codeownersGlobs(rule.pattern).map((g) => picomatch(g, { dot: true, windows: false })) }))
    .reverse();
  // Folder names are read only when the settings give the service no globs.
  const wanted = globMatchers.length === 0 ? nameKey(scope.service) : '';
  const folderKeys = new Map<string, string>();
  return (path) => {
    for (const { glob, test } of globMatchers) {
      if (test(path)) {
        return `matches ${glob}`;
      }
    }
    if (scope.service) {
      for (const { rule, tests } of rules) {
        if (tests.some((t) => t(path))) {
          const owner = rule.owners.find((o) => ownerNamesService(o, scope.service));
          if (owner) {
            return `owned by ${owner} (CODEOWNERS line ${rule.line})`;
          }
          break; // the last matching rule decides the owners: another team's
        }
      }
    }
    return wanted.length >= 3 && hasFolderKeyed(path, wanted, folderKeys) ? 'in a folder named after the service' : undefined;
  };
}
