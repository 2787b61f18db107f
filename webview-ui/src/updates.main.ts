// The stakeholder updates composer: a tab per audience with the drafted text to edit, warnings
// when customer text carries internals, copy / mark as sent / send, and a countdown to the next
// update due by the severity's cadence.

import { AUDIENCE_LABELS, AUDIENCES, Audience, findInternals } from '../../src/core/stakeholderUpdates';
import { MAX_ENTRY_TEXT } from '../../src/core/timelineMarks';
import { countdown } from '../../src/core/updateCadence';
import { formatDuration, formatUtc } from '../../src/core/time';
import {
  isUpdatesState,
  parseUpdatesHostMessage,
  UPDATES_RESULTS,
  UpdatesHostMessage,
  UpdatesResults,
  UpdatesState,
  UpdatesWebviewMessage,
} from '../../src/protocol/updates';
import { byId, clear, el, readInitialState } from './lib/dom';
import { buttonIcon, icon } from './lib/icons';
import { CheckedElement, registerToolkit, ValueElement } from './lib/toolkit';
import { HostChannel, outcomeText } from './lib/hostChannel';
import { vscodeApi } from './lib/vscodeApi';

interface UiState {
  /** Texts the responder edited, per audience; fresh drafts do not overwrite these. */
  readonly edits: Partial<Record<Audience, string>>;
  readonly tab: Audience;
  /** Which incident this panel shows: the extension's serializer re-opens it by this id after a reload. */
  readonly incidentId?: string;
}

registerToolkit('button', 'checkbox', 'panels', 'panelTab', 'panelView', 'textArea');
const vscode = vscodeApi<UpdatesWebviewMessage, UiState>();
let state: UpdatesState | undefined = readInitialState(isUpdatesState);
const saved = vscode.getState();
let ui: UiState = {
  edits: saved?.edits ?? {},
  tab: saved?.tab ?? 'executive',
  incidentId: state?.incident.incidentId ?? saved?.incidentId,
};
const host = new HostChannel<UpdatesWebviewMessage, Exclude<UpdatesHostMessage, { type: 'reply' }>, UpdatesResults>(vscode, window, {
  parse: parseUpdatesHostMessage,
  results: UPDATES_RESULTS,
});
// Difference between the extension host's clock and ours, so the countdown agrees with the status bar.
let skewMs = state ? Date.parse(state.now) - Date.now() : 0;

function saveUi(patch: Partial<UiState>): void {
  ui = { ...ui, ...patch };
  vscode.setState(ui);
}

const app = byId('app');
const title = el('h1', { className: 'title' });
const due = el('div', { className: 'due', attrs: { id: 'due' } });
// The ticking countdown is not live (it would chatter); this region speaks once when it turns due.
const dueAnnounce = el('div', { className: 'sr-only', attrs: { role: 'status', 'aria-live': 'polite' } });
const panels = el('vscode-panels', { attrs: { 'aria-label': 'Audiences', activeid: `tab-${ui.tab}` } });
const status = el('div', { className: 'qa-status muted', attrs: { role: 'status', 'aria-live': 'polite' } });
app.append(el('header', { className: 'head' }, [title, due]), dueAnnounce, panels, status);
app.removeAttribute('aria-busy');

interface AudienceView {
  readonly text: ValueElement;
  readonly warnings: HTMLElement;
  readonly senders: HTMLElement;
  readonly ai: HTMLElement;
  readonly aiLabel: HTMLElement;
}
const views = new Map<Audience, AudienceView>();
/** Audiences whose AI draft is streaming in: their button stops it. */
const drafting = new Set<Audience>();

/** Draft with AI: the model's text replaces the draft as it streams in; the human edits and sends it. */
function draftWithAi(audience: Audience): void {
  const view = views.get(audience);
  if (!view) {
    return;
  }
  if (drafting.has(audience)) {
    host.post({ type: 'stopAiDraft', audience });
    return;
  }
  drafting.add(audience);
  view.text.value = '';
  saveUi({ edits: { ...ui.edits, [audience]: '' } });
  renderAi(audience);
  status.textContent = `Drafting with ${state?.aiModel ?? 'the model'}…`;
  void host.request('draftWithAi', { audience }).then((outcome) => {
    drafting.delete(audience);
    renderAi(audience);
    status.textContent = outcomeText('Drafting', outcome);
  });
}

