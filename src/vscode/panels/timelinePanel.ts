// The timeline panel: the page paints from the embedded rows; afterwards only changed rows travel
// (`rowsChanged`), computed against what the page is known to hold.
import { AmendedEvent, PinnedEvent, UnpinnedEvent, TIMELINE_MARK_TYPES } from '../../core/timelineMarks';
import { entryInput, EntryEvent } from '../../core/events';
import { formatUtc, parseWhen } from '../../core/time';
import { appendedRows, changedRows, TimelineRow, timelineRows } from '../../core/timelineView';
import {
  buildTimelineState,
  EMBEDDED_ROWS,
  FocusQuickAddMessage,
  timelineHeader,
  parseTimelineMessage,
  TimelineHostMessage,
  TimelineResults,
  TimelineWebviewMessage,
} from '../../protocol/timeline';
import * as vscode from 'vscode';
import { MILESTONE_LABELS, MilestoneSetEvent } from '../../core/learning/milestones';
import { UserFacingError } from '../commandRegistry';
import { IncidentPanel, PanelDefinition } from './incidentPanel';
import { openFile, openRunbookStep, openSha, openUrl } from './jumps';
import { PANEL_SCRIPTS } from './html';

export const TIMELINE_PANEL: PanelDefinition<TimelineWebviewMessage> = {
  viewType: 'warroom.timeline',
  scripts: PANEL_SCRIPTS['timeline'],
  title: (incident) => `Timeline: ${incident.title}`,
  parse: parseTimelineMessage,
};

interface PageContent {
  readonly version: number;
  readonly rows: readonly TimelineRow[];
  readonly header: string;
  /** False when the page holds only the newest rows (the embedded first screen). */
  readonly complete: boolean;
}

export class TimelinePanel extends IncidentPanel<TimelineWebviewMessage, TimelineHostMessage, TimelineResults> {
  /** What the HTML embeds: a page (re)loaded after being hidden starts from this. */
  private page: PageContent | undefined;
  /** What the live page holds, once it said `ready`; undefined while it loads or is hidden. */
  private live: PageContent | undefined;

  protected async pageState(): Promise<unknown> {
    // Only the newest rows are embedded (the first screen when following the end); the whole state
    // follows `ready`, so a long incident's HTML stays small (docs/ARCHITECTURE.md).
    const state = buildTimelineState(this.ref.incident, await this.services.model.userName(this.ref.folder), EMBEDDED_ROWS);
    this.page = {
      version: state.version,
      rows: state.rows,
      header: JSON.stringify(state.incident),
      complete: state.rows.length === state.total,
    };
    this.live = undefined;
    return state;
  }

  /** The palette's Add Decision/Action/Hypothesis while the panel is open: type it here. */
  focusQuickAdd(kind: FocusQuickAddMessage['kind']): void {
    this.panel.reveal();
    this.post(kind ? { type: 'focusQuickAdd', kind } : { type: 'focusQuickAdd' });
  }

  protected override hidden(): void {
    this.live = undefined;
  }

  protected async incidentChanged(): Promise<void> {
    if (this.live && this.panel.visible) {
      await this.sendChanges(this.live);
    }
  }

  private async sendChanges(from: PageContent): Promise<void> {
    const incident = this.ref.incident;
    const appended = appendedRows(incident, from.rows, from.version);
    const rows = appended?.rows ?? timelineRows(incident);
    const header = timelineHeader(incident);
    const headerJson = JSON.stringify(header);
    const changed = appended?.changed ?? changedRows(from.rows, rows);
    this.live = { version: incident.events.length, rows, header: headerJson, complete: true };
    if (changed.length > 0 || headerJson !== from.header) {
      this.post({
        type: 'rowsChanged',
        rows: changed,
        version: incident.events.length,
        ...(headerJson !== from.header ? { incident: header } : {}),
      });
    }
  }

  /** The incident, checked to hold `target` as a timeline event (not a pin or a correction). */
  private timelineEvent(target: string) {
    const ref = this.current();
    const event = ref.incident.events.find((e) => e.id === target);
    if (!event || TIMELINE_MARK_TYPES.has(event.type)) {
      throw new UserFacingError('That event is not on this timeline.');
    }
    return ref;
  }

