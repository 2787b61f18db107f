// The runbook walkthrough: steps with progress and the current step, check off / skip, a note per
// step, decision branches as choices, commands filled from the incident (run through the
// extension, which confirms first), "Open beside code". Runbook text comes from files anyone may
// have written: it is only ever set as text (lib/dom's el), never parsed as markup.

import { RequestParams, RequestType } from '../../src/protocol/common';
import {
  isWalkthroughState,
  parseWalkthroughHostMessage,
  WALKTHROUGH_RESULTS,
  WalkStep,
  WalkthroughHostMessage,
  WalkthroughResults,
  WalkthroughState,
  WalkthroughWebviewMessage,
} from '../../src/protocol/walkthrough';
import { byId, clear, el, readInitialState } from './lib/dom';
import { HostChannel, outcomeText } from './lib/hostChannel';
import { vscodeApi } from './lib/vscodeApi';
import { count } from '../../src/core/text/count';

interface UiState {
  /** What the serializer needs to re-open this panel after a reload. */
  readonly incidentId?: string;
  readonly file?: string;
  readonly runbook?: string;
}

const vscode = vscodeApi<WalkthroughWebviewMessage, UiState>();
let state: WalkthroughState | undefined = readInitialState(isWalkthroughState);
const host = new HostChannel<WalkthroughWebviewMessage, Exclude<WalkthroughHostMessage, { type: 'reply' }>, WalkthroughResults>(
  vscode,
  window,
  { parse: parseWalkthroughHostMessage, results: WALKTHROUGH_RESULTS },
);
let lastFocus: string | undefined;

const app = byId('app');
const title = el('h1', { className: 'title' });
const meta = el('div', { className: 'wt-meta muted' });
// A plain bar rather than <progress>, whose unstyled track reads as full in dark themes.
const progressFill = el('div', { className: 'wt-progress-fill' });
const progress = el(
  'div',
  { className: 'wt-progress', attrs: { role: 'progressbar', 'aria-label': 'Steps done or skipped', 'aria-valuemin': '0' } },
  [progressFill],
);
const progressText = el('span', { className: 'wt-progress-text' });
const banners = el('div', { className: 'wt-banners' });
const list = el('ol', { className: 'wt-steps' });
const status = el('div', { className: 'qa-status muted', attrs: { role: 'status', 'aria-live': 'polite' } });
app.append(
  el('header', { className: 'head' }, [title]),
  meta,
  el('div', { className: 'wt-progress-row' }, [progress, progressText]),
  banners,
  el('div', { className: 'wt-scroll' }, [list]),
  status,
);
app.removeAttribute('aria-busy');

function saveUi(): void {
  if (state) {
    vscode.setState({ incidentId: state.incident.incidentId, file: state.runbook.file, runbook: state.runbook.id });
  }
}

function request<T extends RequestType<WalkthroughWebviewMessage>>(
  what: string,
  type: T,
  params: RequestParams<WalkthroughWebviewMessage, T>,
): void {
  status.textContent = `${what}…`;
  void host.request(type, params).then((outcome) => {
    status.textContent = outcomeText(what, outcome);
  });
}

function button(
  text: string,
  onClick: () => void,
  options: { secondary?: boolean; label?: string; disabled?: boolean } = {},
): HTMLButtonElement {
  const b = el('button', {
    className: options.secondary ? 'wt-button secondary' : 'wt-button',
    text,
    attrs: options.label ? { 'aria-label': options.label, title: options.label } : {},
  });
  b.type = 'button';
  b.disabled = options.disabled ?? false;
  b.addEventListener('click', onClick);
  return b;
}

const STATUS_TEXT: Readonly<Record<string, string>> = { done: '✓ done', skipped: '⤼ skipped', branch: '↳ chosen', pending: '' };

