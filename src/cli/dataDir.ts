import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_DATA_DIR, FileIncidentStore } from '../adapters/store/fileStore';
import { ParsedArgs, stringOption } from './args';
import { CliIo } from './command';

/** The nearest folder at or above `from` that holds `name`, if any. */
function nearestHolding(from: string, name: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, name))) {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      return undefined;
    }
  }
}

/**
 * --dir, then $WARROOM_DATA_DIR, then the nearest .warroom above cwd; with none, the .warroom of the
 * git repository cwd is in (where the editor keeps it, at the workspace's root), else ./.warroom. A
 * `warroom declare` typed in src/lib/ of a repository without incidents yet starts them at its root.
 */
export function resolveDataDir(args: ParsedArgs, io: CliIo): string {
  const explicit = stringOption(args, 'dir') ?? io.env.WARROOM_DATA_DIR;
  if (explicit) {
    return path.resolve(io.cwd, explicit);
  }
  const home = nearestHolding(io.cwd, DEFAULT_DATA_DIR) ?? nearestHolding(io.cwd, '.git') ?? io.cwd;
  return path.join(home, DEFAULT_DATA_DIR);
}

export function openStore(args: ParsedArgs, io: CliIo): FileIncidentStore {
  return new FileIncidentStore(resolveDataDir(args, io));
}
