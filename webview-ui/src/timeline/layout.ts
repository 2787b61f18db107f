// The timeline page's static markup, built with DOM calls; no data in it yet (rendering fills it).

import { MAX_ENTRY_TEXT } from '../../../src/core/timelineMarks';
import { QUICK_ADD_KINDS } from '../../../src/core/timelineView';
import { el } from '../lib/dom';
import { CheckedElement, ValueElement } from '../lib/toolkit';
import { QUICK_ADD_LABELS } from './quickAdd';

export interface TimelineLayout {
  readonly title: HTMLElement;
  readonly badges: HTMLElement;
  readonly search: ValueElement;
  readonly authorFilter: ValueElement;
  readonly pinnedOnly: CheckedElement;
  readonly kindChips: HTMLElement;
  readonly count: HTMLElement;
  readonly viewport: HTMLElement;
  readonly empty: HTMLElement;
  readonly detail: HTMLElement;
  readonly qaForm: HTMLElement;
  readonly qaKind: ValueElement;
  readonly qaText: ValueElement;
  readonly qaWhen: ValueElement;
  readonly qaAdd: HTMLElement;
  readonly qaDeploy: HTMLElement;
  readonly qaAmending: HTMLElement;
  readonly qaStatus: HTMLElement;
}

export function buildLayout(app: HTMLElement): TimelineLayout {
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
      id: 'timeline-list',
      role: 'listbox',
      tabindex: '0',
      'aria-label': 'Timeline events',
      'aria-describedby': 'list-help',
    },
  });
  const listHelp = el('p', {
    className: 'sr-only',
    attrs: { id: 'list-help' },
    text: 'Arrow keys move between events. Enter opens the first link of an event, P pins, E amends, N adds an entry, D records a deploy, slash searches.',
  });
  const empty = el('p', { className: 'empty muted', text: 'No events match these filters.' });
  const detail = el('section', { className: 'detail', attrs: { 'aria-label': 'Selected event' } });

  const qaKind = el('vscode-dropdown', { attrs: { id: 'quick-add-kind', 'aria-label': 'Kind of entry' } }) as ValueElement;
  for (const kind of QUICK_ADD_KINDS) {
    qaKind.appendChild(el('vscode-option', { attrs: { value: kind }, text: QUICK_ADD_LABELS[kind] }));
  }
  const qaText = el('vscode-text-field', {
    attrs: {
      id: 'quick-add-text',
      maxlength: String(MAX_ENTRY_TEXT),
      placeholder: 'Add to the timeline: Enter adds, Ctrl+Up/Down changes the kind, Esc cancels',
      'aria-label': 'New timeline entry',
    },
  }) as ValueElement;
  // Empty is now; a scribe catching up types when it happened, read by the extension as every time box.
  const qaWhen = el('vscode-text-field', {
    attrs: {
      id: 'quick-add-when',
      maxlength: '100',
      size: '10',
      placeholder: 'when: now',
      'aria-label': 'When it happened (empty is now; 23:10, 15m ago)',
      title: 'When it happened, if earlier: 23:10, 15m ago, yesterday 23:40 or ISO. Empty is now.',
    },
  }) as ValueElement;
  const qaAdd = el('vscode-button', { attrs: { id: 'quick-add-button', 'aria-label': 'Add entry' }, text: 'Add' });
  // A deploy names a commit, which only the extension can resolve: it asks (Record a Deploy).
  const qaDeploy = el('vscode-button', {
    attrs: {
      id: 'record-deploy-button',
      appearance: 'secondary',
      'aria-label': 'Record a deploy',
      title: 'Record a deploy: which commit, which environment, when',
    },
    text: 'Deploy…',
  });
  const qaAmending = el('div', { className: 'amending', attrs: { id: 'amending', hidden: '' } });
  const qaStatus = el('div', { className: 'qa-status muted', attrs: { role: 'status', 'aria-live': 'polite' } });
  const qaForm = el('form', { className: 'quick-add', attrs: { id: 'quick-add', 'aria-label': 'Add to timeline' } }, [
    qaAmending,
    qaKind,
    qaText,
    qaWhen,
    qaAdd,
    qaDeploy,
  ]);

  app.append(
    el('header', { className: 'head' }, [title, badges]),
    el('div', { className: 'filters', attrs: { role: 'search' } }, [search, authorFilter, pinnedOnly, count]),
    kindChips,
    listHelp,
    viewport,
    empty,
    detail,
    qaForm,
    qaStatus,
  );
  app.removeAttribute('aria-busy');
  return {
    title,
    badges,
    search,
    authorFilter,
    pinnedOnly,
    kindChips,
    count,
    viewport,
    empty,
    detail,
    qaForm,
    qaKind,
    qaText,
    qaWhen,
    qaAdd,
    qaDeploy,
    qaAmending,
    qaStatus,
  };
}
