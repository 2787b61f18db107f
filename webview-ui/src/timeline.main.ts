// The timeline panel: a virtualized list of an incident's events, filters and search, a detail
// pane for the selected event, and a keyboard-driven quick-add bar. Paints from the state
// embedded in the page, then says `ready` and follows the extension's messages.

import { SCRIPT_START } from './lib/scriptStart';
import { MAX_ENTRY_TEXT } from '../../src/core/timelineMarks';
import { Done, Outcome } from '../../src/protocol/common';
import {
  filterRows, isRowKind, mergeRows, QUICK_ADD_KINDS, QuickAddKind, ROW_KIND_INFO, ROW_KINDS, rowSearchText, RowKind, RowRef,
  TimelineRow, timelineAuthors,
} from '../../src/core/timelineView';
import {
  IncidentHeader, isTimelineState, parseTimelineHostMessage, TIMELINE_RESULTS, TimelineHostMessage, TimelineResults, TimelineWebviewMessage,
} from '../../src/protocol/timeline';
import { byId, clear, el, readInitialState } from './lib/dom';
import { icon } from './lib/icons';
import { CheckedElement, setFieldValue, ValueElement, WarRoomToolkit, whenToolkit } from './lib/toolkit';
import { HostChannel, outcomeText } from './lib/hostChannel';
import { vscodeApi } from './lib/vscodeApi';
import { domIdFor, renderDetail, renderRow, rowHeight } from './timeline/rowView';
import { VirtualList } from './timeline/virtualList';

