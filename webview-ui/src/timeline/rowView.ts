// How one timeline row looks, in the list and in the detail pane. Every string from an event goes
// in as textContent; ids and classes come from our own values only (see `domIdFor`).

import { formatUtc } from '../../../src/core/time';
import { formatSinceStart, recordedLater, ROW_KIND_INFO, RowRef, TimelineRow } from '../../../src/core/timelineView';
import { AUDIENCE_LABELS, isAudience } from '../../../src/core/stakeholderUpdates';
import { el, localClock, localZone } from '../lib/dom';
import { buttonIcon, icon } from '../lib/icons';

export const ROW_HEIGHT = 52;
export const AMENDED_ROW_HEIGHT = 70;

export const rowHeight = (row: TimelineRow): number => (row.original !== undefined ? AMENDED_ROW_HEIGHT : ROW_HEIGHT);

// Event ids are data: used as DOM ids they could clobber ours (`initial-state`, `app`), so each
// row gets a numbered id instead.
const domIds = new Map<string, string>();
export function domIdFor(rowId: string): string {
  let id = domIds.get(rowId);
  if (!id) {
    id = `row-${domIds.size + 1}`;
    domIds.set(rowId, id);
  }
  return id;
}

export function refLabel(ref: RowRef): string {
  switch (ref.kind) {
    case 'sha':
      return ref.sha.slice(0, 8);
    case 'file':
      return ref.line !== undefined ? `${ref.file}:${ref.line}` : ref.file;
    case 'runbook':
      return ref.step ? `${ref.runbook} › ${ref.step}` : ref.runbook;
    case 'url': {
      try {
        const url = new URL(ref.url);
        return url.host + (url.pathname.length > 1 ? url.pathname : '');
      } catch {
        return ref.url;
      }
    }
  }
}

const REF_ICONS: Readonly<Record<RowRef['kind'], string>> = { sha: 'git-commit', file: 'file', runbook: 'checklist', url: 'link-external' };
const REF_ACTIONS: Readonly<Record<RowRef['kind'], string>> = {
  sha: 'Open commit',
  file: 'Open file',
  runbook: 'Open runbook step',
  url: 'Open link',
};

export function refDescription(ref: RowRef): string {
  return `${REF_ACTIONS[ref.kind]} ${refLabel(ref)}`;
}

function refChip(ref: RowRef, index: number, focusable: boolean): HTMLElement {
  const button = el(
    'button',
    {
      className: `ref ref-${ref.kind}`,
      attrs: { type: 'button', 'data-ref': String(index), 'aria-label': refDescription(ref), title: refDescription(ref) },
    },
    [icon(REF_ICONS[ref.kind]), el('span', { text: refLabel(ref) })],
  );
  if (!focusable) {
    // In the list the row is the focus stop (arrow keys); the detail pane has the tabbable copies.
    button.tabIndex = -1;
  }
  return button;
}

function audienceText(row: TimelineRow): string {
  return row.audience && isAudience(row.audience) ? ` to ${AUDIENCE_LABELS[row.audience]}` : row.audience ? ` to ${row.audience}` : '';
}

/** `incidentId`: the panel's incident, so a context-menu action never looks the event up elsewhere. */
export function renderRow(row: TimelineRow, active: boolean, incidentId?: string): HTMLElement {
  const info = ROW_KIND_INFO[row.kind];
  const main = el('div', { className: 'row-main' });
  if (row.original !== undefined) {
    main.appendChild(el('del', { className: 'row-original', text: row.original, attrs: { 'aria-label': `original: ${row.original}` } }));
  }
  main.appendChild(el('div', { className: 'row-text', text: row.text }));
  const meta = el('div', { className: 'row-meta' }, [
    el('span', { className: 'row-kind', text: info.label + audienceText(row) }),
    el('span', { className: 'row-author', text: row.author || 'unknown' }),
    el('time', { className: 'row-utc', text: formatUtc(row.ts), attrs: { datetime: row.ts } }),
    el('span', { className: 'row-local', text: `${localClock(row.ts)} local` }),
    el('span', { className: 'row-since', text: formatSinceStart(row.sinceStartMs) }),
  ]);
  const later = recordedLater(row);
  if (later) {
    meta.appendChild(el('span', { className: 'row-recorded', text: later }));
  }
  row.refs.forEach((ref, i) => meta.appendChild(refChip(ref, i, false)));
  main.appendChild(meta);
  const node = el(
    'div',
    {
      className: `row kind-${row.kind}${row.pinned ? ' pinned' : ''}${row.original !== undefined ? ' amended' : ''}${active ? ' active' : ''}`,
      attrs: {
        role: 'option',
        id: domIdFor(row.id),
        'aria-selected': String(active),
        // VS Code's webview context menu reads it: "Add Action Item" from this row.
        // With the panel's incident: an event id copied into two incidents (a teammate's, an import) is
        // still this row's.
        'data-vscode-context': JSON.stringify({ webviewSection: 'timelineRow', eventId: row.id, ...(incidentId ? { incidentId } : {}) }),
      },
    },
    [el('span', { className: 'row-icon' }, [icon(info.icon, info.label)]), main],
  );
  if (row.pinned) {
    node.appendChild(el('span', { className: 'row-pin' }, [icon('pin', 'pinned')]));
  }
  return node;
}

