// On-call rotations as `.warroom/oncall.yaml` describes them (or PagerDuty's /oncalls): pure data,
// positions kept so every problem points at its line.

import { RunbookProblem, SourcePosition } from '../runbooks/model';

/** Where a folder keeps its rotations (beside the incidents). */
export const ONCALL_FILE = '.warroom/oncall.yaml';

export const LAYERS = ['primary', 'secondary'] as const;
export type Layer = (typeof LAYERS)[number];

export function isLayer(value: unknown): value is Layer {
  return (LAYERS as readonly unknown[]).includes(value);
}

/** Same shape as a runbook's problems, so the editor shows both the same way. */
export type OncallProblem = RunbookProblem;

export interface Rotation {
  readonly id: string;
  readonly layer: Layer;
  readonly services: readonly string[];
  /** In rotation order: shift 0 is the first member's. */
  readonly members: readonly string[];
  /** Local date (YYYY-MM-DD) of the first hand-off. */
  readonly start: string;
  readonly lengthDays: number;
  /** Local wall time of every hand-off, HH:MM. */
  readonly handoff: string;
  /** IANA zone the start, hand-off and end are read in. */
  readonly timeZone: string;
  /** Local date (YYYY-MM-DD) of the last hand-off: no one from this rotation after it. */
  readonly end?: string;
  readonly position?: SourcePosition;
}

/** Someone covers a rotation's shift from `from` to `to` (ISO instants). */
export interface Override {
  readonly rotation: string;
  readonly who: string;
  readonly from: string;
  readonly to: string;
  readonly position?: SourcePosition;
}

export interface EscalationLevel {
  /** Minutes after the page this level is notified. */
  readonly afterMinutes: number;
  /** Layers (primary, secondary) and people. */
  readonly notify: readonly string[];
  readonly position?: SourcePosition;
}

export interface EscalationPath {
  readonly service: string;
  readonly levels: readonly EscalationLevel[];
  readonly position?: SourcePosition;
}

export interface OncallConfig {
  /** The team roster; when given, anyone else named is an unknown member. */
  readonly people?: readonly string[];
  readonly rotations: readonly Rotation[];
  readonly overrides: readonly Override[];
  readonly escalation: readonly EscalationPath[];
  /**
   * Rotations left out for an error (a bad length, an unknown time zone), by what could be read of
   * them: an override or escalation naming one is not also blamed, and who is on call says the layer
   * is unreadable rather than that no one holds it.
   */
  readonly unreadable?: readonly UnreadableRotation[];
}

export interface UnreadableRotation {
  readonly id: string;
  readonly layer?: Layer;
  readonly services: readonly string[];
  readonly position?: SourcePosition;
}

/** Who holds a layer for a service, from when until when (ISO). */
export interface OnCallShift {
  readonly service: string;
  readonly layer: Layer;
  readonly person: string;
  readonly rotation: string;
  readonly from: string;
  readonly until?: string;
  /** Covering through an override, not the rotation's own turn. */
  readonly override: boolean;
  /** Where the answer came from: the rotation file, or PagerDuty's /oncalls. */
  readonly source: 'file' | 'pagerduty';
}

/** Pages a week, on average over a period, above which a person is named as over the limit. */
export const DEFAULT_PAGES_PER_WEEK_LIMIT = 5;
