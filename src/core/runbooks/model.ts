// The runbook model shared by both formats (our YAML and teams' Markdown). Pure data: parsers
// produce it, matching/walking/drafting read it, and the VS Code layer renders it.

export const STEP_KINDS = ['diagnose', 'decide', 'remediate', 'rollback', 'escalate', 'verify'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export function isStepKind(value: unknown): value is StepKind {
  return (STEP_KINDS as readonly unknown[]).includes(value);
}

/** 1-based line and column in the runbook's source text, so the UI can open the exact spot. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export interface RunbookCommand {
  /** What to type, exactly as written (variables not yet filled). */
  readonly run: string;
  /** What a healthy (or the documented) output looks like, when the runbook says so. */
  readonly expect?: string;
  /** `shell` unless the block said otherwise (`sql`, `promql`, `ruby`...): only shell goes to a terminal as is. */
  readonly lang: string;
  readonly position: SourcePosition;
}

export interface RunbookBranch {
  /** The condition in words, as a choice for the responder. */
  readonly if: string;
  /** The id of the step to continue with. */
  readonly goto: string;
}

export interface RunbookLink {
  readonly title: string;
  readonly url: string;
}

export interface RunbookStep {
  /** Unique within its runbook; events refer to steps by this id. */
  readonly id: string;
  readonly kind: StepKind;
  readonly title: string;
  /** The step's prose (Markdown), without its commands' code blocks. */
  readonly text: string;
  readonly commands: readonly RunbookCommand[];
  readonly branches: readonly RunbookBranch[];
  readonly links: readonly RunbookLink[];
  /** Set when the step belongs to one of several alternatives ("Case 1: ..."): the UI skips the others. */
  readonly alternative?: string;
  readonly position: SourcePosition;
}

export type MatchOperator = '=' | '!=' | '=~' | '!~';

/** A Prometheus/Alertmanager-style label matcher: `severity=~"critical|page"`. */
export interface LabelMatcher {
  readonly name: string;
  readonly op: MatchOperator;
  readonly value: string;
}

export interface RunbookAlert {
  /** Alert name (`alertname`); empty when the entry matches by labels only. */
  readonly name: string;
  readonly matchers: readonly LabelMatcher[];
}

/** `ssm`: AWS Systems Manager Automation/Command documents; `rundeck`: Rundeck / PagerDuty Runbook Automation job exports. */
export type RunbookFormat = 'yaml' | 'markdown' | 'ssm' | 'rundeck';

/** A value the runbook asks for (SSM `parameters`, Rundeck `options`), used by its commands as `{{ name }}`. */
export interface RunbookVariable {
  readonly name: string;
  readonly description: string;
  readonly default?: string;
  readonly allowedValues?: readonly string[];
  readonly required: boolean;
  /** Never shown or logged once entered (Rundeck `secure: true`, SSM `SecureString`-like types). */
  readonly secret: boolean;
}

/** "This runbook has been moved to [..](..)": the page only points elsewhere. */
export interface RunbookNotice {
  readonly text: string;
  readonly link: RunbookLink;
  /** Workspace-relative path the link resolves to, when it is a relative link that stays inside the workspace. */
  readonly target?: string;
}

export interface Runbook {
  /** Declared (`id:`) or derived from the file name / section; unique within its file. */
  readonly id: string;
  readonly title: string;
  readonly format: RunbookFormat;
  /** Path the parser was given (workspace-relative in the index), so matching can follow runbook links. */
  readonly file: string;
  /** Heading anchor for a runbook that is one section of a many-runbook file (`#kubepodcrashlooping`). */
  readonly anchor?: string;
  readonly description: string;
  readonly services: readonly string[];
  readonly alerts: readonly RunbookAlert[];
  readonly symptoms: readonly string[];
  readonly steps: readonly RunbookStep[];
  readonly links: readonly RunbookLink[];
  /** Files and paths of the repository the runbook says it depends on (for staleness). */
  readonly references: readonly string[];
  /** Variables the runbook marks `secret: true`: masked when typed, redacted in events and logs. */
  readonly secrets?: readonly string[];
  readonly position: SourcePosition;
  /** Declared inputs, for formats that declare them (SSM, Rundeck). */
  readonly variables?: readonly RunbookVariable[];
  /** Set when the runbook only points elsewhere: shown instead of an empty runbook. */
  readonly notice?: RunbookNotice;
}

export type ProblemSeverity = 'error' | 'warning';

export interface RunbookProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly severity: ProblemSeverity;
}

/**
 * An alert rule that names its runbook (`annotations.runbook` / `runbook_url` in a Prometheus rule
 * file found among the runbooks): lets matching go from an alert to a file even when the incident
 * carries only the alert name.
 */
export interface AlertRunbookLink {
  readonly alert: string;
  readonly target: string;
  readonly file: string;
  readonly position: SourcePosition;
}

export interface ParsedRunbookFile {
  readonly runbooks: readonly Runbook[];
  readonly problems: readonly RunbookProblem[];
  readonly alertLinks: readonly AlertRunbookLink[];
}

/** Every variable the runbook says is secret: `secret: true` in War Room YAML, or a declared secret input (SSM, Rundeck). */
export function secretsOf(runbook: Runbook): string[] {
  return [...(runbook.secrets ?? []), ...(runbook.variables ?? []).filter((v) => v.secret).map((v) => v.name)];
}
