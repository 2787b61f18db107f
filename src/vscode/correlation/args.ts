// What a correlation command acts on: an `{incidentId?, repo?, sha?, path?}` argument (tests, hovers,
// the timeline panel), or a tree row (its `data` holds the sha, a timeline event row its event).
import { nonBlank } from '../../core/text/strings';
export interface SuspectArgs {
  readonly incidentId?: string;
  readonly repo?: string;
  readonly sha?: string;
  readonly path?: string;
  readonly windowMs?: number;
  readonly window?: string;
  readonly text?: string;
  readonly note?: string;
}

type Loose = Record<string, unknown>;

const record = (value: unknown): Loose => (typeof value === 'object' && value !== null ? (value as Loose) : {});
const trimmed = (value: unknown): string | undefined => nonBlank(value)?.trim();

export function suspectArgsOf(arg: unknown): SuspectArgs {
  const top = record(arg);
  const data = record(top.data);
  const pick = (key: string) => trimmed(top[key]) ?? trimmed(data[key]);
  const windowMs = typeof top.windowMs === 'number' && top.windowMs > 0 ? top.windowMs : undefined;
  const sha = pick('sha')?.toLowerCase();
  return {
    incidentId: trimmed(top.incidentId) ?? (typeof arg === 'string' ? arg : undefined),
    repo: pick('repo'),
    sha: sha && /^[0-9a-f]{4,64}$/.test(sha) ? sha : undefined,
    path: pick('path'),
    windowMs,
    window: trimmed(top.window),
    text: typeof top.text === 'string' ? top.text : undefined,
    note: trimmed(top.note),
  };
}