function renderStep(step: WalkStep, index: number): HTMLElement {
  const current = state?.currentStep === step.id;
  const classes = [
    'wt-step',
    `wt-${step.status}`,
    current ? 'wt-current' : '',
    step.onPath ? '' : 'wt-off-path',
    state?.focusStep === step.id ? 'wt-focus' : '',
  ];
  const item = el('li', {
    className: classes.filter(Boolean).join(' '),
    attrs: { id: `step-${index}`, 'data-step': step.id, 'aria-current': current ? 'step' : 'false' },
  });
  const heading = el('div', { className: 'wt-step-head' }, [
    el('span', { className: `wt-kind wt-kind-${step.kind}`, text: step.kind }),
    el('h2', { className: 'wt-step-title', text: `${index + 1}. ${step.title}` }),
    el('span', { className: 'wt-step-status', text: STATUS_TEXT[step.status] + (step.by ? ` by ${step.by}` : '') }),
  ]);
  item.appendChild(heading);
  if (current) {
    item.appendChild(el('div', { className: 'wt-current-label', text: 'Current step' }));
  }
  if (!step.onPath) {
    item.appendChild(el('div', { className: 'muted', text: 'Not on the path taken (a choice above jumped past it).' }));
  }
  if (step.alternative) {
    item.appendChild(el('div', { className: 'muted', text: `Alternative: ${step.alternative}` }));
  }
  if (step.text.trim()) {
    item.appendChild(el('p', { className: 'wt-text', text: step.text.trim() }));
  }
  for (const command of step.commands) {
    const box = el('div', { className: `wt-command${command.destructive ? ' wt-destructive' : ''}` });
    box.appendChild(el('pre', { className: 'wt-code' }, [el('code', { text: command.command })]));
    const notes: string[] = [];
    if (command.missing.length) notes.push(`asks for: ${command.missing.join(', ')}`);
    if (command.destructive) notes.push(`destructive: ${command.destructive} (asks twice)`);
    if (command.checking) notes.push('checking whether it asks twice…');
    if (command.expect) notes.push(`expect: ${command.expect}`);
    if (!command.runnable) {
      notes.push(command.refused ? `no Run: ${command.refused}` : `${command.lang}: copy it into the right tool`);
    }
    if (notes.length) box.appendChild(el('div', { className: 'wt-command-notes muted', text: notes.join(' · ') }));
    if (command.runnable) {
      const trusted = state?.trusted ?? false;
      box.appendChild(
        button(
          trusted ? 'Run in terminal…' : 'Run (untrusted workspace)',
          () => request('Running (confirm in the dialog)', 'runCommand', { step: step.id, command: command.index }),
          { disabled: !trusted, label: trusted ? `Run in terminal: ${command.command}` : 'Commands never run in an untrusted workspace' },
        ),
      );
    }
    item.appendChild(box);
  }
  if (step.branches.length) {
    const choices = el('div', { className: 'wt-branches', attrs: { role: 'group', 'aria-label': 'Choices' } });
    step.branches.forEach((branch, i) => {
      const taken = step.branchTaken?.goto === branch.goto && step.branchTaken.if === branch.if;
      choices.appendChild(
        button(
          `${taken ? '● ' : ''}${branch.if} → ${branch.goto}`,
          () => request(`Taking "${branch.if}"`, 'takeBranch', { step: step.id, branch: i }),
          { secondary: !taken },
        ),
      );
    });
    item.appendChild(choices);
  }
  for (const link of step.links) {
    const a = el('a', { className: 'wt-link', text: link.title || link.url });
    // Only web links: VS Code opens them outside the webview after its own prompt.
    if (/^https?:\/\//i.test(link.url)) a.setAttribute('href', link.url);
    item.appendChild(el('div', {}, [a]));
  }
  if (step.runs.length) {
    const runs = el('ul', { className: 'wt-runs', attrs: { 'aria-label': 'Commands run in this step' } });
    for (const run of step.runs) {
      const ended = run.exitCode === undefined ? 'no exit code yet' : `exit ${run.exitCode}`;
      runs.appendChild(
        el('li', { className: run.exitCode ? 'wt-run-failed' : '' }, [
          el('span', { className: 'muted', text: `${run.at.slice(11, 16)} UTC ${run.by} ran ` }),
          el('code', { text: run.command }),
          el('span', { className: 'wt-run-exit', text: ` · ${ended}` }),
        ]),
      );
    }
    item.appendChild(runs);
  }
  if (step.notes.length) {
    const notes = el('ul', { className: 'wt-notes' });
    for (const note of step.notes) {
      notes.appendChild(
        el('li', {}, [
          el('strong', { text: note.by }),
          el('span', { className: 'muted', text: ` ${note.at.slice(11, 16)} UTC: ` }),
          el('span', { text: note.text }),
        ]),
      );
    }
    item.appendChild(notes);
  }
  const noteField = el('input', {
    className: 'wt-note-input',
    attrs: { type: 'text', placeholder: 'Note for this step (Enter to add)', 'aria-label': `Note for step ${index + 1}` },
  });
  noteField.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && noteField.value.trim()) {
      const note = noteField.value.trim();
      request('Adding the note', 'addNote', { step: step.id, note });
      noteField.value = '';
    }
  });
  const actions = el('div', { className: 'wt-actions' }, [
    step.status === 'done' || step.status === 'skipped' || step.status === 'branch'
      ? button('Reopen', () => request('Reopening the step', 'setStep', { step: step.id, status: 'pending' }), { secondary: true })
      : button('Done', () => request('Checking off', 'setStep', { step: step.id, status: 'done' }), {
          label: `Mark step ${index + 1} done`,
        }),
    ...(step.status === 'pending'
      ? [
          button('Skip', () => request('Skipping', 'setStep', { step: step.id, status: 'skipped' }), {
            secondary: true,
            label: `Skip step ${index + 1}`,
          }),
        ]
      : []),
    button('Open beside code', () => request('Opening beside the code', 'openBeside', { step: step.id }), { secondary: true }),
    noteField,
  ]);
  item.appendChild(actions);
  return item;
}

