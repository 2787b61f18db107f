// What the extension sends the timeline page after `ready`: the whole state (replacing the embedded
// newest rows), changed rows to merge, and "focus the quick-add bar" from the palette.

import { mergeRows, timelineAuthors, TimelineRow } from '../../../src/core/timelineView';
import { TimelineHostMessage, TimelineResults, TimelineWebviewMessage } from '../../../src/protocol/timeline';
import { HostChannel } from '../lib/hostChannel';
import { TimelineLayout } from './layout';
import { QuickAdd } from './quickAdd';
import { TimelinePage } from './state';

/** The page's channel to the extension. */
export type TimelineHost = HostChannel<TimelineWebviewMessage, Exclude<TimelineHostMessage, { type: 'reply' }>, TimelineResults>;

/** The page's rendering, as these handlers call it. */
export interface TimelineView {
  renderHeader(): void;
  renderFilters(): void;
  /** Rebuilds every mounted row (the rows were replaced). */
  refreshList(): void;
  applyFilter(changed?: ReadonlySet<string>): void;
}

export function followHost(host: TimelineHost, page: TimelinePage, layout: TimelineLayout, view: TimelineView, quickAdd: QuickAdd): void {
  host.on('state', (message) => {
    // Replacing the embedded newest rows: unless a saved position waits, the page was showing the end
    // (the toolkit's upgrade moving the layout under it may have recorded a position), so keep following it.
    if (page.rows.length < page.total && !page.scrollPending && page.ui.scrollTop !== null) {
      page.saveUi({ scrollTop: null });
    }
    page.header = message.state.incident;
    page.rows = message.state.rows;
    page.version = message.state.version;
    page.total = message.state.total;
    view.renderHeader();
    view.renderFilters();
    view.refreshList();
    view.applyFilter();
    if (page.scrollPending && page.ui.scrollTop !== null) {
      layout.viewport.scrollTop = page.ui.scrollTop;
    }
    page.scrollPending = false;
  });
  host.on('rowsChanged', (message) => {
    const changed = new Set(message.rows.map((r) => r.id));
    const before: readonly TimelineRow[] = page.rows;
    const kindsBefore = new Set(before.map((r) => r.kind)).size;
    const authorsBefore = timelineAuthors(before).length;
    page.rows = mergeRows(before, message.rows);
    page.version = message.version;
    page.total = page.rows.length;
    if (message.incident) {
      page.header = message.incident;
      view.renderHeader();
    }
    if (new Set(page.rows.map((r) => r.kind)).size !== kindsBefore || timelineAuthors(page.rows).length !== authorsBefore) {
      view.renderFilters();
    }
    view.applyFilter(changed);
  });
  host.on('focusQuickAdd', (message) => {
    if (message.kind) {
      quickAdd.setKind(message.kind);
    }
    layout.qaText.focus();
  });
}
