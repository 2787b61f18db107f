// The Action Items view in the real workbench: overdue items highlighted, open, done (by a commit)
// and won't do, read in dark and light themes. Screenshots go to test-artifacts/e2e-action-items-*.png.
import { useWorkbench } from '../harness/workbench';
import { declared, headSha, minutesAgo, writeIncident } from './fixtures';

const TITLE = 'Checkout pool exhausted after v2.4.1';
const INCIDENT = 'INC-20261122-1200-actpol';

function seed(folder: string, sha: string): void {
  const item = (n: number, fields: Record<string, unknown>) => ({
    id: `ev-item-${n}`,
    ts: minutesAgo(30 - n),
    type: 'action_item_added',
    author: 'Dana',
    itemId: `ACT-0000000${n}`,
    kind: 'prevent',
    ...fields,
  });
  writeIncident(folder, INCIDENT, [
    declared('ev-declared', TITLE, 'SEV2', 60),
    item(1, {
      title: 'Cap the connection pool per pod',
      owner: 'riley',
      due: '2026-01-05',
      priority: 'high',
      links: ['src/db/pool.ts:12'],
    }),
    item(2, { title: 'Alert on pool saturation above 80%', kind: 'detect', owner: 'sam', due: '2999-01-01' }),
    item(3, { title: 'Load test the checkout path before release', owner: 'lee', aiGenerated: true }),
    item(4, { title: 'Roll back v2.4.1', kind: 'mitigate', owner: 'dana' }),
    item(5, { title: 'Move the pool to PgBouncer', owner: 'sam' }),
    { id: 'ev-close-4', ts: minutesAgo(10), type: 'action_item_closed', author: 'CI', itemId: 'ACT-00000004', outcome: 'done', sha },
    {
      id: 'ev-close-5',
      ts: minutesAgo(9),
      type: 'action_item_closed',
      author: 'Dana',
      itemId: 'ACT-00000005',
      outcome: 'wont_do',
      reason: 'PgBouncer is out of scope this quarter',
    },
  ]);
}

describe('the Action Items view in the real workbench', function () {
  this.bail(true);
  const { ui } = useWorkbench({
    label: 'e2e-action-items',
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    prepare: (workspace) => seed(workspace.folders[0], headSha(workspace.folders[0])),
    ready: async (workbench) => {
      await workbench.openViewContainer('War Room');
      await workbench.resizeSideBar(560);
      // The view is the container's second: expand its pane if the layout left it collapsed.
      const header = workbench.page.locator('.sidebar .pane-header', { hasText: 'Action Items' });
      await header.waitFor();
      if ((await header.getAttribute('aria-expanded')) === 'false') {
        await header.click();
      }
      await workbench.treeRow('Cap the connection pool per pod').waitFor({ state: 'visible' });
    },
  });

  it("shows overdue, open, done and won't do, in dark and light themes", async () => {
    for (const label of [
      'Overdue',
      'Open',
      'Done',
      "Won't do",
      'Alert on pool saturation above 80%',
      'Roll back v2.4.1',
      'Move the pool to PgBouncer',
    ]) {
      await ui().treeRow(label).first().waitFor({ state: 'visible' });
    }
    await ui().waitForText(/days overdue · riley · due 2026-01-05 · high/, '.sidebar');
    await ui().waitForText(/AI proposal, not yet accepted · lee/, '.sidebar');
    await ui().screenshot('1-dark');
    await ui().setColorTheme('Light Modern');
    await ui().treeRow('Cap the connection pool per pod').waitFor({ state: 'visible' });
    await ui().screenshot('2-light');
  });
});