/** UI state only (kept by VS Code across hide/show and reload); the events come from the store. */
interface UiState {
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

const QUICK_ADD_LABELS: Readonly<Record<QuickAddKind, string>> = { note: 'Note', decision: 'Decision', action: 'Action', hypothesis: 'Hypothesis' };

const vscode = vscodeApi<TimelineWebviewMessage, UiState>();
const initial = readInitialState(isTimelineState);
performance.mark('warroom.timeline.stateParsed');

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
let header: IncidentHeader | undefined = initial?.incident;
let rows: readonly TimelineRow[] = initial?.rows ?? [];
let version = initial?.version ?? 0;
/** All rows of the incident; more than `rows.length` while the page holds only the embedded newest ones. */
let total = initial?.total ?? rows.length;
/**
 * The toolkit is registered after the list's first paint (upgrading its elements is most of the page's
 * own start-up). Until then the form controls are plain unknown elements: setting `value` or `checked`
 * on one would leave an own property that hides the component's after the upgrade, so those wait.
 */
let toolkitReady = false;
/** A scroll position restored from the saved UI state waits for every row (the embedded ones are the newest only). */
let scrollPending = ui.scrollTop !== null && rows.length < total;
let visible: readonly TimelineRow[] = [];
let amending: TimelineRow | undefined;
const host = new HostChannel<TimelineWebviewMessage, Exclude<TimelineHostMessage, { type: 'reply' }>, TimelineResults>(
  vscode, window, { parse: parseTimelineHostMessage, results: TIMELINE_RESULTS },
);

// Lower-cased search text per row object: built once per row, not on every keystroke.
const searchCache = new WeakMap<TimelineRow, string>();
const searchText = (row: TimelineRow): string => {
  let text = searchCache.get(row);
  if (text === undefined) {
    text = rowSearchText(row);
    searchCache.set(row, text);
  }
  return text;
};

function saveUi(patch: Partial<UiState>): void {
  ui = { ...ui, ...patch };
  vscode.setState(ui);
}

// ---- layout (static markup built with DOM calls; no data in it yet)

const app = byId('app');
const title = el('h1', { className: 'title' });
const badges = el('div', { className: 'badges' });
const search = el('vscode-text-field', {
  attrs: { id: 'search', placeholder: 'Search events (/)', 'aria-label': 'Search events', size: '30' },
}) as ValueElement;
const authorFilter = el('vscode-dropdown', { attrs: { id: 'author-filter', 'aria-label': 'Filter by author' } }) as ValueElement;
const pinnedOnly = el('vscode-checkbox', { attrs: { id: 'pinned-only' }, text: 'Pinned only' }) as CheckedElement;
const kindChips = el('div', { className: 'chips', attrs: { role: 'group', 'aria-label': 'Filter by kind' } });
const count = el('div', { className: 'count muted', attrs: { role: 'status', 'aria-live': 'polite' } });
const viewport = el('div', {
  className: 'vlist',
  attrs: {
    id: 'timeline-list', role: 'listbox', tabindex: '0', 'aria-label': 'Timeline events',
    'aria-describedby': 'list-help',
  },
});
const listHelp = el('p', {
  className: 'sr-only',
  attrs: { id: 'list-help' },
  text: 'Arrow keys move between events. Enter opens the first link of an event, P pins, E amends, N adds an entry, slash searches.',
});
const empty = el('p', { className: 'empty muted', text: 'No events match these filters.' });
const detail = el('section', { className: 'detail', attrs: { 'aria-label': 'Selected event' } });

const qaKind = el('vscode-dropdown', { attrs: { id: 'quick-add-kind', 'aria-label': 'Kind of entry' } }) as ValueElement;
for (const kind of QUICK_ADD_KINDS) {
  qaKind.appendChild(el('vscode-option', { attrs: { value: kind }, text: QUICK_ADD_LABELS[kind] }));
}
const qaText = el('vscode-text-field', {
  attrs: {
    id: 'quick-add-text', maxlength: String(MAX_ENTRY_TEXT),
    placeholder: 'Add to the timeline: Enter adds, Ctrl+Up/Down changes the kind, Esc cancels',
    'aria-label': 'New timeline entry',
  },
}) as ValueElement;
const qaAdd = el('vscode-button', { attrs: { id: 'quick-add-button', 'aria-label': 'Add entry' }, text: 'Add' });
const qaAmending = el('div', { className: 'amending', attrs: { id: 'amending', hidden: '' } });
const qaStatus = el('div', { className: 'qa-status muted', attrs: { role: 'status', 'aria-live': 'polite' } });

app.append(
  el('header', { className: 'head' }, [title, badges]),
  el('div', { className: 'filters', attrs: { role: 'search' } }, [search, authorFilter, pinnedOnly, count]),
  kindChips,
  listHelp,
  viewport,
  empty,
  detail,
  el('form', { className: 'quick-add', attrs: { id: 'quick-add', 'aria-label': 'Add to timeline' } }, [qaAmending, qaKind, qaText, qaAdd]),
  qaStatus,
);
app.removeAttribute('aria-busy');

const list = new VirtualList<TimelineRow>({
  viewport,
  keyOf: (row) => row.id,
  heightOf: rowHeight,
  render: (row) => renderRow(row, row.id === ui.activeId),
  overscan: 10,
});

// ---- rendering

function renderHeader(): void {
  title.textContent = header ? header.title : 'Timeline';
  clear(badges);
  if (header) {
    badges.append(
      el('vscode-badge', { className: `sev sev-${header.severity.toLowerCase()}`, text: header.severity }),
      el('span', { className: 'status', text: header.status }),
      el('span', { className: 'muted', text: header.service }),
    );
  }
  document.title = header ? `Timeline: ${header.title}` : 'Timeline';
}

function renderFilters(): void {
  const present = new Set(rows.map((r) => r.kind));
  clear(kindChips);
  for (const kind of ROW_KINDS.filter((k) => present.has(k))) {
    const info = ROW_KIND_INFO[kind];
    const on = ui.kinds.includes(kind);
    const chip = el('button', { className: `chip kind-${kind}`, attrs: { type: 'button', 'aria-pressed': String(on), 'data-kind': kind } }, [
      icon(info.icon), el('span', { text: info.label }),
    ]);
    kindChips.appendChild(chip);
  }
  const authors = timelineAuthors(rows);
  clear(authorFilter);
  authorFilter.appendChild(el('vscode-option', { attrs: { value: '' }, text: 'All authors' }));
  for (const author of authors) {
    authorFilter.appendChild(el('vscode-option', { attrs: { value: author }, text: author || '(unknown)' }));
  }
  if (toolkitReady) {
    authorFilter.value = ui.authors[0] ?? '';
  }
}

function applyFilter(changed: ReadonlySet<string> = new Set()): void {
  const atBottom = ui.scrollTop === null;
  visible = filterRows(rows, { kinds: ui.kinds, authors: ui.authors, query: ui.query, pinnedOnly: ui.pinnedOnly }, searchText);
  list.setItems(visible, changed);
  count.textContent = `${visible.length.toLocaleString('en-US')} of ${Math.max(total, rows.length).toLocaleString('en-US')} events`;
  empty.hidden = visible.length > 0 || rows.length === 0;
  if (atBottom) {
    viewport.scrollTop = viewport.scrollHeight;
  }
  renderActive();
}

function activeIndex(): number {
  return ui.activeId === undefined ? -1 : visible.findIndex((r) => r.id === ui.activeId);
}

function renderActive(): void {
  const index = activeIndex();
  const row = index >= 0 ? visible[index] : undefined;
  if (row) {
    viewport.setAttribute('aria-activedescendant', domIdFor(row.id));
  } else {
    viewport.removeAttribute('aria-activedescendant');
  }
  clear(detail);
  detail.append(...renderDetail(row, { onRef: openRef, onPin: togglePin, onAmend: startAmend }));
}

function setActive(index: number): void {
  if (visible.length === 0) {
    return;
  }
  const clamped = Math.max(0, Math.min(visible.length - 1, index));
  const before = ui.activeId;
  const row = visible[clamped];
  saveUi({ activeId: row.id });
  const changed = new Set<string>([row.id]);
  if (before) {
    changed.add(before);
  }
  list.setItems(visible, changed);
  list.reveal(clamped);
  renderActive();
}

// ---- actions (each one a typed message)

function openRef(row: TimelineRow, ref: RowRef): void {
  switch (ref.kind) {
    case 'sha':
      return host.post({ type: 'openSha', eventId: row.id, sha: ref.sha });
    case 'file':
      return host.post(ref.line !== undefined
        ? { type: 'openFile', eventId: row.id, file: ref.file, line: ref.line }
        : { type: 'openFile', eventId: row.id, file: ref.file });
    case 'runbook':
      return host.post(ref.step !== undefined
        ? { type: 'openRunbookStep', eventId: row.id, runbook: ref.runbook, step: ref.step }
        : { type: 'openRunbookStep', eventId: row.id, runbook: ref.runbook });
    case 'url':
      return host.post({ type: 'openUrl', eventId: row.id, url: ref.url });
  }
}

function togglePin(row: TimelineRow): void {
  const what = row.pinned ? 'Unpinning' : 'Pinning';
  void host.request('setPinned', { target: row.id, pinned: !row.pinned }).then((outcome) => showOutcome(what, outcome));
}

function startAmend(row: TimelineRow): void {
  amending = row;
  clear(qaAmending);
  qaAmending.append(
    icon('edit'),
    el('span', { text: 'Correcting: ' }),
    el('del', { text: row.text }),
    el('span', { className: 'muted', text: ' (Esc cancels)' }),
  );
  qaAmending.hidden = false;
  qaKind.hidden = true;
  setFieldValue(qaText, row.text);
  qaText.setAttribute('aria-label', 'Corrected text');
  qaAdd.textContent = 'Amend';
  qaText.focus();
}

function stopAmend(): void {
  amending = undefined;
  qaAmending.hidden = true;
  qaKind.hidden = false;
  qaText.setAttribute('aria-label', 'New timeline entry');
  qaAdd.textContent = 'Add';
}

function submitQuickAdd(): void {
  const text = qaText.value.trim();
  if (!text) {
    qaStatus.textContent = 'Type something first.';
    return;
  }
  let what: string;
  let reply: Promise<Outcome<Done>>;
  if (amending) {
    what = 'Amending';
    reply = host.request('amend', { target: amending.id, text });
    stopAmend();
  } else {
    const kind = ui.quickAddKind;
    what = `Adding ${QUICK_ADD_LABELS[kind].toLowerCase()}`;
    reply = host.request('addEntry', { kind, text });
  }
  setFieldValue(qaText, '');
  qaStatus.textContent = `${what}…`;
  void reply.then((outcome) => showOutcome(what, outcome, text));
}

function setQuickAddKind(kind: QuickAddKind): void {
  saveUi({ quickAddKind: kind });
  if (toolkitReady) {
    qaKind.value = kind;
  }
  qaText.setAttribute('placeholder', `Add a ${QUICK_ADD_LABELS[kind].toLowerCase()}: Enter adds, Ctrl+Up/Down changes the kind`);
}

function showOutcome(what: string, outcome: Outcome<Done>, text?: string): void {
  qaStatus.textContent = outcomeText(what, outcome, 'Saved.');
  if (!outcome.ok && text && !qaText.value) {
    setFieldValue(qaText, text); // nothing typed is lost
  }
}

// ---- events

viewport.addEventListener('click', (event) => {
  const target = event.target as Element;
  const rowNode = target.closest('.row') as HTMLElement | null;
  if (!rowNode?.dataset.index) {
    return;
  }
  const index = Number(rowNode.dataset.index);
  const refButton = target.closest('.ref') as HTMLElement | null;
  if (refButton?.dataset.ref) {
    const row = visible[index];
    const ref = row?.refs[Number(refButton.dataset.ref)];
    if (row && ref) {
      openRef(row, ref);
    }
    return;
  }
  setActive(index);
  viewport.focus();
});

viewport.addEventListener('keydown', (event) => {
  const index = activeIndex();
  const page = Math.max(1, list.visibleRange().last - list.visibleRange().first);
  const row = index >= 0 ? visible[index] : undefined;
  switch (event.key) {
    case 'ArrowDown': setActive(index < 0 ? list.visibleRange().first : index + 1); break;
    case 'ArrowUp': setActive(index < 0 ? list.visibleRange().last : index - 1); break;
    case 'PageDown': setActive(index + page); break;
    case 'PageUp': setActive(index - page); break;
    case 'Home': setActive(0); break;
    case 'End': setActive(visible.length - 1); break;
    case 'Enter':
      if (row && row.refs[0]) {
        openRef(row, row.refs[0]);
      }
      break;
    case 'p': case 'P':
      if (row) {
        togglePin(row);
      }
      break;
    case 'e': case 'E':
      if (row?.amendable) {
        startAmend(row);
      }
      break;
    default:
      return;
  }
  event.preventDefault();
});

let scrollFrame = 0;
viewport.addEventListener('scroll', () => {
  if (!scrollFrame) {
    scrollFrame = requestAnimationFrame(() => {
      scrollFrame = 0;
      const atBottom = viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - 4;
      saveUi({ scrollTop: atBottom ? null : viewport.scrollTop });
    });
  }
}, { passive: true });

search.addEventListener('input', () => {
  saveUi({ query: search.value });
  applyFilter();
});
authorFilter.addEventListener('change', () => {
  saveUi({ authors: authorFilter.value ? [authorFilter.value] : [] });
  applyFilter();
});
pinnedOnly.addEventListener('change', () => {
  saveUi({ pinnedOnly: pinnedOnly.checked });
  applyFilter();
});
kindChips.addEventListener('click', (event) => {
  const chip = (event.target as Element).closest('.chip') as HTMLElement | null;
  const kind = chip?.dataset.kind;
  if (!chip || !isRowKind(kind)) {
    return;
  }
  const kinds = ui.kinds.includes(kind) ? ui.kinds.filter((k) => k !== kind) : [...ui.kinds, kind];
  chip.setAttribute('aria-pressed', String(kinds.includes(kind)));
  saveUi({ kinds });
  applyFilter();
});

qaKind.addEventListener('change', () => {
  const kind = QUICK_ADD_KINDS.find((k) => k === qaKind.value);
  if (kind) {
    setQuickAddKind(kind);
  }
});
qaText.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    submitQuickAdd();
  } else if (event.key === 'Escape') {
    event.preventDefault();
    if (amending) {
      stopAmend();
    }
    setFieldValue(qaText, '');
  } else if ((event.ctrlKey || event.metaKey) && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    event.preventDefault();
    const at = QUICK_ADD_KINDS.indexOf(ui.quickAddKind);
    const next = (at + (event.key === 'ArrowDown' ? 1 : QUICK_ADD_KINDS.length - 1)) % QUICK_ADD_KINDS.length;
    setQuickAddKind(QUICK_ADD_KINDS[next]);
    qaStatus.textContent = `Kind: ${QUICK_ADD_LABELS[QUICK_ADD_KINDS[next]]}`;
  }
});
qaAdd.addEventListener('click', submitQuickAdd);
byId('quick-add').addEventListener('submit', (event) => {
  event.preventDefault();
  submitQuickAdd();
});

