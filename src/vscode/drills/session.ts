// One running drill: injects come due on its clock (paused and stopped by the commands), arrive on
// the practice incident's timeline once it is declared (before that, as notifications, the way a
// page would), and at the end the score sheet is written beside the reviews and opened.
import * as vscode from 'vscode';
import { DrillMark } from '../../core/drill';
import { DrillClock, DrillRun, replayInjects, scoreDrillAt, scoreSheet } from '../../core/drills/run';
import type { Inject, Scenario } from '../../core/drills/scenario';
import { minutes } from '../../core/drills/time';
import { drillEndMs, PausableClock } from '../../core/drills/session';
import { CoreEvent, EntryEvent, EntryKind, EventInput } from '../../core/events';
import { IncidentModel } from '../incidentModel';
import { drillsAdapter, gitAdapter } from '../lazyAdapters';
import { Disposable } from '../lifecycle';

export type DrillState = 'running' | 'paused' | 'ended';

export interface DrillStatus {
  readonly state: DrillState;
  readonly title: string;
  readonly scenario: string;
  readonly speed: number;
  /** Scenario time so far. */
  readonly scenarioMs: number;
  readonly incidentId?: string;
  readonly delivered: number;
  readonly sheet?: string;
}

const INJECT_ENTRY: Readonly<Record<Inject['kind'], EntryKind>> = { alert: 'alert', deploy: 'deploy', log: 'note', message: 'note' };

export function injectText(inject: Inject): string {
  const from = inject.from ? ` from ${inject.from}` : '';
  return `Drill inject ${minutes(inject.atMs)} · ${inject.kind}${from}: ${inject.text}`;
}

export interface SessionDeps {
  readonly model: IncidentModel;
  readonly folder: vscode.WorkspaceFolder;
  /** The scenario's path in the folder. */
  readonly scenario: Scenario;
  readonly speed: number;
  readonly clock: DrillClock;
  readonly reviewsFolder: () => string;
  readonly onDidChange: () => void;
  /** Tells the responder about an inject while there is no incident to put it on. */
  readonly page: (inject: Inject) => void;
  readonly open: (sheet: string) => Promise<void>;
  readonly log: vscode.LogOutputChannel;
}

export class DrillSession extends Disposable {
  readonly startedAt = new Date();
  private readonly clock: PausableClock;
  private incidentId: string | undefined;
  /** Scenario time at which each of the incident's events was first seen. */
  private readonly seenAt = new Map<string, number>();
  private readonly held: Inject[] = [];
  private delivered = 0;
  private sheet: string | undefined;
  private declaring: Promise<string> | undefined;
  /** Settles with the score sheet's path once the drill is over. */
  readonly done: Promise<string | undefined>;

  constructor(private readonly deps: SessionDeps) {
    super();
    this.clock = new PausableClock(deps.clock);
    this.register(deps.model.onDidChange(() => this.track()));
    const end = drillEndMs(deps.scenario) / deps.speed;
    // Begun after construction, so the first inject never reaches a half-made session.
    this.done = Promise.resolve()
      .then(() =>
        replayInjects(
          deps.scenario,
          deps.speed,
          this.clock,
          (inject) => this.deliver(inject),
          () => this.clock.isEnded,
        ),
      )
      .then(() => this.clock.sleep(end - this.clock.now()))
      .then(() => this.finish())
      .catch((error: unknown) => {
        deps.log.error(`Drill ${deps.scenario.file}: ${String(error)}`);
        this.clock.end();
        deps.onDidChange();
        return undefined;
      });
  }

  get scenarioMs(): number {
    return this.clock.now() * this.deps.speed;
  }

  status(): DrillStatus {
    return {
      state: this.clock.isEnded ? 'ended' : this.clock.paused ? 'paused' : 'running',
      title: this.deps.scenario.title,
      scenario: this.deps.scenario.file,
      speed: this.deps.speed,
      scenarioMs: this.scenarioMs,
      ...(this.incidentId ? { incidentId: this.incidentId } : {}),
      delivered: this.delivered,
      ...(this.sheet ? { sheet: this.sheet } : {}),
    };
  }

  pause(): void {
    this.clock.pause();
    this.deps.onDidChange();
  }

  resume(): void {
    this.clock.resume();
    this.deps.onDidChange();
  }

  /** Ends the drill now; resolves with the score sheet. */
  stop(): Promise<string | undefined> {
    this.clock.end();
    this.deps.onDidChange();
    return this.done;
  }

  /** Declares the practice incident (once), marked drill; the injects so far go on its timeline. */
  declare(): Promise<string> {
    this.declaring ??= this.declareOnce();
    return this.declaring;
  }