export interface DetailActions {
  readonly onRef: (row: TimelineRow, ref: RowRef) => void;
  readonly onPin: (row: TimelineRow) => void;
  readonly onAmend: (row: TimelineRow) => void;
  readonly onMilestone: (row: TimelineRow) => void;
  readonly onActionItem: (row: TimelineRow) => void;
  readonly onShareNote: (row: TimelineRow) => void;
}

/** The active row in full: wrapped text, the correction history, jumps and actions as tab stops. */
export function renderDetail(row: TimelineRow | undefined, actions: DetailActions, noteTargets: readonly string[] = []): HTMLElement[] {
  if (!row) {
    return [el('p', { className: 'muted', text: 'Select an event (arrow keys) to see it in full.' })];
  }
  const info = ROW_KIND_INFO[row.kind];
  const nodes: HTMLElement[] = [
    el('div', { className: 'detail-head' }, [
      icon(info.icon),
      el('strong', { text: info.label + audienceText(row) }),
      el('span', { text: `by ${row.author || 'unknown'}` }),
      el('time', { text: formatUtc(row.ts), attrs: { datetime: row.ts } }),
      el('span', { className: 'muted', text: `${localClock(row.ts)} ${localZone(row.ts)}` }),
      el('span', { className: 'muted', text: formatSinceStart(row.sinceStartMs) }),
      ...(recordedLater(row) ? [el('span', { className: 'muted', text: recordedLater(row) })] : []),
    ]),
  ];
  if (row.original !== undefined) {
    nodes.push(el('p', { className: 'detail-original' }, [el('del', { text: row.original })]));
    for (const amendment of row.amendments ?? []) {
      nodes.push(
        el('p', {
          className: 'detail-amendment muted',
          text: `Corrected by ${amendment.author || 'unknown'} at ${formatUtc(amendment.ts)}:`,
        }),
      );
      nodes.push(el('p', { className: 'detail-text', text: amendment.text }));
    }
  } else {
    nodes.push(el('p', { className: 'detail-text', text: row.text }));
  }
  const buttons = el('div', { className: 'detail-actions' });
  row.refs.forEach((ref, i) => {
    const chip = refChip(ref, i, true);
    chip.addEventListener('click', () => actions.onRef(row, ref));
    buttons.appendChild(chip);
  });
  const pin = el(
    'vscode-button',
    { attrs: { appearance: 'secondary', 'aria-label': row.pinned ? 'Unpin this event' : 'Pin as a key moment' } },
    [buttonIcon('pin'), el('span', { text: row.pinned ? 'Unpin (P)' : 'Pin (P)' })],
  );
  pin.addEventListener('click', () => actions.onPin(row));
  buttons.appendChild(pin);
  if (row.amendable) {
    const amend = el('vscode-button', { attrs: { appearance: 'secondary', 'aria-label': 'Correct this entry' } }, [
      buttonIcon('edit'),
      el('span', { text: 'Amend (E)' }),
    ]);
    amend.addEventListener('click', () => actions.onAmend(row));
    buttons.appendChild(amend);
  }
  // The extension asks the rest (which milestone; the item's title, kind, owner...) in the editor's own pickers.
  const milestone = el('vscode-button', { attrs: { appearance: 'secondary', 'aria-label': 'Mark this event as a milestone' } }, [
    buttonIcon('milestone'),
    el('span', { text: 'Mark as milestone…' }),
  ]);
  milestone.addEventListener('click', () => actions.onMilestone(row));
  buttons.appendChild(milestone);
  const item = el('vscode-button', { attrs: { appearance: 'secondary', 'aria-label': 'Add an action item from this event' } }, [
    buttonIcon('checklist'),
    el('span', { text: 'Add action item…' }),
  ]);
  item.addEventListener('click', () => actions.onActionItem(row));
  buttons.appendChild(item);
  // Only where the incident is linked to PagerDuty or Opsgenie; the extension shows the note and asks first.
  if (noteTargets.length) {
    const where = noteTargets.join('/');
    const share = el('vscode-button', { attrs: { appearance: 'secondary', 'aria-label': `Share this event as a note to ${where}` } }, [
      buttonIcon('send'),
      el('span', { text: `Share to ${where}…` }),
    ]);
    share.addEventListener('click', () => actions.onShareNote(row));
    buttons.appendChild(share);
  }
  nodes.push(buttons);
  return nodes;
}
