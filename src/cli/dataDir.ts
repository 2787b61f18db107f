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

/** The data dir `--dir` or $WARROOM_DATA_DIR names, with which of them named it; none when neither is set. */
function namedDataDir(args: ParsedArgs, io: CliIo): { readonly dir: string; readonly by: string } | undefined {
  const option = stringOption(args, 'dir');
  const given = option ?? io.env.WARROOM_DATA_DIR;
  return given ? { dir: path.resolve(io.cwd, given), by: option ? `--dir ${given}` : `$WARROOM_DATA_DIR (${given})` } : undefined;
}

/**
 * --dir, then $WARROOM_DATA_DIR, then the nearest .warroom above cwd; with none, the .warroom of the
 * git repository cwd is in (where the editor keeps it, at the workspace's root), else ./.warroom. A
 * `warroom declare` typed in src/lib/ of a repository without incidents yet starts them at its root.
 */
export function resolveDataDir(args: ParsedArgs, io: CliIo): string {
  const named = namedDataDir(args, io);
  if (named) {
    return named.dir;
  }
  const home = nearestHolding(io.cwd, DEFAULT_DATA_DIR) ?? nearestHolding(io.cwd, '.git') ?? io.cwd;
  return path.join(home, DEFAULT_DATA_DIR);
}

/**
 * What a command does with the data dir: `read` (list, show, append to an incident) needs the folder a
 * user names to exist; `create` (declare, import, pull) may start it, when the folder it goes in exists.
 */
export type DataDirUse = 'read' | 'create';

/**
 * The data dir, refused when `--dir` or $WARROOM_DATA_DIR names a folder that is not there: a typo in
 * the path listed "No incidents." and `show` said the incident was not in it, as if the folder were
 * empty. A new one is started only where its parent exists: `--dir .warroom` in a fresh clone, or
 * `--dir incidents`, is clearly a new data folder; `--dir ~/src/chekout/.warroom` is a typo that would
 * leave a tree of folders behind. Where neither names one, the default is used as before: no .warroom
 * yet in a repository is where everyone starts.
 */
export function dataDirFor(args: ParsedArgs, io: CliIo, use: DataDirUse = 'read'): string {
  const named = namedDataDir(args, io);
  if (!named) {
    return resolveDataDir(args, io);
  }
  if (fs.existsSync(named.dir)) {
    return named.dir;
  }
  const parent = path.dirname(named.dir);
  if (use === 'create' && fs.existsSync(parent)) {
    return named.dir;
  }
  throw new Error(
    use === 'create'
      ? `${named.by}: neither the folder ${named.dir} nor the one it would be made in (${parent}) exists; check the path, or create ${parent} first to start a data folder there`
      : `${named.by}: the folder ${named.dir} does not exist, so there are no incidents to read; check the path (warroom declare starts a new data folder)`,
  );
}

export function openStore(args: ParsedArgs, io: CliIo, use: DataDirUse = 'read'): FileIncidentStore {
  return new FileIncidentStore(dataDirFor(args, io, use));
}
