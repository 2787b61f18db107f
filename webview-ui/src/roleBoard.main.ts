// The role board panel: each incident role with its holders, since when, and hand-off history;
// assign / hand off in one action, "I'm taking command" in one click, gaps for SEV1/SEV2.

import { formatDuration, formatUtc } from '../../src/core/time';
import { RoleSlot } from '../../src/core/roleBoard';
import { Role } from '../../src/core/roles';
import { RequestParams, RequestType } from '../../src/protocol/common';
import {
  isRoleBoardState,
  parseRoleBoardHostMessage,
  ROLE_BOARD_RESULTS,
  RoleBoardHostMessage,
  RoleBoardResults,
  RoleBoardState,
  RoleBoardWebviewMessage,
} from '../../src/protocol/roleBoard';
import { byId, clear, el, readInitialState } from './lib/dom';
import { icon } from './lib/icons';
import { registerToolkit, ValueElement } from './lib/toolkit';
import { HostChannel, outcomeText } from './lib/hostChannel';
import { vscodeApi } from './lib/vscodeApi';

interface UiState {
  /** Roles whose history is expanded. */
  readonly openHistory: readonly Role[];
  /** Which incident this panel shows: the extension's serializer re-opens it by this id after a reload. */
  readonly incidentId?: string;
}

registerToolkit('badge', 'button', 'dropdown', 'option', 'textField');
const vscode = vscodeApi<RoleBoardWebviewMessage, UiState>();
let state: RoleBoardState | undefined = readInitialState(isRoleBoardState);
const savedUi = vscode.getState();
let ui: UiState = { openHistory: savedUi?.openHistory ?? [], incidentId: state?.incident.incidentId ?? savedUi?.incidentId };
// Saved at once (not only on the first toggle), so a reload can restore the panel.
vscode.setState(ui);
const host = new HostChannel<RoleBoardWebviewMessage, Exclude<RoleBoardHostMessage, { type: 'reply' }>, RoleBoardResults>(vscode, window, {
  parse: parseRoleBoardHostMessage,
  results: ROLE_BOARD_RESULTS,
});

const app = byId('app');
const title = el('h1', { className: 'title' });
const badges = el('div', { className: 'badges' });
// Plain text label: with an icon in the start slot the toolkit button wrapped this label word by word.
const takeCommand = el('vscode-button', { attrs: { id: 'take-command', appearance: 'primary' }, text: "I'm taking command" });
const gaps = el('div', { className: 'gaps', attrs: { role: 'alert' } });
// Who else has the incident open (team sync), so a responder sees who is already looking before assigning.
const presence = el('p', { className: 'presence', attrs: { id: 'presence', 'aria-live': 'polite' } });
const board = el('div', { className: 'board' });
const status = el('div', { className: 'qa-status muted', attrs: { role: 'status', 'aria-live': 'polite' } });
// The command button gets its own row: squeezed into the header's flex row the toolkit button wraps its label.
app.append(
  el('header', { className: 'head' }, [title, badges]),
  el('div', { className: 'commands' }, [takeCommand]),
  presence,
  gaps,
  board,
  status,
);
app.removeAttribute('aria-busy');

type Request = RequestType<RoleBoardWebviewMessage>;

function request<T extends Request>(what: string, type: T, params: RequestParams<RoleBoardWebviewMessage, T>): void {
  status.textContent = `${what}…`;
  void host.request(type, params).then((outcome) => {
    status.textContent = outcomeText(what, outcome);
  });
}

const since = (iso: string): string => `since ${formatUtc(iso).slice(11, 16)} UTC (${formatDuration(Date.now() - Date.parse(iso))})`;

function assignForm(slot: RoleSlot, done: () => void): HTMLElement {
  const held = slot.holders.length > 0 && !slot.multi;
  const field = el('vscode-text-field', {
    attrs: { placeholder: 'Name or handle', 'aria-label': `${held ? 'Hand off' : 'Assign'} ${slot.label} to` },
  }) as ValueElement;
  const choose = el('vscode-dropdown', { attrs: { 'aria-label': 'People in this incident' } }) as ValueElement;
  choose.appendChild(el('vscode-option', { attrs: { value: '' }, text: 'Pick someone…' }));
  for (const person of state?.people ?? []) {
    choose.appendChild(el('vscode-option', { attrs: { value: person }, text: person }));
  }
  choose.addEventListener('change', () => {
    if (choose.value) {
      field.value = choose.value;
      field.focus();
    }
  });
  const submit = (): void => {
    const person = field.value.trim();
    if (!person) {
      status.textContent = 'Type a name first.';
      return;
    }
    request(`${held ? 'Handing off' : 'Assigning'} ${slot.label} to ${person}`, 'assign', { role: slot.role, person });
    done();
  };
  field.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      done();
    }
  });
  const ok = el('vscode-button', { text: held ? 'Hand off' : 'Assign' });
  ok.addEventListener('click', submit);
  const cancel = el('vscode-button', { attrs: { appearance: 'secondary' }, text: 'Cancel' });
  cancel.addEventListener('click', done);
  queueMicrotask(() => field.focus());
  return el('div', { className: 'assign-form', attrs: { role: 'group', 'aria-label': `Assign ${slot.label}` } }, [
    choose,
    field,
    ok,
    cancel,
  ]);
}

