// Paths and symbols pulled out of a pasted stack trace or log lines, so a commit that touched the
// file (or the class) the error came from stands out. Recognises JS/TS, Java, Python, Go and Ruby
// traces, and bare `path/to/file.ext:line` mentions anywhere in log text.

import { Evidence, EvidenceFrame } from './model';

const THIRD_PARTY =
  /(^|\/)(node_modules|site-packages|dist-packages|vendor|gems|\.m2|jdk|jre|go\/pkg\/mod|internal\/)(\/|$)|^node:|^(java|javax|jdk|sun|kotlin|scala)\.|^(runtime|net\/http|reflect)\//;

const SOURCE_EXT = 'tsx?|jsx?|mjs|cjs|java|kt|scala|py|go|rb|cs|php|rs|swift|c|cc|cpp|h|hpp|ex|exs|erl|clj|sql|ya?ml|json|toml';

/** Each kind of trace line, first match wins. */
const PATTERNS: readonly { re: RegExp; frame: (m: RegExpExecArray) => Omit<EvidenceFrame, 'sourceLine' | 'thirdParty'> }[] = [
  // Java/Kotlin: at com.acme.pay.PaymentService.charge(PaymentService.java:87)
  {
    re: /^\s*at\s+((?:[\w$]+\.)+)([\w$<>]+)\(([\w$.-]+\.(?:java|kt|scala|groovy)):(\d+)\)/,
    frame: (m) => {
      const parts = m[1].slice(0, -1).split('.');
      const className = parts[parts.length - 1].replace(/\$.*$/, '');
      const pkg = parts.slice(0, -1).join('/');
      return { path: pkg ? `${pkg}/${m[3]}` : m[3], line: Number(m[4]), symbols: [className, m[2]].filter((s) => !/^<.*>$/.test(s)) };
    },
  },
  // JS/TS: at charge (/app/src/pay/charge.ts:42:13), at async Foo.bar (file:///x.js:1:2), at /x.js:1:2
  {
    // Each `\s+` is followed by `(?=\S)` and the name ends with a non-blank, so blanks are never
    // shared between two quantifiers: `at` and a long run of spaces took seconds (cubic).
    re: /^\s*at\s+(?=\S)(?:async\s+(?=\S))?(?:(?:new\s+(?=\S))?([\w$.<>[\] ]*?[\w$.<>[\]])\s+\()?((?:file:\/\/)?[^():\s]+|[A-Za-z]:\\[^():]+):(\d+)(?::\d+)?\)?\s*$/,
    frame: (m) => ({ path: m[2], line: Number(m[3]), symbols: symbolsOf(m[1]) }),
  },
  // Python: File "/app/pay/charge.py", line 42, in charge
  {
    re: /^\s*File "([^"]+)", line (\d+)(?:, in (\S+))?/,
    frame: (m) => ({ path: m[1], line: Number(m[2]), symbols: symbolsOf(m[3]) }),
  },
  // Ruby: /app/models/user.rb:42:in `charge' or 'Foo#charge'
  {
    re: /^\s*(?:from\s+)?([^\s:]+\.rb):(\d+):in [`']([^'`]+)'/,
    frame: (m) => ({ path: m[1], line: Number(m[2]), symbols: symbolsOf(m[3].replace(/^block (?:\(\d+ levels\) )?in /, '')) }),
  },
  // Go: \t/go/src/github.com/acme/app/server.go:123 +0x1d
  {
    re: /^\s+(\/?[^\s:]+\.go):(\d+)(?:\s+\+0x[0-9a-f]+)?\s*$/,
    frame: (m) => ({ path: m[1], line: Number(m[2]), symbols: [] }),
  },
  // Go function line: github.com/acme/app/pay.(*Service).Charge(0xc000...)
  {
    re: /^([\w./-]+)\.(?:\(\*?([\w]+)\)\.)?([\w]+)\((?:0x[0-9a-f]+(?:, )?|\.\.\.|)*\)\s*$/,
    frame: (m) => ({ symbols: [m[2], m[3]].filter((s): s is string => Boolean(s)) }),
  },
];

