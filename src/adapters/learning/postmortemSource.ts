// Where a postmortem import came from, as the incident records it: shared by `warroom postmortem
// import` and the editor's Import Postmortem, so either recognises what the other imported.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { PostmortemSource } from '../../core/learning/postmortemImport';

/**
 * The file relative to `root` (the folder the data dir is in: the repository, as teammates share it;
 * with `/` between folders), or its full path when outside it, and the SHA-256 of its text.
 */
export function postmortemSource(root: string, file: string, text: string): PostmortemSource {
  const relative = path.relative(root, file);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return {
    file: inside ? relative.split(path.sep).join('/') : file,
    sha256: createHash('sha256').update(text).digest('hex'),
  };
}
