// The "Get started with War Room" walkthrough (package.json `contributes.walkthroughs`), read from the
// real manifest: VS Code shows a button for a command it does not know and does nothing on a click, and
// never completes a step on an event that cannot happen, so each name is checked against what War Room
// contributes and sets (src/vscode/gettingStarted.ts; that the commands set them is tested in a real VS
// Code, integration-single). Its Markdown media must exist and ship in the VSIX (`vsce ls`, the
// packager's own list).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ENTRY_KINDS } from '../../../src/core/events';
import { ACTION_ITEM_EVENTS } from '../../../src/core/learning/actionItems';
import { MILESTONE_EVENT } from '../../../src/core/learning/milestones';
import { OUTCOMES, writtenOutcomes } from '../../../src/vscode/gettingStartedOutcomes';

const ROOT = path.resolve(__dirname, '../../../..');

interface Step {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly media: { readonly markdown?: string; readonly image?: unknown; readonly svg?: unknown };
  readonly completionEvents?: readonly string[];
}

interface Manifest {
  readonly contributes: {
    readonly commands: readonly { readonly command: string }[];
    readonly views: Readonly<Record<string, readonly { readonly id: string }[]>>;
    readonly walkthroughs?: readonly { readonly id: string; readonly title: string; readonly steps: readonly Step[] }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
const commands = new Set(manifest.contributes.commands.map((c) => c.command));
const views = new Set(Object.values(manifest.contributes.views).flatMap((list) => list.map((v) => v.id)));

function walkthrough() {
  const found = manifest.contributes.walkthroughs?.find((w) => w.id === 'getStarted');
  assert.ok(found, 'package.json contributes no walkthrough with the id getStarted');
  return found;
}

/** The commands `command:` links name in a step's description or media (query arguments cut off). */
function linkedCommands(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(command:([^)?\s]+)/g)].map((m) => m[1]);
}

function mediaText(step: Step): string {
  assert.ok(step.media.markdown, `step ${step.id}: media is not Markdown`);
  return fs.readFileSync(path.join(ROOT, step.media.markdown), 'utf8');
}

