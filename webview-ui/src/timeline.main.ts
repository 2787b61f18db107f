// The timeline panel: a virtualized list of an incident's events, filters and search, a detail
// pane for the selected event, and a keyboard-driven quick-add bar. Paints from the state
// embedded in the page, then says `ready` and follows the extension's messages. Around one state
// object (timeline/state.ts): the markup (timeline/layout.ts), the quick-add bar (timeline/quickAdd.ts)
// and the extension's messages (timeline/hostMessages.ts); the list, filters and start-up are here.

import { SCRIPT_START } from './lib/scriptStart';
import {
  filterRows,
  isRowKind,
  ROW_KIND_INFO,
  ROW_KINDS,
  rowSearchText,
  RowRef,
  TimelineRow,
  timelineAuthors,
} from '../../src/core/timelineView';
import { isTimelineState, parseTimelineHostMessage, TIMELINE_RESULTS, TimelineWebviewMessage } from '../../src/protocol/timeline';
import { byId, clear, el, readInitialState } from './lib/dom';
import { HostChannel } from './lib/hostChannel';
import { icon } from './lib/icons';
import { WarRoomToolkit, whenToolkit } from './lib/toolkit';
import { vscodeApi } from './lib/vscodeApi';
import { followHost, TimelineHost } from './timeline/hostMessages';
import { buildLayout } from './timeline/layout';
import { quickAdd } from './timeline/quickAdd';
import { domIdFor, renderDetail, renderRow, rowHeight } from './timeline/rowView';
import { timelinePage, UiState } from './timeline/state';
import { VirtualList } from './timeline/virtualList';
import { noun } from '../../src/core/text/count';

const vscode = vscodeApi<TimelineWebviewMessage, UiState>();
const initial = readInitialState(isTimelineState);
performance.mark('warroom.timeline.stateParsed');

const page = timelinePage(initial, vscode);
const host: TimelineHost = new HostChannel(vscode, window, { parse: parseTimelineHostMessage, results: TIMELINE_RESULTS });
const layout = buildLayout(byId('app'));
const { title, badges, search, authorFilter, pinnedOnly, kindChips, count, viewport, empty, detail, qaText } = layout;
const qa = quickAdd(page, layout, host);

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

const list = new VirtualList<TimelineRow>({
  viewport,
  keyOf: (row) => row.id,
  heightOf: rowHeight,
  render: (row) => renderRow(row, row.id === page.ui.activeId, page.header?.incidentId),
  overscan: 10,
});

// ---- rendering

function renderHeader(): void {
  title.textContent = page.header ? page.header.title : 'Timeline';
  clear(badges);
  if (page.header) {
    if (page.header.drill) {
      badges.append(
        el('span', {
          className: 'drill-mark',
          text: 'DRILL',
          attrs: { title: 'A practice incident (game day): left out of every KPI and of on-call load' },
        }),
      );
    }
    badges.append(
      el('vscode-badge', { className: `sev sev-${page.header.severity.toLowerCase()}`, text: page.header.severity }),
      el('span', { className: 'status', text: page.header.status }),
      el('span', { className: 'muted', text: page.header.service }),
    );
  }
  // The row actions depend on the header (where a row can be shared): every caller applies the
  // filter next, which redraws the active row.
  document.title = page.header ? `Timeline: ${page.header.title}` : 'Timeline';
}

function renderFilters(): void {
  const present = new Set(page.rows.map((r) => r.kind));
  clear(kindChips);
  for (const kind of ROW_KINDS.filter((k) => present.has(k))) {
    const info = ROW_KIND_INFO[kind];
    const on = page.ui.kinds.includes(kind);
    const chip = el(
      'button',
      { className: `chip kind-${kind}`, attrs: { type: 'button', 'aria-pressed': String(on), 'data-kind': kind } },
      [icon(info.icon), el('span', { text: info.label })],
    );
    kindChips.appendChild(chip);
  }
  const authors = timelineAuthors(page.rows);
  clear(authorFilter);
  authorFilter.appendChild(el('vscode-option', { attrs: { value: '' }, text: 'All authors' }));
  for (const author of authors) {
    authorFilter.appendChild(el('vscode-option', { attrs: { value: author }, text: author || '(unknown)' }));
  }
  if (page.toolkitReady) {
    authorFilter.value = page.ui.authors[0] ?? '';
  }
}

