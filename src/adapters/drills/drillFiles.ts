// Game day files: a scenario read from the repository, and score sheets written beside the reviews,
// the earlier ones read back so a new sheet compares with the same scenario's earlier runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DrillClock, DrillRun, readScoreSheet, scoreSheetName } from '../../core/drills/run';
import { parseScenario, Scenario, ScenarioProblem } from '../../core/drills/scenario';
import { readRegularFile } from '../insideFolder';

/** A scenario is a page of YAML; past this it is not one. */
const MAX_SCENARIO_BYTES = 1024 * 1024;

/** The wall clock and real timers: what a drill runs on outside tests. */
export const REAL_TIME: DrillClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};
/** A score sheet is a page of Markdown; a larger file of the same name is not one War Room wrote. */
const MAX_SHEET_BYTES = 1024 * 1024;

/** The scenario in `file` (absolute), named by `id` (its path in the repository) in problems and sheets. */
export function readScenario(file: string, id: string): { scenario?: Scenario; problems: readonly ScenarioProblem[]; problem?: string } {
  const read = readRegularFile(file, MAX_SCENARIO_BYTES);
  if ('problem' in read) return { problems: [], problem: `${id}: ${read.problem}` };
  return parseScenario(read.text, id);
}

/** The runs recorded in the score sheets in `dir` (files `drill-*.md`), oldest first; other files and unreadable sheets are skipped. */
export function earlierRuns(dir: string): DrillRun[] {
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.startsWith('drill-') && n.endsWith('.md')) : [];
  const runs: DrillRun[] = [];
  for (const name of names.sort()) {
    const read = readRegularFile(path.join(dir, name), MAX_SHEET_BYTES);
    const run = 'text' in read ? readScoreSheet(read.text) : undefined;
    if (run) runs.push(run);
  }
  return runs.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/** Writes a new score sheet in `dir` (created if missing); never overwrites: a taken name gets -2, -3... */
export function writeScoreSheet(dir: string, run: DrillRun, text: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const name = scoreSheetName(run.scenario, run.startedAt);
  for (let n = 1; ; n++) {
    const file = path.join(dir, n === 1 ? name : name.replace(/\.md$/, `-${n}.md`));
    try {
      fs.writeFileSync(file, text, { flag: 'wx' });
      return file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
