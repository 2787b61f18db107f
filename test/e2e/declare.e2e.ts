// The foundation's user journey in the real workbench: open War Room, declare an incident through the
// command palette flow, see it in the tree, resolve it, see it under "Recently resolved".
// Screenshots of each stage go to test-artifacts/e2e-declare-*.png.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { useWorkbench } from '../harness/workbench';
import { readEvents, StoredEvent } from './fixtures';

const TITLE = 'Checkout returns 500 for card payments';
const SERVICE = 'checkout-api';
const RESOLUTION = 'Rolled back v2.4.1; pool size restored to 50';

/** The one incident's events, as written to its events.jsonl. */
function storedEvents(folder: string): StoredEvent[] {
  const dataDir = path.join(folder, '.warroom');
  const incidents = fs.readdirSync(dataDir, { withFileTypes: true }).filter((e) => e.isDirectory());
  assert.strictEqual(incidents.length, 1, `incident folders in ${dataDir}: ${incidents.map((e) => e.name).join(', ')}`);
  return readEvents(path.join(dataDir, incidents[0].name, 'events.jsonl'));
}

describe('declare and resolve an incident in the real workbench', function () {
  // Each step needs the previous one; after a failure the rest would only repeat it.
  this.bail(true);
  const { ui, workspace } = useWorkbench({ label: 'e2e-declare' });

  it('opens the War Room view, empty, with a Declare incident button', async () => {
    await ui().openViewContainer('War Room');
    await ui().resizeSideBar(560);
    await ui().waitForText('No incidents in this workspace.', '.sidebar');
    await ui().page.locator('.sidebar .welcome-view-content a.monaco-button', { hasText: 'Declare incident' }).waitFor();
    await ui().screenshot('1-empty');
  });

  it('declares an incident through the command palette flow', async () => {
    await ui().runCommand('War Room: Declare Incident');
    await ui().waitForQuickInput('Declare incident (1/6)');
    await ui().typeInQuickInput(TITLE);

    await ui().waitForQuickInput('Declare incident (2/6)');
    await ui().waitForText('SEV1', '.quick-input-list');
    await ui().screenshot('2-severity');
    await ui().pickQuickInputItem('SEV2');

    await ui().waitForQuickInput('Declare incident (3/6)');
    await ui().pickQuickInputItem('High');

    await ui().waitForQuickInput('Declare incident (4/6)');
    await ui().fillQuickInput(SERVICE);
    await ui().pickQuickInputItem(SERVICE);

    await ui().waitForQuickInput('Declare incident (5/6)');
    await ui().typeInQuickInput('20m ago');

    await ui().waitForQuickInput('Declare incident (6/6)');
    await ui().typeInQuickInput('');

    await ui().waitForQuickInputClosed();
    await ui().waitForText(`Declared SEV2`, '.notifications-toasts');
  });

  it('shows the incident under Active, its description starting with the severity', async () => {
    const row = ui().treeRow(TITLE);
    await row.waitFor({ state: 'visible' });
    await ui().treeRow('Active').waitFor({ state: 'visible' });
    const description = (await row.locator('.label-description').innerText()).trim();
    assert.match(description, /^SEV2\b/, `description: ${description}`);
    await ui().screenshot('3-declared');

    const declared = storedEvents(workspace().folders[0]).find((e) => e.type === 'declared');
    assert.ok(declared, 'no declared event in the store');
    assert.strictEqual(declared.title, TITLE);
    assert.strictEqual(declared.severity, 'SEV2');
    assert.strictEqual(declared.urgency, 'high');
    assert.strictEqual(declared.service, SERVICE);
    // "20m ago" must have been read as a time before the detection time ("now").
    assert.ok(Date.parse(String(declared.startedAt)) < Date.parse(String(declared.detectedAt)), JSON.stringify(declared));
  });

  it('resolves it with a one-line resolution and shows it under Recently resolved', async () => {
    await ui().runCommand('War Room: Resolve Incident');
    await ui().waitForQuickInput(`Resolve "${TITLE}"`);
    await ui().fillQuickInput(RESOLUTION);
    await ui().screenshot('4-resolving');
    await ui().typeInQuickInput(RESOLUTION);
    await ui().waitForQuickInputClosed();
    await ui().waitForText(`Resolved: ${TITLE}`, '.notifications-toasts');

    await ui().treeRow('Recently resolved').waitFor({ state: 'visible' });
    await ui().treeRow('Active').waitFor({ state: 'detached' });
    const row = ui().treeRow(TITLE);
    await row.waitFor({ state: 'visible' });
    const description = (await row.locator('.label-description').innerText()).trim();
    assert.match(description, /^SEV2\b.*resolved/, `description: ${description}`);
    await ui().screenshot('5-resolved');

    const resolved = storedEvents(workspace().folders[0]).find((e) => e.type === 'resolved');
    assert.ok(resolved, 'no resolved event in the store');
    assert.strictEqual(resolved.resolution, RESOLUTION);
  });
});
