// A deploy log kept in the repository (path set by the user): one deploy per line, either JSON
// (`{"time": "...", "sha": "...", "env": "production", "name": "v2.4.1"}`) or plain text
// (`2026-11-22T13:43:00Z a1b2c3d production [name]`). Blank lines and `#` comments are skipped.

export interface DeployLogEntry {
  /** ISO UTC. */
  readonly at: string;
  readonly sha: string;
  readonly environment: string;
  readonly name?: string;
  /** 1-based line in the log file. */
  readonly line: number;
}

export interface DeployLogProblem {
  readonly line: number;
  readonly message: string;
}

const SHA = /^[0-9a-f]{4,64}$/i;

export function parseDeployLog(text: string): { entries: DeployLogEntry[]; problems: DeployLogProblem[] } {
  const entries: DeployLogEntry[] = [];
  const problems: DeployLogProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      return;
    }
    const parsed = trimmed.startsWith('{') ? fromJson(trimmed) : fromText(trimmed);
    if ('error' in parsed) {
      problems.push({ line, message: parsed.error });
    } else {
      entries.push({ ...parsed, line });
    }
  });
  return { entries, problems };
}

type Parsed = Omit<DeployLogEntry, 'line'> | { error: string };

function fromJson(text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `not valid JSON (${(error as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'a JSON line must be an object' };
  }
  const record = value as Record<string, unknown>;
  const pick = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      if (typeof record[key] === 'string' && (record[key] as string).trim() !== '') {
        return (record[key] as string).trim();
      }
    }
    return undefined;
  };
  const time = pick('time', 'at', 'ts', 'timestamp', 'deployedAt');
  const sha = pick('sha', 'commit', 'revision');
  const env = pick('env', 'environment') ?? 'production';
  if (!time) {
    return { error: 'needs a "time" (ISO 8601)' };
  }
  if (!sha) {
    return { error: 'needs a "sha"' };
  }
  return build(time, sha, env, pick('name', 'version', 'release'));
}

function fromText(text: string): Parsed {
  const [time, sha, env, ...name] = text.split(/\s+/);
  if (!sha) {
    return { error: 'expected "<ISO time> <sha> <environment> [name]"' };
  }
  return build(time, sha, env ?? 'production', name.length ? name.join(' ') : undefined);
}

function build(time: string, sha: string, environment: string, name: string | undefined): Parsed {
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(time)) {
    return { error: `"${time}" is not an ISO 8601 time` };
  }
  // A time without a zone would be read in whatever zone this machine is in; refuse rather than guess.
  if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(time)) {
    return { error: `"${time}" has no time zone; write it as UTC (…Z) or with an offset (…+01:00)` };
  }
  const ms = Date.parse(time.replace(' ', 'T'));
  if (Number.isNaN(ms)) {
    return { error: `"${time}" is not a valid time` };
  }
  if (!SHA.test(sha)) {
    return { error: `"${sha}" is not a commit sha` };
  }
  return { at: new Date(ms).toISOString(), sha: sha.toLowerCase(), environment: environment.toLowerCase(), ...(name ? { name } : {}) };
}