function renderAi(audience: Audience): void {
  const view = views.get(audience);
  if (!view) {
    return;
  }
  const busy = drafting.has(audience);
  view.ai.hidden = !state?.aiModel && !busy;
  view.aiLabel.textContent = busy ? 'Stop drafting' : 'Draft with AI';
  view.ai.title = busy ? 'Stop the model; keep what it wrote' : `Draft this update with ${state?.aiModel ?? 'AI'}: you edit and send it`;
}

function currentText(audience: Audience): string {
  return ui.edits[audience] ?? state?.drafts[audience] ?? '';
}

function renderWarnings(audience: Audience): void {
  const view = views.get(audience);
  if (!view) {
    return;
  }
  clear(view.warnings);
  if (audience !== 'customers') {
    return;
  }
  const found = findInternals(view.text.value, state?.knownInternal ?? []);
  for (const item of found) {
    view.warnings.appendChild(el('li', {}, [icon('warning'), el('code', { text: item.text }), el('span', { text: `: ${item.why}` })]));
  }
  view.warnings.hidden = found.length === 0;
}

/** The composer's three requests: each carries the audience and its text. */
type Act = { readonly type: 'copy' | 'markSent' } | { readonly type: 'send'; readonly senderIds: readonly string[] };

function act(audience: Audience, what: string, request: Act): void {
  const text = views.get(audience)?.text.value.trim() ?? '';
  if (!text || text.length > MAX_ENTRY_TEXT) {
    status.textContent = text ? 'The update is too long.' : 'The update is empty.';
    return;
  }
  status.textContent = `${what}…`;
  const reply =
    request.type === 'send'
      ? host.request('send', { audience, text, senderIds: request.senderIds })
      : host.request(request.type, { audience, text });
  void reply.then((outcome) => {
    status.textContent = outcomeText(what, outcome);
    if (outcome.ok && request.type !== 'copy') {
      // Sent: the next update starts from a fresh draft (the extension sends new state after the event).
      const edits = { ...ui.edits };
      delete edits[audience];
      saveUi({ edits });
    }
  });
}

