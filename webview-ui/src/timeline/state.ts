// The timeline page's one state object: what the page shows (from the extension) and the UI state
// VS Code keeps across hide/show and reloads. Layout, quick-add and host messages all work on it.

import { isRowKind, QuickAddKind, RowKind, TimelineRow } from '../../../src/core/timelineView';
import { IncidentHeader, TimelineState, TimelineWebviewMessage } from '../../../src/protocol/timeline';
import { VsCodeApi } from '../lib/vscodeApi';

/** UI state only (kept by VS Code across hide/show and reload); the events come from the store. */
export interface UiState {
  readonly kinds: readonly RowKind[];
  readonly authors: readonly string[];
  readonly query: string;
  readonly pinnedOnly: boolean;
  /** null: follow the newest events at the bottom. */
  readonly scrollTop: number | null;
  readonly activeId?: string;
  readonly quickAddKind: QuickAddKind;
  /** Which incident this panel shows: the extension's serializer re-opens it by this id after a reload. */
  readonly incidentId?: string;
}

export interface TimelinePage {
  readonly ui: UiState;
  header: IncidentHeader | undefined;
  rows: readonly TimelineRow[];
  version: number;
  /** All rows of the incident; more than `rows.length` while the page holds only the embedded newest ones. */
  total: number;
  /**
   * The toolkit is registered after the list's first paint (upgrading its elements is most of the page's
   * own start-up). Until then the form controls are plain unknown elements: setting `value` or `checked`
   * on one would leave an own property that hides the component's after the upgrade, so those wait.
   */
  toolkitReady: boolean;
  /** A scroll position restored from the saved UI state waits for every row (the embedded ones are the newest only). */
  scrollPending: boolean;
  /** The rows that pass the filters, as the list shows them. */
  visible: readonly TimelineRow[];
  /** The entry the quick-add bar is correcting, if it is. */
  amending: TimelineRow | undefined;
  /** Changes the UI state and hands it to VS Code to keep. */
  saveUi(patch: Partial<UiState>): void;
}

export function timelinePage(initial: TimelineState | undefined, vscode: VsCodeApi<TimelineWebviewMessage, UiState>): TimelinePage {
  const saved = vscode.getState();
  let ui: UiState = {
    kinds: (saved?.kinds ?? []).filter(isRowKind),
    authors: saved?.authors ?? [],
    query: saved?.query ?? '',
    pinnedOnly: saved?.pinnedOnly ?? false,
    scrollTop: saved?.scrollTop ?? null,
    activeId: saved?.activeId,
    quickAddKind: saved?.quickAddKind ?? 'note',
    incidentId: initial?.incident.incidentId ?? saved?.incidentId,
  };
  const rows = initial?.rows ?? [];
  const total = initial?.total ?? rows.length;
  return {
    get ui() {
      return ui;
    },
    header: initial?.incident,
    rows,
    version: initial?.version ?? 0,
    total,
    toolkitReady: false,
    scrollPending: ui.scrollTop !== null && rows.length < total,
    visible: [],
    amending: undefined,
    saveUi(patch) {
      ui = { ...ui, ...patch };
      vscode.setState(ui);
    },
  };
}
