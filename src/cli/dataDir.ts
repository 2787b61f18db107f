import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_DATA_DIR, FileIncidentStore } from '../adapters/store/fileStore';
import { ParsedArgs, stringOption } from './args';
import { CliIo } from './command';

/** --dir, then $WARROOM_DATA_DIR, then the nearest .warroom above cwd, then ./.warroom. */
export function resolveDataDir(args: ParsedArgs, io: CliIo): string {
  const explicit = stringOption(args, 'dir') ?? io.env.WARROOM_DATA_DIR;
  if (explicit) {
    return path.resolve(io.cwd, explicit);
  }
  for (let dir = path.resolve(io.cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, DEFAULT_DATA_DIR);
    if (fs.existsSync(candidate)) {
      return candidate;
    }
    if (path.dirname(dir) === dir) {
      return path.join(io.cwd, DEFAULT_DATA_DIR);
    }
  }
}

export function openStore(args: ParsedArgs, io: CliIo): FileIncidentStore {
  return new FileIncidentStore(resolveDataDir(args, io));
}