function buildTabs(): void {
  for (const audience of AUDIENCES) {
    const tab = el('vscode-panel-tab', { attrs: { id: `tab-${audience}` }, text: AUDIENCE_LABELS[audience] });
    const text = el('vscode-text-area', {
      attrs: { rows: '12', resize: 'vertical', maxlength: String(MAX_ENTRY_TEXT), 'aria-label': `Update for ${AUDIENCE_LABELS[audience]}` },
    }) as ValueElement;
    const warnings = el('ul', { className: 'warnings', attrs: { 'aria-label': 'Internal details customers should not see' } });
    const senders = el('div', { className: 'senders', attrs: { role: 'group', 'aria-label': 'Send through' } });
    text.addEventListener('input', () => {
      saveUi({ edits: { ...ui.edits, [audience]: text.value } });
      renderWarnings(audience);
    });
    const reset = el('vscode-button', { attrs: { appearance: 'secondary' }, text: 'Reset to draft' });
    reset.addEventListener('click', () => {
      const edits = { ...ui.edits };
      delete edits[audience];
      saveUi({ edits });
      text.value = currentText(audience);
      renderWarnings(audience);
    });
    const copy = el('vscode-button', { attrs: { appearance: 'secondary' } }, [buttonIcon('copy'), el('span', { text: 'Copy' })]);
    copy.addEventListener('click', () => act(audience, 'Copying', { type: 'copy' }));
    const mark = el('vscode-button', {
      attrs: { appearance: 'secondary', title: 'Record an update you posted by hand' },
      text: 'Mark as sent',
    });
    mark.addEventListener('click', () => act(audience, 'Recording', { type: 'markSent' }));
    const aiLabel = el('span', { text: 'Draft with AI' });
    const ai = el('vscode-button', { attrs: { appearance: 'secondary' } }, [buttonIcon('sparkle'), aiLabel]);
    ai.addEventListener('click', () => draftWithAi(audience));
    const send = el('vscode-button', {}, [buttonIcon('send'), el('span', { text: 'Send' })]);
    send.addEventListener('click', () => {
      const senderIds = [...senders.querySelectorAll('vscode-checkbox')]
        .filter((box) => (box as CheckedElement).checked)
        .map((box) => (box as HTMLElement).dataset.sender ?? '');
      if (senderIds.length === 0) {
        status.textContent = 'Pick where to send it, or copy it and mark it as sent.';
        return;
      }
      act(audience, 'Sending', { type: 'send', senderIds });
    });
    const view = el('vscode-panel-view', { attrs: { id: `view-${audience}` } }, [
      el('div', { className: 'composer' }, [
        text,
        warnings,
        senders,
        el('div', { className: 'composer-actions' }, [send, copy, mark, reset, ai]),
      ]),
    ]);
    panels.append(tab);
    panels.append(view);
    views.set(audience, { text, warnings, senders, ai, aiLabel });
  }
  // Tabs first, then views: the order vscode-panels expects.
  const tabs = [...panels.querySelectorAll('vscode-panel-tab')];
  const panelViews = [...panels.querySelectorAll('vscode-panel-view')];
  panels.replaceChildren(...tabs, ...panelViews);
  panels.addEventListener('change', () => {
    const active = panels.getAttribute('activeid')?.replace(/^tab-/, '');
    const audience = AUDIENCES.find((a) => a === active);
    if (audience) {
      saveUi({ tab: audience });
    }
  });
}

function render(): void {
  title.textContent = state ? `Updates: ${state.incident.title} (${state.incident.severity})` : 'Stakeholder updates';
  document.title = title.textContent;
  for (const audience of AUDIENCES) {
    const view = views.get(audience);
    if (!view) {
      continue;
    }
    view.text.value = currentText(audience);
    renderWarnings(audience);
    renderAi(audience);
    clear(view.senders);
    for (const sender of (state?.senders ?? []).filter((s) => s.audiences.includes(audience))) {
      const box = el('vscode-checkbox', { text: sender.label }) as CheckedElement;
      box.dataset.sender = sender.id;
      view.senders.appendChild(box);
    }
  }
  tick();
}

let wasOverdue = false;
function tick(): void {
  const schedule = state?.schedule;
  const left = countdown(schedule?.dueAt, new Date(Date.now() + skewMs));
  const last = schedule
    ? `Last update ${formatUtc(schedule.lastUpdateAt).slice(11, 16)} UTC${schedule.lastUpdateBy ? ` by ${schedule.lastUpdateBy}` : ''}. `
    : '';
  due.classList.toggle('overdue', left.state === 'overdue');
  if (left.state === 'none') {
    due.textContent = `${last}No regular updates for this severity.`;
  } else if (left.state === 'due-in') {
    due.textContent = `${last}Next update due in ${formatDuration(left.ms)}.`;
  } else {
    due.textContent = `${last}Update overdue by ${formatDuration(left.ms)}.`;
  }
  if (left.state === 'overdue' && !wasOverdue) {
    dueAnnounce.textContent = 'A stakeholder update is due now.';
  }
  wasOverdue = left.state === 'overdue';
}

host.on('aiDraftText', (message) => {
  const view = views.get(message.audience);
  if (!view || !drafting.has(message.audience)) {
    return;
  }
  view.text.value += message.text;
  saveUi({ edits: { ...ui.edits, [message.audience]: view.text.value } });
  renderWarnings(message.audience);
});

host.on('state', (message) => {
  state = message.state;
  skewMs = Date.parse(state.now) - Date.now();
  render();
});

// Saved at once (not only after an edit), so a reload can restore the panel.
vscode.setState(ui);
buildTabs();
render();
setInterval(tick, 1000);
host.post({ type: 'ready', version: state?.version ?? 0 });