function applyFilter(changed: ReadonlySet<string> = new Set()): void {
  const atBottom = page.ui.scrollTop === null;
  page.visible = filterRows(
    page.rows,
    { kinds: page.ui.kinds, authors: page.ui.authors, query: page.ui.query, pinnedOnly: page.ui.pinnedOnly },
    searchText,
  );
  list.setItems(page.visible, changed);
  const total = Math.max(page.total, page.rows.length);
  count.textContent = `${page.visible.length.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ${noun(total, 'event')}`;
  empty.hidden = page.visible.length > 0 || page.rows.length === 0;
  if (atBottom) {
    viewport.scrollTop = viewport.scrollHeight;
  }
  renderActive();
}

function activeIndex(): number {
  return page.ui.activeId === undefined ? -1 : page.visible.findIndex((r) => r.id === page.ui.activeId);
}

function renderActive(): void {
  const index = activeIndex();
  const row = index >= 0 ? page.visible[index] : undefined;
  if (row) {
    viewport.setAttribute('aria-activedescendant', domIdFor(row.id));
  } else {
    viewport.removeAttribute('aria-activedescendant');
  }
  clear(detail);
  detail.append(
    ...renderDetail(
      row,
      {
        onRef: openRef,
        onPin: togglePin,
        onAmend: qa.startAmend,
        onMilestone: markMilestone,
        onActionItem: addActionItem,
        onShareNote: shareNote,
      },
      page.header?.noteTargets,
    ),
  );
}

function setActive(index: number): void {
  if (page.visible.length === 0) {
    return;
  }
  const clamped = Math.max(0, Math.min(page.visible.length - 1, index));
  const before = page.ui.activeId;
  const row = page.visible[clamped];
  page.saveUi({ activeId: row.id });
  const changed = new Set<string>([row.id]);
  if (before) {
    changed.add(before);
  }
  list.setItems(page.visible, changed);
  list.reveal(clamped);
  renderActive();
}

// ---- actions (each one a typed message)

function openRef(row: TimelineRow, ref: RowRef): void {
  switch (ref.kind) {
    case 'sha':
      return host.post({ type: 'openSha', eventId: row.id, sha: ref.sha });
    case 'file':
      return host.post(
        ref.line !== undefined
          ? { type: 'openFile', eventId: row.id, file: ref.file, line: ref.line }
          : { type: 'openFile', eventId: row.id, file: ref.file },
      );
    case 'runbook':
      return host.post(
        ref.step !== undefined
          ? { type: 'openRunbookStep', eventId: row.id, runbook: ref.runbook, step: ref.step }
          : { type: 'openRunbookStep', eventId: row.id, runbook: ref.runbook },
      );
    case 'url':
      return host.post({ type: 'openUrl', eventId: row.id, url: ref.url });
  }
}

function togglePin(row: TimelineRow): void {
  const what = row.pinned ? 'Unpinning' : 'Pinning';
  void host.request('setPinned', { target: row.id, pinned: !row.pinned }).then((outcome) => qa.showOutcome(what, outcome));
}

function markMilestone(row: TimelineRow): void {
  void host.request('markMilestone', { target: row.id }).then((outcome) => qa.showOutcome('Marking', outcome));
}

function shareNote(row: TimelineRow): void {
  void host.request('shareNote', { target: row.id }).then((outcome) => qa.showOutcome('Sharing', outcome));
}