function renderSlot(slot: RoleSlot): HTMLElement {
  const headingId = `role-${slot.role}`;
  const gap = state?.board.gaps.some((g) => g.role === slot.role) ?? false;
  const section = el('section', { className: `slot${gap ? ' gap' : ''}`, attrs: { 'aria-labelledby': headingId } });
  section.appendChild(el('h2', { attrs: { id: headingId }, text: slot.label + (gap ? ' (unfilled)' : '') }));
  const holders = el('ul', { className: 'holders' });
  if (slot.holders.length === 0) {
    holders.appendChild(el('li', { className: 'muted', text: 'Nobody' }));
  }
  for (const holder of slot.holders) {
    const release = el('vscode-button', {
      attrs: { appearance: 'icon', 'aria-label': `Release ${holder.person} from ${slot.label}`, title: 'Release' },
      text: '✕',
    });
    release.addEventListener('click', () => request(`Releasing ${holder.person}`, 'release', { role: slot.role, person: holder.person }));
    holders.appendChild(
      el('li', {}, [
        el('strong', { text: holder.person + (holder.person === state?.me ? ' (you)' : '') }),
        el('span', { className: 'muted', text: ` ${since(holder.since)} ` }),
        release,
      ]),
    );
  }
  section.appendChild(holders);
  const formSlot = el('div');
  const action = el('vscode-button', {
    attrs: { appearance: 'secondary' },
    text: slot.multi ? 'Add…' : slot.holders.length ? 'Hand off…' : 'Assign…',
  });
  action.addEventListener('click', () => {
    clear(formSlot);
    formSlot.appendChild(
      assignForm(slot, () => {
        clear(formSlot);
        action.focus();
      }),
    );
  });
  section.append(action, formSlot);
  if (slot.history.length > 0) {
    const details = el('details', { className: 'history' });
    details.open = ui.openHistory.includes(slot.role);
    details.appendChild(el('summary', { text: `Hand-off history (${slot.history.length})` }));
    const list = el('ol');
    for (const tenure of slot.history) {
      const end = tenure.until ? ` → ${formatUtc(tenure.until).slice(11, 16)} UTC` : ' → now';
      const to = tenure.handedTo ? `, handed to ${tenure.handedTo}` : tenure.until ? ', released' : '';
      list.appendChild(el('li', { text: `${tenure.person}: ${formatUtc(tenure.since).slice(11, 16)} UTC${end}${to}` }));
    }
    details.appendChild(list);
    details.addEventListener('toggle', () => {
      const open = new Set(ui.openHistory);
      if (details.open) {
        open.add(slot.role);
      } else {
        open.delete(slot.role);
      }
      ui = { ...ui, openHistory: [...open] };
      vscode.setState(ui);
    });
    section.appendChild(details);
  }
  return section;
}

function render(): void {
  clear(badges);
  clear(gaps);
  clear(board);
  clear(presence);
  if (!state) {
    title.textContent = 'Roles';
    return;
  }
  title.textContent = `Roles: ${state.incident.title}`;
  document.title = title.textContent;
  badges.append(
    el('vscode-badge', { className: `sev sev-${state.incident.severity.toLowerCase()}`, text: state.incident.severity }),
    el('span', { className: 'status', text: state.incident.status }),
  );
  const commander = state.board.slots.find((s) => s.role === 'commander');
  const iAmCommander = commander?.holders.some((h) => h.person === state?.me) ?? false;
  takeCommand.toggleAttribute('disabled', iAmCommander);
  takeCommand.setAttribute('aria-label', iAmCommander ? 'You are the Incident Commander' : "I'm taking command: become Incident Commander");
  for (const gap of state.board.gaps) {
    gaps.appendChild(el('p', { className: 'gap-line' }, [icon('warning'), el('span', { text: ` ${gap.reason}` })]));
  }
  gaps.hidden = state.board.gaps.length === 0;
  const here = state.present ?? [];
  presence.hidden = here.length === 0;
  presence.append(icon('eye'), el('span', { text: ` Here now: ${here.join(', ')}` }));
  for (const slot of state.board.slots) {
    board.appendChild(renderSlot(slot));
  }
}

takeCommand.addEventListener('click', () => {
  if (!takeCommand.hasAttribute('disabled')) {
    request('Taking command', 'takeCommand', {});
  }
});

host.on('state', (message) => {
  state = message.state;
  render();
});

render();
host.post({ type: 'ready', version: state?.version ?? 0 });