describe('Get started walkthrough', () => {
  it('is titled for the responder and has 5 to 7 steps, each id once', () => {
    const w = walkthrough();
    assert.equal(w.title, 'Get started with War Room');
    assert.ok(w.steps.length >= 5 && w.steps.length <= 7, `${w.steps.length} steps`);
    const ids = w.steps.map((s) => s.id);
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
      `step ids used twice: ${ids.join(', ')}`,
    );
  });

  it('links only to commands War Room contributes, and completes only on views it has and context keys it sets', () => {
    // What the incident model's writes set (`wrote.<type>`, `wrote.entry.<kind>`) for the events a step's
    // buttons write, and the outcomes commands and panels set (gettingStarted.ts's OUTCOMES).
    const written = ['declared', 'suspect_marked', 'runbook_linked', MILESTONE_EVENT, ACTION_ITEM_EVENTS.added].map((t) => `wrote.${t}`);
    const keys = new Set<string>([...written, ...ENTRY_KINDS.map((k) => `wrote.entry.${k}`), ...OUTCOMES]);
    const unknown: string[] = [];
    for (const step of walkthrough().steps) {
      for (const command of [...linkedCommands(step.description), ...linkedCommands(mediaText(step))]) {
        if (!commands.has(command)) unknown.push(`${step.id}: links to ${command}`);
      }
      assert.ok(step.completionEvents?.length, `step ${step.id} has no completionEvents`);
      for (const event of step.completionEvents) {
        const [, kind, name] = /^([^:]*):(.*)$/.exec(event) ?? [];
        if (kind === 'onContext') {
          if (!name.startsWith('warroom.') || !keys.has(name.slice('warroom.'.length))) {
            unknown.push(`${step.id}: completes on ${name}, which War Room never sets`);
          }
        } else if (kind === 'onView') {
          if (!views.has(name)) unknown.push(`${step.id}: completes on view ${name}`);
        } else {
          // onCommand: completes when the command starts: a Declare Incident cancelled at its first question ticked the step.
          unknown.push(`${step.id}: completion event ${event} is neither onContext: nor onView:`);
        }
      }
    }
    assert.deepEqual(unknown, []);
  });

  it("gives each step a button and completes it when that button's work is done", () => {
    // What each button's command sets when it did its work (not when it was cancelled).
    const outcomes: Readonly<Record<string, string>> = {
      'warroom.declareIncident': 'warroom.wrote.declared',
      'warroom.addNote': 'warroom.wrote.entry.note',
      'warroom.correlate': 'warroom.correlated',
      'warroom.recordDeploy': 'warroom.wrote.entry.deploy',
      'warroom.linkRunbook': 'warroom.wrote.runbook_linked',
      'warroom.composeUpdate': 'warroom.opened.updates',
      'warroom.alerts.setPagerDutyKey': 'warroom.alerts.keyStored',
      'warroom.alerts.setSlackWebhook': 'warroom.alerts.keyStored',
      'warroom.draftReview': 'warroom.reviewDrafted',
      'warroom.addActionItem': 'warroom.wrote.action_item_added',
    };
    for (const step of walkthrough().steps) {
      // A line that is only a link is what VS Code draws as a button.
      const buttons = step.description
        .split('\n')
        .map((line) => /^\[[^\]]+\]\(command:([^)?\s]+)[^)]*\)$/.exec(line.trim())?.[1])
        .filter((c): c is string => c !== undefined);
      assert.ok(buttons.length > 0, `step ${step.id} has no button line`);
      for (const button of buttons) {
        assert.ok(outcomes[button], `step ${step.id}: what does its ${button} button set when done?`);
        assert.ok(
          step.completionEvents?.includes(`onContext:${outcomes[button]}`),
          `step ${step.id}: its ${button} button does not complete it`,
        );
      }
    }
  });

  it('names what was written by its type, and a timeline entry by its kind too', () => {
    assert.deepEqual(
      writtenOutcomes([{ type: 'declared' }, { type: 'entry', kind: 'deploy' } as { type: string }, { type: MILESTONE_EVENT }]),
      ['wrote.declared', 'wrote.entry', 'wrote.entry.deploy', `wrote.${MILESTONE_EVENT}`],
    );
  });

  it('ticks nothing for a postmortem read in, and no declaration for a drill (its notes count)', () => {
    const imported = { type: 'declared', importedFrom: { file: 'docs/postmortems/2024-03-db.md', sha256: 'ab' } };
    assert.deepEqual(writtenOutcomes([imported, { type: 'entry', kind: 'note' } as { type: string }]), []);
    assert.deepEqual(writtenOutcomes([{ type: 'declared', drill: true, scenario: 'drills/db.yaml' } as { type: string }]), []);
    assert.deepEqual(writtenOutcomes([{ type: 'entry', kind: 'note' } as { type: string }]), ['wrote.entry', 'wrote.entry.note']);
  });

  it('shows Markdown media under media/walkthrough/ that exists and loads nothing from outside', () => {
    for (const step of walkthrough().steps) {
      const file = step.media.markdown ?? '';
      assert.match(file, /^media\/walkthrough\/[\w-]+\.md$/, `step ${step.id}: media ${JSON.stringify(step.media)}`);
      assert.ok(fs.existsSync(path.join(ROOT, file)), `step ${step.id}: ${file} does not exist`);
      // Words only: a screenshot shows one theme, and the walkthrough's page may not load remote images.
      assert.doesNotMatch(mediaText(step), /!\[|<img|src=/i, `${file} shows an image`);
    }
  });

  it('ships every media file in the VSIX', function () {
    this.timeout(60_000);
    const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
    const listed = new Set(
      execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' })
        .split('\n')
        .map((line) => line.trim()),
    );
    const missing = walkthrough()
      .steps.map((s) => s.media.markdown ?? '')
      .filter((file) => !listed.has(file));
    assert.deepEqual(missing, [], 'vsce ls leaves these out of the package');
  });
});
