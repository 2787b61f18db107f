// Paths and symbols pulled out of a pasted stack trace or log lines, so a commit that touched the
// file (or the class) the error came from stands out. Recognises JS/TS, Java, Python, Go and Ruby
// traces, and bare `path/to/file.ext:line` mentions anywhere in log text.

import { Evidence, EvidenceFrame } from './model';

const THIRD_PARTY = /(^|\/)(node_modules|site-packages|dist-packages|vendor|gems|\.m2|jdk|jre|go\/pkg\/mod|internal\/)(\/|$)|^node:|^(java|javax|jdk|sun|kotlin|scala)\.|^(runtime|net\/http|reflect)\//;

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
    re: /^\s*at\s+(?:async\s+)?(?:(?:new\s+)?([\w$.<>[\] ]+?)\s+\()?((?:file:\/\/)?[^():\s]+|[A-Za-z]:\\[^():]+):(\d+)(?::\d+)?\)?\s*$/,
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

const LOOSE_PATH = new RegExp(`((?:[\\w.@-]+/)*[\\w.@-]+\\.(?:${SOURCE_EXT})):(\\d+)`, 'g');

function symbolsOf(text: string | undefined): string[] {
  if (!text) {
    return [];
  }
  return text
    .split(/[.#\s]+|::/)
    .map((s) => s.replace(/[^\w$]/g, ''))
    .filter((s) => s.length >= 3 && !/^(anonymous|Object|async|module|main|block|lambda|new|run|call|apply|process|processTicksAndRejections)$/.test(s));
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
    for (const match of line.matchAll(LOOSE_PATH)) {
      const path = normaliseTracePath(match[1]);
      frames.push({ path, line: Number(match[2]), symbols: [], sourceLine: index + 1, thirdParty: THIRD_PARTY.test(path) });
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
