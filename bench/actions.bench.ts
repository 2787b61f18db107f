// actions.closure20k: finding `Closes-Action:` trailers in a 20,000-commit history (the scan that
// runs on activation and whenever HEAD moves), every 100th commit closing an item. The history is
// written once with `git fast-import` (seconds, where 20,000 `git commit`s take minutes).
// actions.plan20k: planning the closures for 500 incidents of 4 items each from what the scan found.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findActionClosures } from '../src/adapters/git';
import { foldIncident } from '../src/core/fold';
import { IncidentEvent } from '../src/core/events';
import { plannedClosures } from '../src/core/learning/actionTracking';
import { medianMs, report } from './measure';

const COMMITS = 20_000;
const CLOSING_EVERY = 100;
const itemId = (n: number) => `ACT-${String(n).padStart(8, '0')}`;

function fastImportStream(): string {
  const parts: string[] = [];
  const base = Date.UTC(2026, 0, 1) / 1000;
  for (let c = 1; c <= COMMITS; c++) {
    const message =
      c % CLOSING_EVERY === 0
        ? `Fix ${c}\n\nSome detail.\n\nCloses-Action: ${itemId(c / CLOSING_EVERY)}\n`
        : `Change ${c}\n\nCloses-Action is mentioned here only in prose.\n`;
    const content = `value ${c}\n`;
    parts.push(
      'commit refs/heads/main',
      `mark :${c}`,
      `committer Bench <bench@example.invalid> ${base + c * 60} +0000`,
      `data ${Buffer.byteLength(message)}`,
      message,
      ...(c > 1 ? [`from :${c - 1}`] : []),
      `M 100644 inline src/file${c % 50}.txt`,
      `data ${Buffer.byteLength(content)}`,
      content,
    );
  }
  return parts.join('\n') + '\n';
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'warroom-bench-actions-'));
  try {
    execFileSync('git', ['init', '-q', '-b', 'main', dir]);
    execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: fastImportStream(), maxBuffer: 64 * 1024 * 1024 });
    let found = 0;
    report({
      bench: 'actions.closure20k',
      value: await medianMs(
        async () => {
          found = (await findActionClosures(dir)).commits.length;
        },
        9,
        2,
      ),
      unit: 'ms',
      commits: COMMITS,
      closing: found,
    });
    const scan = await findActionClosures(dir);
    const incidents = Array.from({ length: 500 }, (_, i) => {
      const events: IncidentEvent[] = [
        {
          id: `d${i}`,
          ts: '2026-01-01T00:00:00.000Z',
          type: 'declared',
          author: 'b',
          title: `I${i}`,
          severity: 'SEV3',
          urgency: 'low',
          service: 's',
          startedAt: '2026-01-01T00:00:00.000Z',
          detectedAt: '2026-01-01T00:00:00.000Z',
        } as IncidentEvent,
      ];
      for (let k = 0; k < 4; k++) {
        events.push({
          id: `a${i}-${k}`,
          ts: '2026-01-01T00:01:00.000Z',
          type: 'action_item_added',
          author: 'b',
          itemId: itemId(i * 4 + k),
          title: 't',
          kind: 'prevent',
        });
      }
      return foldIncident(`INC-20260101-0000-${String(i).padStart(6, '0')}`, events);
    });
    let planned = 0;
    report({
      bench: 'actions.plan20k',
      value: await medianMs(() => {
        planned = plannedClosures(incidents, scan.commits, new Date()).length;
      }),
      unit: 'ms',
      items: 2000,
      planned,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
