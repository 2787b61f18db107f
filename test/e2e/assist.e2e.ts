// AI assist as a user sees it: with the test-only scripted language model installed, the palette
// offers "Read Me In (AI)", and the read-in streams into an editor beside; the Updates panel's Draft
// with AI streams the customer update into its draft; dark and light screenshots.
import * as assert from 'node:assert/strict';
import { useWorkbench } from '../harness/workbench';
import { scenarioOptions } from '../harness/workspaces';
import { declared, panelFrame, writeIncident } from './fixtures';

const INCIDENT = 'INC-20261122-2300-ai0000';
const TITLE = 'Search latency over 5 s';

describe('AI assist in the real workbench', function () {
  this.bail(true);
  const { ui } = useWorkbench({
    label: 'e2e-assist',
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    testExtensions: scenarioOptions('assist').testExtensions,
    prepare: (workspace) => {
      writeIncident(workspace.folders[0], INCIDENT, [
        declared(INCIDENT, TITLE, 'SEV2', 30),
        {
          id: 'n1',
          ts: new Date(Date.now() - 20 * 60_000).toISOString(),
          type: 'entry',
          author: 'Dana',
          kind: 'hypothesis',
          text: 'latency rose after the index deploy',
        },
      ]);
    },
    ready: async (workbench) => {
      await workbench.openViewContainer('War Room');
      await workbench.treeRow(TITLE).waitFor({ state: 'visible' });
    },
  });

  it('reads a responder in from the palette, streamed into an editor with links, in dark and light', async () => {
    await ui().runCommand('War Room: Read Me In (AI)');
    const editor = ui().page.locator('.editor-instance .view-lines', { hasText: 'Nothing else is known' }).first();
    await editor.waitFor({ state: 'visible', timeout: 120_000 });
    // The editor draws spaces as no-break spaces.
    const text = ((await editor.textContent()) ?? '').replace(/\s/g, ' ');
    assert.match(text, /Read-in: Search latency over 5 s/);
    assert.doesNotMatch(text, /invented0000/);
    // With no editor open, "Beside" once showed the read-in twice, in two groups.
    // Named for the incident and what it holds (not the first free Untitled-N).
    assert.equal(
      await ui()
        .page.locator('.tabs-container .tab', { hasText: /^INC-[0-9-]+-[a-z0-9]+-read-in\.md/ })
        .count(),
      1,
    );
    await ui().screenshot('ai-read-in-dark');
    await ui().setColorTheme('Light Modern');
    await ui().screenshot('ai-read-in-light');
  });

  it('drafts the customer update with AI in the Updates panel, streamed into the draft to edit, in light and dark', async () => {
    await ui().runCommand('War Room: Compose Status Update');
    const frame = panelFrame(ui().page);
    await frame.locator('h1.title', { hasText: TITLE }).waitFor({ timeout: 60_000 });
    await frame.locator('vscode-panel-tab#tab-customers').click();
    await frame.locator('#view-customers vscode-button', { hasText: 'Draft with AI' }).click();
    await frame.locator('.qa-status', { hasText: 'Drafted with Scripted' }).waitFor({ timeout: 120_000 });
    const text = await frame.locator('#view-customers vscode-text-area').evaluate((el) => (el as unknown as { value: string }).value);
    assert.equal(text, 'We are investigating slow searches affecting our service. Next update in 30 minutes.');
    await ui().screenshot('ai-updates-light');
    await ui().setColorTheme('Default Dark Modern');
    await frame.locator('body.vscode-dark').waitFor();
    await ui().screenshot('ai-updates-dark');
  });
});
