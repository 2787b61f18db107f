// The quick-add bar: type an entry and press Enter, Ctrl+Up/Down to change its kind, or correct
// (amend) an entry picked in the list. Each add or amend is a request; its reply shows in the
// status line, and a failed one gives the typed text back.

import { Done, Outcome } from '../../../src/protocol/common';
import { QUICK_ADD_KINDS, QuickAddKind, TimelineRow } from '../../../src/core/timelineView';
import { clear, el } from '../lib/dom';
import { outcomeText } from '../lib/hostChannel';
import { icon } from '../lib/icons';
import { setFieldValue } from '../lib/toolkit';
import type { TimelineHost } from './hostMessages';
import type { TimelineLayout } from './layout';
import { TimelinePage } from './state';

export const QUICK_ADD_LABELS: Readonly<Record<QuickAddKind, string>> = {
  note: 'Note',
  decision: 'Decision',
  action: 'Action',
  hypothesis: 'Hypothesis',
};

export interface QuickAdd {
  setKind(kind: QuickAddKind): void;
  startAmend(row: TimelineRow): void;
  /** A request's outcome in the status line; with `text`, a failure puts it back in an empty field. */
  showOutcome(what: string, outcome: Outcome<Done>, text?: string): void;
}

export function quickAdd(page: TimelinePage, layout: TimelineLayout, host: TimelineHost): QuickAdd {
  const { qaForm, qaKind, qaText, qaWhen, qaAdd, qaDeploy, qaAmending, qaStatus } = layout;

  function setKind(kind: QuickAddKind): void {
    page.saveUi({ quickAddKind: kind });
    if (page.toolkitReady) {
      qaKind.value = kind;
    }
    qaText.setAttribute('placeholder', `Add a ${QUICK_ADD_LABELS[kind].toLowerCase()}: Enter adds, Ctrl+Up/Down changes the kind`);
  }

  function startAmend(row: TimelineRow): void {
    page.amending = row;
    clear(qaAmending);
    qaAmending.append(
      icon('edit'),
      el('span', { text: 'Correcting: ' }),
      el('del', { text: row.text }),
      el('span', { className: 'muted', text: ' (Esc cancels)' }),
    );
    qaAmending.hidden = false;
    qaKind.hidden = true;
    qaWhen.hidden = true; // a correction changes the words, not when
    setFieldValue(qaText, row.text);
    qaText.setAttribute('aria-label', 'Corrected text');
    qaAdd.textContent = 'Amend';
    qaText.focus();
  }

  function stopAmend(): void {
    page.amending = undefined;
    qaAmending.hidden = true;
    qaKind.hidden = false;
    qaWhen.hidden = false;
    qaText.setAttribute('aria-label', 'New timeline entry');
    qaAdd.textContent = 'Add';
  }

  function showOutcome(what: string, outcome: Outcome<Done>, text?: string, at?: string): void {
    qaStatus.textContent = outcomeText(what, outcome, 'Saved.');
    if (!outcome.ok && text && !qaText.value) {
      setFieldValue(qaText, text); // nothing typed is lost
      if (at && !qaWhen.value) setFieldValue(qaWhen, at);
    }
  }

  function submit(): void {
    const text = qaText.value.trim();
    if (!text) {
      qaStatus.textContent = 'Type something first.';
      return;
    }
    let what: string;
    let reply: Promise<Outcome<Done>>;
    const at = page.amending ? '' : qaWhen.value.trim();
    if (page.amending) {
      what = 'Amending';
      reply = host.request('amend', { target: page.amending.id, text });
      stopAmend();
    } else {
      const kind = page.ui.quickAddKind;
      what = `Adding ${QUICK_ADD_LABELS[kind].toLowerCase()}`;
      reply = host.request('addEntry', { kind, text, ...(at ? { at } : {}) });
    }
    setFieldValue(qaText, '');
    setFieldValue(qaWhen, '');
    qaStatus.textContent = `${what}…`;
    void reply.then((outcome) => showOutcome(what, outcome, text, at));
  }

  qaKind.addEventListener('change', () => {
    const kind = QUICK_ADD_KINDS.find((k) => k === qaKind.value);
    if (kind) {
      setKind(kind);
    }
  });
  qaText.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (page.amending) {
        stopAmend();
      }
      setFieldValue(qaText, '');
    } else if ((event.ctrlKey || event.metaKey) && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      const at = QUICK_ADD_KINDS.indexOf(page.ui.quickAddKind);
      const next = (at + (event.key === 'ArrowDown' ? 1 : QUICK_ADD_KINDS.length - 1)) % QUICK_ADD_KINDS.length;
      setKind(QUICK_ADD_KINDS[next]);
      qaStatus.textContent = `Kind: ${QUICK_ADD_LABELS[QUICK_ADD_KINDS[next]]}`;
    }
  });
  qaWhen.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  qaAdd.addEventListener('click', submit);
  qaDeploy.addEventListener('click', () => {
    qaStatus.textContent = 'Recording a deploy: answer in the questions above…';
    void host.request('recordDeploy', {}).then((outcome) => {
      qaStatus.textContent = outcomeText('Recording a deploy', outcome, 'Recorded.');
    });
  });
  qaForm.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });

  return { setKind, startAmend, showOutcome };
}
