// The reliability dashboard in the real workbench: opened from the palette on a workspace with a
// season of incidents (several services and severities, milestones, action items, commits marked
// cause touching one file), its charts drawn, the period switched, in dark and light themes.
// Screenshots go to test-artifacts/e2e-dashboard-*.png.
import { useWorkbench } from '../harness/workbench';
import { GitRepo } from '../support/gitRepo';
import { declared, minutesAgo, panelFrame, StoredEvent, writeIncident } from './fixtures';

const DAY_MIN = 24 * 60;

function seed(folder: string): void {
  const repo = new GitRepo(folder);
  const causes = [1, 2, 3].map((n) =>
    repo.commit(
      { 'src/db/pool.ts': `export const size = ${n * 4};\n` },
      { date: new Date(Date.now() - (80 - n * 20) * DAY_MIN * 60_000), message: `Pool ${n}` },
    ),
  );
  const incidents: [string, string, string, number, number | undefined, number | undefined, string | undefined][] = [
    // id, service, severity, started days ago, mitigated after (min), resolved after (min), cause
    ['INC-20260920-1000-aaaa01', 'checkout-api', 'SEV2', 70, 35, 80, causes[0]],
    ['INC-20261015-1000-aaaa02', 'checkout-api', 'SEV2', 45, 20, 55, causes[1]],
    ['INC-20261110-1000-aaaa03', 'checkout-api', 'SEV2', 20, 50, 140, causes[2]],
    ['INC-20261001-1000-bbbb01', 'payments', 'SEV1', 60, 15, 40, undefined],
    ['INC-20261105-1000-bbbb02', 'payments', 'SEV3', 25, undefined, 300, undefined],
    ['INC-20261120-1000-cccc01', 'search', 'SEV4', 10, undefined, undefined, undefined],
    ['INC-20260801-1000-dddd01', 'search', 'SEV3', 120, 30, 90, undefined],
    ['INC-20260301-1000-dddd02', 'checkout-api', 'SEV1', 270, 10, 25, undefined],
  ];
  incidents.forEach(([id, service, severity, days, mitigated, resolved, cause], i) => {
    const start = days * DAY_MIN;
    const at = (after: number) => minutesAgo(start - after);
    const events: StoredEvent[] = [
      { ...declared(`${id}-d`, `Incident ${i + 1} on ${service}`, severity, start), service, detectedAt: at(4 + i * 3) },
    ];
    events.push({
      id: `${id}-ack`,
      ts: at(8 + i * 3),
      type: 'milestone_set',
      author: 'Dana',
      milestone: 'acknowledged',
      at: at(8 + i * 3),
    });
    if (mitigated !== undefined)
      events.push({ id: `${id}-m`, ts: at(mitigated), type: 'milestone_set', author: 'Dana', milestone: 'mitigated', at: at(mitigated) });
    if (cause) events.push({ id: `${id}-c`, ts: at(30), type: 'suspect_marked', author: 'Dana', sha: cause, verdict: 'cause' });
    if (resolved !== undefined) events.push({ id: `${id}-r`, ts: at(resolved), type: 'resolved', author: 'Dana', resolution: 'fixed' });
    events.push({
      id: `${id}-ai`,
      ts: at(200),
      type: 'action_item_added',
      author: 'Dana',
      itemId: `ACT-0000${String(i).padStart(4, '0')}`,
      title: 'Follow up',
      kind: 'prevent',
      due: new Date(Date.now() - (days - 14) * DAY_MIN * 60_000).toISOString().slice(0, 10),
    });
    if (i % 2 === 0)
      events.push({
        id: `${id}-aic`,
        ts: at(3 * DAY_MIN),
        type: 'action_item_closed',
        author: 'Dana',
        itemId: `ACT-0000${String(i).padStart(4, '0')}`,
        outcome: 'done',
      });
    writeIncident(folder, id, events);
  });
}

describe('reliability dashboard in the real workbench', function () {
  this.bail(true);
  const { ui } = useWorkbench({
    label: 'e2e-dashboard',
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
    prepare: (workspace) => seed(workspace.folders[0]),
    ready: async (workbench) => {
      await workbench.openViewContainer('War Room');
      await workbench.treeRow('Incident 6 on search').waitFor({ state: 'visible' });
    },
  });

  it('opens from the palette with its charts, patterns in words, and switches period', async () => {
    await ui().runCommand('War Room: Open Reliability Dashboard');
    const frame = panelFrame(ui().page);
    await frame.locator('h1.title', { hasText: 'Reliability' }).waitFor();
    await frame.locator('#by-month svg rect').first().waitFor();
    await frame.locator('#patterns li', { hasText: '3 SEV-2 incidents on checkout-api in 90 days, all touching src/db/pool.ts' }).waitFor();
    await ui().screenshot('1-dark-90d');
    await frame.locator('button.chip', { hasText: '365 days' }).click();
    await frame.locator('button.chip[aria-pressed="true"]', { hasText: '365 days' }).waitFor();
    await frame.locator('p.muted', { hasText: ': 8 incidents' }).waitFor();
    await ui().screenshot('2-dark-365d');
  });

  it('reads well in the light theme', async () => {
    await ui().setColorTheme('Light Modern');
    const frame = panelFrame(ui().page);
    await frame.locator('body.vscode-light').waitFor();
    await frame.locator('#by-month svg rect').first().waitFor();
    await ui().screenshot('3-light-365d');
    await frame.locator('#durations summary').click();
    await frame.locator('#durations table').waitFor();
    await ui().screenshot('4-light-table');
  });

  it('shows on-call load for the period, a bar per person paged', async () => {
    const frame = panelFrame(ui().page);
    await frame.locator('#oncall-0 h2', { hasText: 'On-call load' }).waitFor();
    await frame.locator('#oncall-0 svg rect').first().waitFor();
    await frame.locator('#oncall-0').scrollIntoViewIfNeeded();
    await ui().screenshot('5-light-oncall');
  });
});
