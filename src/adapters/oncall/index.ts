// The rotation file from the repository (`.warroom/oncall.yaml`): read as a regular file inside the
// folder, size-capped, and parsed by the core with positions. It came with a clone: untrusted.
import * as path from 'node:path';
import { oncallProblems } from '../../core/oncall/problems';
import { OncallConfig, OncallProblem } from '../../core/oncall/model';
import { ONCALL_FILE, parseOncallFile } from '../../core/oncall/oncallFile';
import { readRegularFile, resolveInside } from '../insideFolder';

/** A rotation file is a few kilobytes; past this it is not one. */
export const MAX_ONCALL_FILE_BYTES = 1024 * 1024;
/** How far ahead coverage gaps and DST hand-offs are looked for. */
export const PROBLEM_HORIZON_DAYS = 28;

export interface LoadedOncall {
  /** The file's path relative to the folder, as problems name it. */
  readonly file: string;
  readonly config: OncallConfig;
  /** Syntax and field problems, then what the rotations get wrong over the coming weeks. */
  readonly problems: readonly OncallProblem[];
}

/** The folder's rotation file, undefined when there is none; a file that cannot be read is one problem. */
export function readOncallFile(folder: string, now: Date): LoadedOncall | undefined {
  const file = ONCALL_FILE;
  const absolute = resolveInside(folder, file);
  const empty: OncallConfig = { rotations: [], overrides: [], escalation: [] };
  if (!absolute) {
    return {
      file,
      config: empty,
      problems: [{ file, line: 1, column: 1, message: `${file} leads outside the folder`, severity: 'error' }],
    };
  }
  const read = readRegularFile(absolute, MAX_ONCALL_FILE_BYTES);
  if ('problem' in read) {
    if (read.problem === 'not found') return undefined;
    return { file, config: empty, problems: [{ file, line: 1, column: 1, message: `${file} ${read.problem}`, severity: 'error' }] };
  }
  const parsed = parseOncallFile(read.text, file);
  const more = oncallProblems(parsed.config, file, { from: now, days: PROBLEM_HORIZON_DAYS });
  return { file, config: parsed.config, problems: [...parsed.problems, ...more] };
}

/** The folder a data dir belongs to: the rotation file sits beside the incidents in `.warroom/`. */
export function folderOfDataDir(dataDir: string): string {
  return path.dirname(dataDir);
}
