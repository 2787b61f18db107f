// One correlation run per incident, kept in memory: the tree, decorations and commands all read the
// last result from here, so showing suspects costs nothing; git runs only on demand (the command,
// after Declare, after new evidence, the first time the "Suspect deploys" row is expanded) and for
// the newest active incidents once when the window opens (see index.ts).
import * as vscode from 'vscode';
import type { ReleaseRef, SuspectsResult } from '../../adapters/git';
import type { Incident } from '../../core/incident';
import { IncidentRef } from '../incidentModel';
import { gitAdapter } from '../lazyAdapters';
import { deployEntriesKey, evidenceText, incidentText } from '../../core/correlation/evidenceEvents';
import { correlationSettings } from './settings';
import { own } from '../../core/own';

export interface DoneRun {
  readonly kind: 'done';
  readonly result: SuspectsResult;
  readonly ranAt: Date;
  readonly windowMs: number;
  /** Releases containing each of the top suspects, nearest first (read once per run, for tooltips). */
  readonly releases: ReadonlyMap<string, readonly ReleaseRef[]>;
}

export type RunState =
  | { readonly kind: 'running'; readonly since: Date; readonly previous?: DoneRun }
  | DoneRun
  | { readonly kind: 'failed'; readonly message: string; readonly problem?: string; readonly windowMs: number };

export interface RunOptions {
  /** Overrides the setting (the "Widen to 72 h" button). */
  readonly windowMs?: number;
  /** Another repository than the incident's workspace folder (multi-repo setups, tests). */
  readonly repo?: string;
}

/** How many top suspects get their releases looked up with each run. */
const RELEASES_FOR_TOP = 5;

export class CorrelationRuns implements vscode.Disposable {
  private readonly states = new Map<string, RunState>();
  private readonly repos = new Map<string, string>();
  private readonly generations = new Map<string, number>();
  /** The timeline's deploy entries each incident's latest run was given (deployEntriesKey). */
  private readonly recorded = new Map<string, string>();
  private readonly changeEmitter = new vscode.EventEmitter<string>();
  /** Fires the incident id whose run changed. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  state(incidentId: string): RunState | undefined {
    return this.states.get(incidentId);
  }

  /**
   * Whether the incident's timeline now records deploys its latest run was not given (a deploy entry
   * added, or one a teammate recorded): false when it never ran.
   */
  deploysChanged(incident: Incident): boolean {
    const before = this.recorded.get(incident.id);
    return before !== undefined && before !== deployEntriesKey(incident.events);
  }

  /** The last finished run, also while a new one is running. */
  latest(incidentId: string): DoneRun | undefined {
    const state = this.states.get(incidentId);
    return state?.kind === 'done' ? state : state?.kind === 'running' ? state.previous : undefined;
  }

  /** Every incident with results, for decorations and for finding which repo a sha lives in. */
  all(): [string, DoneRun][] {
    return [...this.states.keys()].flatMap((id) => {
      const done = this.latest(id);
      return done ? [[id, done] as [string, DoneRun]] : [];
    });
  }

  /** The repository an incident was (or will be) correlated against. */
  repoFor(ref: IncidentRef): string {
    return this.latest(ref.incident.id)?.result.repo.topLevel ?? this.repos.get(ref.incident.id) ?? ref.folder.uri.fsPath;
  }

  /**
   * Runs correlation for the incident. Resolves with the new state; a run superseded by a newer one
   * for the same incident resolves with the newer one's state instead of overwriting it.
   */
  async run(ref: IncidentRef, options: RunOptions = {}): Promise<RunState> {
    const id = ref.incident.id;
    const generation = (this.generations.get(id) ?? 0) + 1;
    this.generations.set(id, generation);
    if (options.repo) {
      this.repos.set(id, options.repo);
    }
    const settings = correlationSettings(ref.folder);
    if (settings.windowProblem) {
      this.log.warn(settings.windowProblem);
    }
    const windowMs = options.windowMs ?? settings.windowMs;
    this.set(id, { kind: 'running', since: new Date(), previous: this.latest(id) });
    const repoDir = this.repos.get(id) ?? ref.folder.uri.fsPath;
    let next: RunState;
    try {
      const git = gitAdapter();
      const incident = ref.incident;
      this.recorded.set(id, deployEntriesKey(incident.events));
      const result = await git.findSuspects(repoDir, {
        at: new Date(incident.startedAt),
        windowMs,
        service: incident.service || undefined,
        // The service is a teammate's words: `constructor` is a service without globs, not Object's.
        paths: own(settings.services, incident.service) ?? [],
        evidence: evidenceText(incident.events),
        title: incidentText(incident.title, incident.events),
        releaseTagPatterns: settings.releaseTags,
        deployTagPatterns: settings.deployTags,
        deployLogPath: settings.deployLog,
        recordedDeploys: git.recordedDeploys(incident.events),
        ...(incident.utcOffsetMinutes !== undefined ? { utcOffsetMinutes: incident.utcOffsetMinutes } : {}),
      });
      const releases = new Map<string, readonly ReleaseRef[]>();
      await Promise.all(
        result.ranking.commits.slice(0, RELEASES_FOR_TOP).map(async (c) => {
          try {
            releases.set(c.sha, await git.releasesContaining(result.repo.topLevel, c.sha, { releaseTagPatterns: settings.releaseTags }));
          } catch (error) {
            this.log.warn(`releases containing ${c.shortSha}: ${String(error)}`);
          }
        }),
      );
      for (const warning of result.warnings) {
        this.log.info(`${id}: ${warning}`);
      }
      next = { kind: 'done', result, ranAt: new Date(), windowMs, releases };
    } catch (error) {
      const problem =
        typeof error === 'object' && error !== null && 'problem' in error ? String((error as { problem: unknown }).problem) : undefined;
      const message = error instanceof Error ? error.message : String(error);
      if (problem === undefined) {
        this.log.error(`correlation for ${id} failed`, error);
      } else {
        this.log.warn(`correlation for ${id}: ${message}`);
      }
      next = { kind: 'failed', message, windowMs, ...(problem ? { problem } : {}) };
    }
    if (this.generations.get(id) !== generation) {
      return this.states.get(id) ?? next;
    }
    this.set(id, next);
    return next;
  }

  /** Drops an incident's results (it was deleted). */
  forget(incidentId: string): void {
    if (this.states.delete(incidentId)) {
      this.changeEmitter.fire(incidentId);
    }
  }

  private set(id: string, state: RunState): void {
    this.states.set(id, state);
    this.changeEmitter.fire(id);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
