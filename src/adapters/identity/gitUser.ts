import { execFile } from 'node:child_process';
import * as os from 'node:os';

/**
 * Who is acting: `git config user.name` in the folder (what teammates see in git log), else the
 * OS user. Plain `git` via execFile: loading simple-git for one config read would slow activation.
 */
export function gitUserName(cwd: string): Promise<string> {
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd, timeout: 3000 }, (error, stdout) => {
      const name = error ? '' : stdout.trim();
      resolve(name || os.userInfo().username);
    });
  });
}