  private async declareOnce(): Promise<string> {
    const { scenario } = this.deps;
    const now = new Date();
    const mark: DrillMark = { drill: true, scenario: scenario.file };
    const declaration = {
      type: 'declared',
      title: scenario.title,
      severity: scenario.severity,
      urgency: 'high',
      service: scenario.service,
      startedAt: this.startedAt.toISOString(),
      detectedAt: now.toISOString(),
      ...mark,
    } as EventInput<Extract<CoreEvent, { type: 'declared' }>>;
    // The alerts paged before the declaration are on its timeline from the first read: one write.
    const held = [];
    for (const inject of this.held.splice(0)) held.push({ input: await this.entryFor(inject), at: now });
    const id = await this.deps.model.declare(this.deps.folder, declaration, now, held);
    this.incidentId = id;
    this.track();
    // One that came due while it was written.
    for (const inject of this.held.splice(0)) await this.append(inject);
    this.deps.onDidChange();
    return id;
  }

  private async deliver(inject: Inject): Promise<void> {
    this.delivered++;
    if (this.incidentId) {
      await this.append(inject);
    } else {
      this.held.push(inject);
      this.deps.page(inject);
    }
    this.deps.onDidChange();
  }

  private async append(inject: Inject): Promise<void> {
    const ref = this.incidentId ? this.deps.model.find(this.incidentId) : undefined;
    if (!ref) return;
    await this.deps.model.append<EntryEvent>(ref, await this.entryFor(inject));
  }

  /** The timeline entry an inject becomes (a deploy's commit resolved in the workspace). */
  private async entryFor(inject: Inject): Promise<EventInput<EntryEvent>> {
    return {
      type: 'entry',
      kind: INJECT_ENTRY[inject.kind],
      text: injectText(inject),
      drillInject: inject.kind,
      ...(inject.kind === 'deploy' ? await this.deployedCommit(inject) : {}),
    } as EventInput<EntryEvent>;
  }

  /**
   * A deploy inject whose `from` names a commit of the workspace's repository (a tag, a branch, a sha)
   * is recorded as a deploy of it, at the moment it came due: the drill's correlation then ranks what
   * that deploy shipped, and the responder practises finding the cause. Anything else ("flags"), an
   * untrusted workspace (no git there) or no repository: the inject's words only.
   */
  private async deployedCommit(inject: Inject): Promise<{ sha?: string; deployedAt?: string }> {
    if (!inject.from || !vscode.workspace.isTrusted) return {};
    try {
      const sha = await gitAdapter().resolveCommit(this.deps.folder.uri.fsPath, inject.from);
      if (!sha) return {};
      const due = new Date(this.startedAt.getTime() + inject.atMs / this.deps.speed);
      return { sha, ...(due.getTime() <= Date.now() ? { deployedAt: due.toISOString() } : {}) };
    } catch (error) {
      this.deps.log.info(`Drill deploy "${inject.from}" names no commit here: ${error instanceof Error ? error.message : String(error)}`);
      return {};
    }
  }

  /** Stamps the incident's new events with the scenario time they were first seen at. */
  private track(): void {
    if (!this.incidentId || this.clock.isEnded) return;
    const ref = this.deps.model.find(this.incidentId);
    const now = this.scenarioMs;
    for (const event of ref?.incident.events ?? []) {
      if (!this.seenAt.has(event.id)) this.seenAt.set(event.id, now);
    }
  }

  private async finish(): Promise<string | undefined> {
    this.track();
    this.clock.end();
    const { scenario, speed } = this.deps;
    const ref = this.incidentId ? this.deps.model.find(this.incidentId) : undefined;
    const results = scoreDrillAt(scenario, ref?.incident.events ?? [], (e) => this.seenAt.get(e.id));
    const run: DrillRun = {
      scenario: scenario.file,
      title: scenario.title,
      startedAt: this.startedAt.toISOString(),
      speed,
      ...(this.incidentId ? { incidentId: this.incidentId } : {}),
      results,
    };
    const dir = this.deps.reviewsFolder();
    const files = drillsAdapter();
    const file = files.writeScoreSheet(dir, run, scoreSheet(run, files.earlierRuns(dir)));
    this.sheet = file;
    if (ref && ref.incident.status !== 'resolved') {
      const sheet = vscode.workspace.asRelativePath(file, false);
      await this.deps.model.append(ref, {
        type: 'resolved',
        resolution: `Drill over at ${minutes(this.scenarioMs)}; score sheet ${sheet}`,
      });
    }
    this.deps.onDidChange();
    await this.deps.open(file);
    return file;
  }
}