/** `.ext:` + digits, where a bare `path/to/file.ext:line` mention ends; the path is read backwards from it. */
const EXT_AND_LINE = new RegExp(`\\.(?:${SOURCE_EXT}):(\\d+)`, 'g');
const PATH_CHAR = /[\w.@-]/;

function symbolsOf(text: string | undefined): string[] {
  if (!text) {
    return [];
  }
  return text
    .split(/[.#\s]+|::/)
    .map((s) => s.replace(/[^\w$]/g, ''))
    .filter(
      (s) =>
        s.length >= 3 &&
        !/^(anonymous|Object|async|module|main|block|lambda|new|run|call|apply|process|processTicksAndRejections)$/.test(s),
    );
}

/**
 * Bare `path/to/file.ext:line` mentions, as `/((?:[\w.@-]+\/)*[\w.@-]+\.(?:ext)):(\d+)/g` finds
 * them, in linear time: that pattern retried every start in a long run of path characters
 * (`a.a.a…`, 40 KB took seconds). A mention holds no `:` before its line number, so each `.ext:N`
 * ends at most one, and its start is found by walking back over `segment/` pairs.
 */
function loosePaths(line: string): { path: string; line: number }[] {
  const out: { path: string; line: number }[] = [];
  let floor = 0; // where the previous mention ended: the next one starts at or after it
  EXT_AND_LINE.lastIndex = 0;
  for (let m = EXT_AND_LINE.exec(line); m; m = EXT_AND_LINE.exec(line)) {
    const colon = line.indexOf(':', m.index);
    let start = m.index;
    while (start > floor && PATH_CHAR.test(line[start - 1])) {
      start--;
    }
    if (start === m.index) {
      continue; // nothing before `.ext`: the pattern needs a name
    }
    while (start - 1 > floor && line[start - 1] === '/' && PATH_CHAR.test(line[start - 2])) {
      start -= 2;
      while (start > floor && PATH_CHAR.test(line[start - 1])) {
        start--;
      }
    }
    out.push({ path: line.slice(start, colon), line: Number(m[1]) });
    floor = EXT_AND_LINE.lastIndex;
  }
  return out;
}

/** `file:///app/src/x.ts` → `app/src/x.ts`; `C:\app\x.ts` → `app/x.ts`; `./x.ts` → `x.ts`. */
export function normaliseTracePath(path: string): string {
  return path
    .replace(/^file:\/\//, '')
    .replace(/\\/g, '/')
    .replace(/^[A-Za-z]:\//, '')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '');
}

export function parseEvidence(text: string): Evidence {
  const frames: EvidenceFrame[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    for (const { re, frame } of PATTERNS) {
      const match = re.exec(line);
      if (match) {
        const found = frame(match);
        const path = found.path === undefined ? undefined : normaliseTracePath(found.path);
        frames.push({
          ...found,
          path,
          sourceLine: index + 1,
          thirdParty: THIRD_PARTY.test(path ?? '') || (path === undefined && found.symbols.length === 0),
        });
        return;
      }
    }
    for (const match of loosePaths(line)) {
      const path = normaliseTracePath(match.path);
      frames.push({ path, line: match.line, symbols: [], sourceLine: index + 1, thirdParty: THIRD_PARTY.test(path) });
    }
  });
  return { frames };
}

/**
 * How many trailing path segments a repository path and a trace path share (0 when the file names
 * differ). Traces carry the deploy's absolute paths (`/app/src/x.ts`) or package paths
 * (`com/acme/X.java`), the repo carries `src/x.ts` or `src/main/java/com/acme/X.java`.
 */
export function sharedSuffixSegments(repoPath: string, tracePath: string): number {
  const a = repoPath.toLowerCase().split('/');
  const b = tracePath.toLowerCase().split('/');
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) {
    n++;
  }
  return n;
}