  protected async handle(message: TimelineWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        // The page painted `message.version`: the whole embedded state (only what changed since goes),
        // the embedded newest rows (the whole state goes, replacing them), or something else (stale).
        if (this.page && this.page.complete && message.version === this.page.version) {
          await this.sendChanges(this.page);
        } else {
          const state = buildTimelineState(this.ref.incident, await this.services.model.userName(this.ref.folder));
          this.live = { version: state.version, rows: state.rows, header: JSON.stringify(state.incident), complete: true };
          this.post({ type: 'state', state });
        }
        return;
      }
      case 'addEntry': {
        // A scribe catching up types when it happened ("23:10", "15m ago"); read as every time box reads it.
        const now = new Date();
        const parsed = message.at === undefined ? undefined : parseWhen(message.at, now);
        if (parsed && 'error' in parsed) {
          throw new UserFacingError(`When: ${parsed.error}`);
        }
        const input = entryInput(message.kind, message.text.trim(), parsed?.time, now);
        await this.services.model.append<EntryEvent>(this.current(), input);
        const when = input.at ? `, at ${formatUtc(input.at)}${parsed && 'note' in parsed && parsed.note ? ` (${parsed.note})` : ''}` : '';
        this.answer(message, { detail: `Added ${message.kind}${when}.` });
        return;
      }
      case 'amend': {
        const ref = this.current();
        const target = ref.incident.events.find((e) => e.id === message.target);
        if (target?.type !== 'entry') {
          throw new UserFacingError('Only timeline entries can be corrected; other events change through new events.');
        }
        await this.services.model.append<AmendedEvent>(ref, { type: 'amended', target: message.target, text: message.text.trim() });
        this.answer(message, { detail: 'Corrected; the original stays visible.' });
        return;
      }
      case 'setPinned': {
        const ref = this.timelineEvent(message.target);
        if (message.pinned) {
          await this.services.model.append<PinnedEvent>(ref, { type: 'pinned', target: message.target });
        } else {
          await this.services.model.append<UnpinnedEvent>(ref, { type: 'unpinned', target: message.target });
        }
        this.answer(message, { detail: message.pinned ? 'Pinned as a key moment.' : 'Unpinned.' });
        return;
      }
      case 'markMilestone': {
        // Through the command (palette, tree): one place asks which milestone and warns when out of order.
        const ref = this.timelineEvent(message.target);
        const written = await vscode.commands.executeCommand<MilestoneSetEvent | undefined>('warroom.markEventAsMilestone', {
          incidentId: ref.incident.id,
          eventId: message.target,
          ...(message.milestone ? { milestone: message.milestone } : {}),
        });
        if (written) this.answer(message, { detail: `Marked as ${MILESTONE_LABELS[written.milestone].toLowerCase()}.` });
        else this.refuse(message, 'No milestone marked.');
        return;
      }
      case 'addActionItem': {
        const ref = this.timelineEvent(message.target);
        const itemId = await vscode.commands.executeCommand<string | undefined>('warroom.addActionItem', {
          incidentId: ref.incident.id,
          eventId: message.target,
        });
        if (itemId) this.answer(message, { detail: `Added action item ${itemId}.` });
        else this.refuse(message, 'No action item added.');
        return;
      }
      case 'recordDeploy': {
        // Through the command, which asks the commit, the environment and when; the entry then shows here.
        const sha = await vscode.commands.executeCommand<string | undefined>('warroom.recordDeploy', {
          incidentId: this.current().incident.id,
        });
        // Cancelled is no failure: the responder chose not to.
        this.answer(message, { detail: sha ? `Recorded the deploy of ${sha.slice(0, 7)}.` : 'No deploy recorded.' });
        return;
      }
      case 'shareNote': {
        // Through the command: one place shows the note and where it goes, and asks.
        const ref = this.timelineEvent(message.target);
        const where = await vscode.commands.executeCommand<string | undefined>('warroom.alerts.shareNote', {
          incidentId: ref.incident.id,
          eventId: message.target,
        });
        if (where) this.answer(message, { detail: `Shared to ${where}.` });
        else this.refuse(message, 'No note shared.');
        return;
      }
      case 'openSha':
        return openSha(this.current(), message.eventId);
      case 'openFile':
        return openFile(this.current(), message.eventId);
      case 'openRunbookStep':
        return openRunbookStep(this.current(), message.eventId);
      case 'openUrl':
        return openUrl(this.current(), message.eventId);
    }
  }
}
