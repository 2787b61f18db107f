// "Get started with War Room", the walkthrough package.json contributes, in the real workbench: opened the
// way a user finds it again (Welcome: Open Walkthrough...), its steps and Markdown media shown, a step's
// button running War Room's command and ticking the step off. Screenshots in dark and light themes go to
// test-artifacts/e2e-walkthrough-*.png.
import * as assert from 'node:assert/strict';
import { useWorkbench } from '../harness/workbench';
import { panelFrame } from './fixtures';

const WALKTHROUGH = 'Get started with War Room';

describe('the Get started walkthrough in the real workbench', function () {
  // Each step needs the walkthrough the first one opened.
  this.bail(true);
  const { ui } = useWorkbench({ label: 'e2e-walkthrough' });

  const page = () => ui().page;
  const details = () => page().locator('.gettingStartedSlideDetails');
  const step = (id: string) => details().locator(`button.getting-started-step[data-step-id$="#getStarted#${id}"]`);

  const openWalkthrough = async () => {
    await ui().runCommand('Welcome: Open Walkthrough...');
    await ui().pickQuickInputItem(WALKTHROUGH);
    await ui().waitForQuickInputClosed();
  };
  /**
   * The walkthrough as the last test left it, or opened again where VS Code sent the page back to its
   * list of walkthroughs (its steps disabled): code-server re-reads its extensions a while after
   * start ("Updating additional builtin extensions cache" in the browser log) and the Welcome page
   * rebuilds; once in four full runs that came between two tests.
   */
  const stillOpen = async () => {
    if (await step('declare').isDisabled()) {
      await openWalkthrough();
      await details().locator('h2.category-title', { hasText: WALKTHROUGH }).waitFor({ state: 'visible' });
    }
  };

  it('is listed under Welcome: Open Walkthrough... and opens on its first step', async () => {
    await openWalkthrough();
    // Only now: the theme picker lists the built-in themes once extensions are registered, which
    // listing the walkthroughs waits for.
    await ui().setColorTheme('Default Dark Modern');

    await details().locator('h2.category-title', { hasText: WALKTHROUGH }).waitFor({ state: 'visible' });
    const titles = (await details().locator('h3.step-title').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(titles, [
      'Declare the incident',
      'Keep the timeline',
      'Find the change that broke it',
      'Walk the runbook',
      'Update stakeholders',
      'Alerts in, updates out',
      'Review and follow up',
    ]);
    // Nothing done yet: the first step is the one open, its text and button shown, its media beside it.
    await step('declare').and(page().locator('.expanded')).waitFor({ state: 'visible' });
    await step('declare').getByText('SEV1 complete outage to SEV4 no customer impact', { exact: false }).waitFor({ state: 'visible' });
    await step('declare').locator('.button-container .monaco-button', { hasText: 'Declare Incident' }).waitFor({ state: 'visible' });
    await panelFrame(page()).locator('h2', { hasText: 'What declaring writes' }).waitFor({ state: 'visible' });
    await panelFrame(page()).getByText('INC-20261122-2343-k3m9qz/').waitFor({ state: 'visible' });
    await page().mouse.move(1000, 700);
    await ui().screenshot('1-declare-dark');
  });

  it("runs Declare Incident from the step's button", async () => {
    assert.equal(await step('declare').getAttribute('aria-checked'), 'false');
    await step('declare').locator('.button-container .monaco-button', { hasText: 'Declare Incident' }).click();
    await ui().waitForQuickInput('Declare incident (1/6)');
    await ui().screenshot('2-declare-input');
    await ui().cancelQuickInput();
    // Cancelled, so the step stays unticked: it completes on an incident declared (onContext:), not on
    // the command starting. VS Code's tick is not waited for (it came 30 s late or never in one
    // clean-clone run of seven); the names are pinned in test/unit/vscode/gettingStarted.test.ts and
    // what sets them in test/integration/single/gettingStarted.test.ts.
  });

  it('shows the timeline step with its shortcut and media, in the light theme too', async () => {
    await stillOpen();
    await step('timeline').click();
    await step('timeline').and(page().locator('.expanded')).waitFor({ state: 'visible' });
    await step('timeline').getByText('The scribe notes what is decided', { exact: false }).waitFor({ state: 'visible' });
    await step('timeline').locator('.button-container .monaco-button', { hasText: 'Add Timeline Note' }).waitFor({ state: 'visible' });
    // VS Code adds the button's keybinding (package.json's ctrl+alt+n) as a tip under it.
    await step('timeline').locator('.shortcut-message', { hasText: 'Tip: Use keyboard shortcut' }).waitFor({ state: 'visible' });
    await panelFrame(page()).locator('h2', { hasText: "The scribe's timeline" }).waitFor({ state: 'visible' });
    await page().mouse.move(1000, 700);
    await ui().screenshot('3-timeline-dark');

    await ui().setColorTheme('Light Modern');
    await step('timeline').and(page().locator('.expanded')).waitFor({ state: 'visible' });
    await panelFrame(page()).locator('h2', { hasText: "The scribe's timeline" }).waitFor({ state: 'visible' });
    await ui().screenshot('4-timeline-light');
  });

  it("opens every other step's media, each the page's own", async () => {
    const headings: readonly (readonly [string, string])[] = [
      ['suspects', 'Suspect deploys'],
      ['runbooks', 'Runbooks beside the code'],
      ['updates', 'Stakeholder updates'],
      ['alerts', 'Alerts in'],
      ['after', 'After the incident'],
    ];
    await stillOpen();
    for (const [id, heading] of headings) {
      await step(id).click();
      await step(id).and(page().locator('.expanded')).waitFor({ state: 'visible' });
      await panelFrame(page()).locator('h2', { hasText: heading }).waitFor({ state: 'visible' });
      await page().mouse.move(1000, 700);
      await ui().screenshot(`5-${id}-light`);
    }
  });

  it("opens again from the empty Incidents view's Get started link", async () => {
    await ui().runCommand('View: Close All Editors');
    await ui().openViewContainer('War Room');
    const link = page().locator('.sidebar .welcome-view-content a', { hasText: /^Get started$/ });
    await link.waitFor({ state: 'visible' });
    await ui().screenshot('6-incidents-welcome-light');
    await link.click();
    await details().locator('h2.category-title', { hasText: WALKTHROUGH }).waitFor({ state: 'visible' });
  });
});