function render(): void {
  clear(list);
  clear(banners);
  clear(meta);
  if (!state) {
    title.textContent = 'Runbook';
    return;
  }
  title.textContent = state.runbook.title;
  document.title = state.runbook.title;
  meta.textContent = `${state.runbook.file} · for ${state.incident.severity} ${state.incident.title} (${state.incident.status})`;
  const { done, skipped, total } = state.progress;
  progress.setAttribute('aria-valuemax', String(total));
  progress.setAttribute('aria-valuenow', String(done + skipped));
  // CSSOM, not a style attribute: the CSP allows styles only from the stylesheet.
  progressFill.style.width = `${total ? Math.round((100 * (done + skipped)) / total) : 0}%`;
  progressText.textContent = `${done} done, ${skipped} skipped of ${count(total, 'step')}${state.currentStep ? '' : ' · finished'}`;
  if (!state.trusted) {
    banners.appendChild(
      el('p', {
        className: 'wt-banner',
        attrs: { role: 'note' },
        text: 'Untrusted workspace: commands are shown but never run. Trust the workspace to run them.',
      }),
    );
  }
  if (state.stale.length) {
    banners.appendChild(
      el('p', { className: 'wt-banner wt-stale', attrs: { role: 'note' }, text: `This runbook may be stale: ${state.stale.join('; ')}` }),
    );
  }
  const notice = state.runbook.notice;
  if (notice) {
    const link = el('a', { className: 'wt-link', text: notice.title || notice.url });
    // Only web links: VS Code opens them outside the webview after its own prompt.
    if (/^https?:\/\//i.test(notice.url)) link.setAttribute('href', notice.url);
    const follow = notice.target
      ? [button(`Open "${notice.target}"`, () => request('Opening the runbook it moved to', 'followNotice', {}))]
      : [];
    banners.appendChild(
      el('div', { className: 'wt-banner wt-moved', attrs: { role: 'note' } }, [
        el('p', { text: notice.text }),
        el('p', {}, [link]),
        ...follow,
      ]),
    );
  }
  // A moved page's description is the notice's own sentence: shown once, in the notice.
  if (state.runbook.description.trim() && !notice) {
    banners.appendChild(el('p', { className: 'wt-description', text: state.runbook.description.trim() }));
  }
  state.steps.forEach((step, i) => list.appendChild(renderStep(step, i)));
  const focus = state.focusStep ?? state.currentStep;
  // Scroll only when the target changes, so ticking a box does not yank the view around.
  if (focus && focus !== lastFocus) {
    lastFocus = focus;
    list.querySelector(`[data-step="${CSS.escape(focus)}"]`)?.scrollIntoView({ block: 'start' });
  }
}

host.on('state', (message) => {
  state = message.state;
  saveUi();
  render();
});

saveUi();
render();
host.post({ type: 'ready', version: state?.version ?? 0 });