// Single-key shortcuts only when focus is not in a text field, so typing is never hijacked.
document.addEventListener('keydown', (event) => {
  const inField = (event.target as Element).closest('vscode-text-field, vscode-text-area, vscode-dropdown, input, textarea');
  if (inField || event.ctrlKey || event.metaKey || event.altKey) {
    return;
  }
  if (event.key === '/') {
    event.preventDefault();
    search.focus();
  } else if (event.key === 'n' || event.key === 'N') {
    event.preventDefault();
    qaText.focus();
  }
});

host.on('state', (message) => {
  // Replacing the embedded newest rows: unless a saved position waits, the page was showing the end
  // (the toolkit's upgrade moving the layout under it may have recorded a position), so keep following it.
  if (rows.length < total && !scrollPending && ui.scrollTop !== null) {
    saveUi({ scrollTop: null });
  }
  header = message.state.incident;
  rows = message.state.rows;
  version = message.state.version;
  total = message.state.total;
  renderHeader();
  renderFilters();
  list.refresh();
  applyFilter();
  if (scrollPending && ui.scrollTop !== null) {
    viewport.scrollTop = ui.scrollTop;
  }
  scrollPending = false;
});
host.on('rowsChanged', (message) => {
  const changed = new Set(message.rows.map((r) => r.id));
  const kindsBefore = new Set(rows.map((r) => r.kind)).size;
  const authorsBefore = timelineAuthors(rows).length;
  rows = mergeRows(rows, message.rows);
  version = message.version;
  total = rows.length;
  if (message.incident) {
    header = message.incident;
    renderHeader();
  }
  if (new Set(rows.map((r) => r.kind)).size !== kindsBefore || timelineAuthors(rows).length !== authorsBefore) {
    renderFilters();
  }
  applyFilter(changed);
});
host.on('focusQuickAdd', (message) => {
  if (message.kind) {
    setQuickAddKind(message.kind);
  }
  qaText.focus();
});