function addActionItem(row: TimelineRow): void {
  void host.request('addActionItem', { target: row.id }).then((outcome) => qa.showOutcome('Adding an action item', outcome));
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
    const row = page.visible[index];
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
  const pageSize = Math.max(1, list.visibleRange().last - list.visibleRange().first);
  const row = index >= 0 ? page.visible[index] : undefined;
  switch (event.key) {
    case 'ArrowDown':
      setActive(index < 0 ? list.visibleRange().first : index + 1);
      break;
    case 'ArrowUp':
      setActive(index < 0 ? list.visibleRange().last : index - 1);
      break;
    case 'PageDown':
      setActive(index + pageSize);
      break;
    case 'PageUp':
      setActive(index - pageSize);
      break;
    case 'Home':
      setActive(0);
      break;
    case 'End':
      setActive(page.visible.length - 1);
      break;
    case 'Enter':
      if (row && row.refs[0]) {
        openRef(row, row.refs[0]);
      }
      break;
    case 'p':
    case 'P':
      if (row) {
        togglePin(row);
      }
      break;
    case 'e':
    case 'E':
      if (row?.amendable) {
        qa.startAmend(row);
      }
      break;
    default:
      return;
  }
  event.preventDefault();
});

let scrollFrame = 0;
viewport.addEventListener(
  'scroll',
  () => {
    if (!scrollFrame) {
      scrollFrame = requestAnimationFrame(() => {
        scrollFrame = 0;
        const atBottom = viewport.scrollTop + viewport.clientHeight >= viewport.scrollHeight - 4;
        page.saveUi({ scrollTop: atBottom ? null : viewport.scrollTop });
      });
    }
  },
  { passive: true },
);

search.addEventListener('input', () => {
  page.saveUi({ query: search.value });
  applyFilter();
});
authorFilter.addEventListener('change', () => {
  page.saveUi({ authors: authorFilter.value ? [authorFilter.value] : [] });
  applyFilter();
});
pinnedOnly.addEventListener('change', () => {
  page.saveUi({ pinnedOnly: pinnedOnly.checked });
  applyFilter();
});
kindChips.addEventListener('click', (event) => {
  const chip = (event.target as Element).closest('.chip') as HTMLElement | null;
  const kind = chip?.dataset.kind;
  if (!chip || !isRowKind(kind)) {
    return;
  }
  const kinds = page.ui.kinds.includes(kind) ? page.ui.kinds.filter((k) => k !== kind) : [...page.ui.kinds, kind];
  chip.setAttribute('aria-pressed', String(kinds.includes(kind)));
  page.saveUi({ kinds });
  applyFilter();
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
  } else if (event.key === 'd' || event.key === 'D') {
    event.preventDefault();
    layout.qaDeploy.click();
  }
});

followHost(host, page, layout, { renderHeader, renderFilters, refreshList: () => list.refresh(), applyFilter }, qa);

// ---- first paint from the embedded state (plain DOM), then the toolkit and the handshake

/** Registers the toolkit's components (upgrading the controls already in the page) and gives them their values. */
function startToolkit(toolkit: WarRoomToolkit): void {
  toolkit.register(['badge', 'button', 'checkbox', 'dropdown', 'option', 'textField']);
  page.toolkitReady = true;
  search.value = page.ui.query;
  pinnedOnly.checked = page.ui.pinnedOnly;
  authorFilter.value = page.ui.authors[0] ?? '';
  qa.setKind(page.ui.quickAddKind);
  performance.mark('warroom.timeline.toolkitRegistered');
  // The upgraded controls change the list's height: a list following the end stays at the end.
  requestAnimationFrame(() => {
    if (page.ui.scrollTop === null) {
      viewport.scrollTop = viewport.scrollHeight;
    }
  });
}

renderHeader();
renderFilters();
qa.setKind(page.ui.quickAddKind);
applyFilter();
if (page.ui.scrollTop !== null && !page.scrollPending) {
  viewport.scrollTop = page.ui.scrollTop;
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
      host.post({ type: 'ready', version: page.version });
    });
  }, 0);
});
