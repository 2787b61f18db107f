// Team sync as the issue describes it: TWO real VS Code windows (two code-servers, two chromiums) on
// two copies of the repository, each connected through the Connect Team Sync input box to one
// private PostgreSQL server (test/harness/postgres.ts). A note typed in one window's timeline shows
// in the other's timeline panel, a teammate's new incident shows in the other's tree, and the role
// board shows who else has the incident open. Screenshots: test-artifacts/e2e-sync-*.png.
import { execFileSync } from 'node:child_process';
import { TestPostgres } from '../harness/postgres';
import { openWorkbench, Workbench } from '../harness/workbench';
import { makeWorkspace, TestWorkspace } from '../harness/workspaces';
import { declared, panelFrame, writeIncident } from './fixtures';

const TITLE = 'Payments queue backs up';
const INCIDENT = 'INC-20261122-1200-pay001';
const NOTE = 'Consumers scaled from 4 to 12';
const NEW_TITLE = 'Refund webhooks failing';
const TEAMMATE = 'Riley Responder';

/** Connect Team Sync from the palette, the connection string typed as a user does. */
async function connectThrough(ui: Workbench, url: string): Promise<void> {
  await ui.runCommand('War Room: Connect Team Sync');
  await ui.waitForQuickInput('PostgreSQL connection string');
  await ui.typeInQuickInput(url);
}

const liveInStatusBar = (ui: Workbench) =>
  ui.page
    .locator('.statusbar-item', { hasText: /^\s*Live\s*$/ })
    .first()
    .waitFor();

describe('team sync between two real VS Code windows', function () {
  // Each step builds on the previous one.
  this.bail(true);
  let pg: TestPostgres | undefined;
  const workspaces: TestWorkspace[] = [];
  let alice: Workbench | undefined;
  let riley: Workbench | undefined;
  const a = (): Workbench => alice ?? assertOpen();
  const r = (): Workbench => riley ?? assertOpen();
  function assertOpen(): never {
    throw new Error('a workbench did not open');
  }

  before(async () => {
    pg = await TestPostgres.start();
    for (let i = 0; i < 2; i++) {
      const workspace = makeWorkspace('single');
      workspaces.push(workspace);
      // Both copies hold the incident, as two clones of one repository do.
      writeIncident(workspace.folders[0], INCIDENT, [declared('ev-declared', TITLE, 'SEV1', 30)]);
    }
    // The teammate's copy commits as someone else, so presence names them.
    execFileSync('git', ['config', 'user.name', TEAMMATE], { cwd: workspaces[1].folders[0] });
    const settings = { 'workbench.colorTheme': 'Default Dark Modern' };
    alice = await openWorkbench({ target: workspaces[0].target, label: 'e2e-sync-a', settings });
    riley = await openWorkbench({ target: workspaces[1].target, label: 'e2e-sync-b', settings });
  });

  after(async () => {
    await alice?.close();
    await riley?.close();
    for (const workspace of workspaces) workspace.remove();
    await pg?.dispose();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      for (const ui of [alice, riley]) {
        const file = await ui?.screenshot('failed').catch(() => undefined);
        if (file) console.log(`    screenshot of the failure: ${file}`);
      }
    }
  });

  it('connects each window through Connect Team Sync; both status bars say Live', async () => {
    for (const ui of [a(), r()]) {
      await ui.openViewContainer('War Room');
      await ui.resizeSideBar(420);
      await ui.treeRow(TITLE).waitFor({ state: 'visible' });
      await connectThrough(ui, pg!.url());
      await liveInStatusBar(ui);
    }
  });

  it("a note typed in one window's timeline shows in the other's timeline panel", async () => {
    for (const ui of [a(), r()]) {
      // The only incident yet: the command opens it without asking.
      await ui.runCommand('War Room: Open Timeline');
      await panelFrame(ui.page).locator('h1.title', { hasText: TITLE }).waitFor();
    }
    const typed = panelFrame(r().page);
    await typed.locator('#timeline-list').focus();
    await r().page.keyboard.press('n');
    await r().page.keyboard.type(NOTE);
    await r().page.keyboard.press('Enter');
    await typed.locator('.qa-status', { hasText: 'Added note' }).waitFor();
    await panelFrame(a().page).locator('.row-text', { hasText: NOTE }).waitFor();
    await a().screenshot('1-note-from-teammate');
  });

  it('the role board shows who else has the incident open, in dark and light', async () => {
    const ui = a();
    // Still the only incident: the command opens it without asking.
    await ui.runCommand('War Room: Open Role Board');
    const frame = panelFrame(ui.page);
    // The teammate's window beats for its current incident (the only one) every 15 s and on each change.
    await frame.locator('#presence', { hasText: `Here now: ${TEAMMATE}` }).waitFor({ timeout: 60_000 });
    await ui.screenshot('3-roleBoard-dark');
    await ui.setColorTheme('Light Modern');
    await frame.locator('body.vscode-light').waitFor();
    await frame.locator('#presence', { hasText: `Here now: ${TEAMMATE}` }).waitFor();
    await ui.screenshot('4-roleBoard-light');
  });

  it("a teammate's new incident appears in the other window's tree", async () => {
    const ui = r();
    await ui.runCommand('War Room: Declare Incident');
    await ui.waitForQuickInput('Declare incident (1/6)');
    await ui.typeInQuickInput(NEW_TITLE);
    await ui.waitForQuickInput('Declare incident (2/6)');
    await ui.pickQuickInputItem('SEV2');
    await ui.waitForQuickInput('Declare incident (3/6)');
    await ui.pickQuickInputItem('High');
    await ui.waitForQuickInput('Declare incident (4/6)');
    await ui.fillQuickInput('payments-api');
    await ui.pickQuickInputItem('payments-api');
    await ui.waitForQuickInput('Declare incident (5/6)');
    await ui.typeInQuickInput('5m ago');
    await ui.waitForQuickInput('Declare incident (6/6)');
    await ui.typeInQuickInput('');
    await ui.waitForQuickInputClosed();
    await a().treeRow(NEW_TITLE).waitFor({ state: 'visible' });
    // The teammate's window now has the new incident in front: they leave the first one's board.
    await panelFrame(a().page).locator('#presence').waitFor({ state: 'hidden', timeout: 60_000 });
    await a().screenshot('5-teammate-incident');
  });

  it('connected as a role that may only read, the status bar says what is not sent, in dark and light', async () => {
    const ui = r();
    // The first connection's toast may still be up: only the new one may say the reader is connected.
    await ui.runCommand('Notifications: Clear All Notifications');
    await ui.page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'hidden' });
    await connectThrough(ui, pg!.readerUrl());
    // Connected once the connection is tested and the client replaced: a note before that is the writer's.
    await ui.waitForText('War Room team sync on', '.notifications-toasts');
    await ui.runCommand('War Room: Add Timeline Note');
    await ui.waitForQuickInput('Which incident?');
    await ui.pickQuickInputItem(`SEV1 ${TITLE}`);
    await ui.waitForQuickInput('Timeline note for');
    await ui.typeInQuickInput('Written while connected as a reader');
    const notSent = ui.page.locator('.statusbar-item', { hasText: /Live · 1 not sent/ }).first();
    await notSent.waitFor();
    await ui.screenshot('6-reader-not-sent-dark');
    await ui.setColorTheme('Light Modern');
    await notSent.waitFor();
    await ui.screenshot('7-reader-not-sent-light');
    // Connected again as a role that may write, the note goes.
    await connectThrough(ui, pg!.url());
    await liveInStatusBar(ui);
  });
});