// ---- first paint from the embedded state (plain DOM), then the toolkit and the handshake

/** Registers the toolkit's components (upgrading the controls already in the page) and gives them their values. */
function startToolkit(toolkit: WarRoomToolkit): void {
  toolkit.register(['badge', 'button', 'checkbox', 'dropdown', 'option', 'textField']);
  toolkitReady = true;
  search.value = ui.query;
  pinnedOnly.checked = ui.pinnedOnly;
  authorFilter.value = ui.authors[0] ?? '';
  setQuickAddKind(ui.quickAddKind);
  performance.mark('warroom.timeline.toolkitRegistered');
  // The upgraded controls change the list's height: a list following the end stays at the end.
  requestAnimationFrame(() => {
    if (ui.scrollTop === null) {
      viewport.scrollTop = viewport.scrollHeight;
    }
  });
}

renderHeader();
renderFilters();
setQuickAddKind(ui.quickAddKind);
applyFilter();
if (ui.scrollTop !== null && !scrollPending) {
  viewport.scrollTop = ui.scrollTop;
}
performance.mark('warroom.timeline.rowsRendered');
requestAnimationFrame(() => {
  // The figure `timeline.paint10k` reads this mark: the list's first frame is about to be painted.
  performance.mark('warroom.timeline.firstPaint', { detail: { scriptStart: SCRIPT_START.startTime } });
  document.body.dataset.painted = 'true';
  // After that frame (a task queued now runs once it is on screen), and once toolkit.js, deferred
  // so that it does not delay the list, has run.
  setTimeout(() => {
    void whenToolkit().then((toolkit) => {
      startToolkit(toolkit);
      // Only now: the whole state it brings back (10,000 rows to deserialize) must not delay the first frame.
      host.post({ type: 'ready', version });
    });
  }, 0);
});
