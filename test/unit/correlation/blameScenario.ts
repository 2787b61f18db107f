// A file whose suspect lines moved after the suspect commit, for the blame parser and adapter tests:
// a later commit inserts lines above them and rewrites one, a side branch changes another line and is
// merged, and the merge itself rewrites one more (an "evil" merge). The name holds a space.
//
// As HEAD leaves `src/pool config.ts`, with who last changed each line:
//   1 // Pool settings         later
//   2 // see runbooks/db.md    later
//   3 export const pool = {    init
//   4   host: 'db-primary',    merge
//   5   max: 5,                suspect
//   6   idle: 2000,            later (the suspect had set 1000)
//   7   retries: 2,            side
//   8   timeoutMs: 3000,       suspect
//   9 };                       init

import { GitRepo, makeRepo } from '../../support/gitRepo';

export const FILE = 'src/pool config.ts';
export const SUSPECT_AT = '2026-11-22T10:00:00Z';

export interface BlameScenario {
  readonly repo: GitRepo;
  readonly init: string;
  readonly suspect: string;
  readonly later: string;
  readonly side: string;
  readonly merge: string;
  /** The file's text at HEAD. */
  readonly text: string;
}

const lines = (...l: string[]) => l.map((x) => `${x}\n`).join('');

export function buildBlameScenario(dir: string): BlameScenario {
  const repo = makeRepo(dir);
  const init = repo.commit(
    {
      [FILE]: lines('export const pool = {', "  host: 'db',", '  max: 50,', '  idle: 10000,', '  retries: 0,', '};'),
      'README.md': '# pool\n',
    },
    { date: '2026-11-20T09:00:00Z', message: 'Pool config' },
  );
  const suspect = repo.commit(
    {
      [FILE]: lines('export const pool = {', "  host: 'db',", '  max: 5,', '  idle: 1000,', '  retries: 0,', '  timeoutMs: 3000,', '};'),
    },
    { date: SUSPECT_AT, message: 'Tune the pool for the smaller instance' },
  );
  const later = repo.commit(
    {
      [FILE]: lines(
        '// Pool settings',
        '// see runbooks/db.md',
        'export const pool = {',
        "  host: 'db',",
        '  max: 5,',
        '  idle: 2000,',
        '  retries: 0,',
        '  timeoutMs: 3000,',
        '};',
      ),
    },
    { date: '2026-11-22T12:00:00Z', message: 'Document the pool; idle back up' },
  );
  repo.branch('topic');
  repo.checkout('topic');
  const side = repo.commit(
    {
      [FILE]: lines(
        '// Pool settings',
        '// see runbooks/db.md',
        'export const pool = {',
        "  host: 'db',",
        '  max: 5,',
        '  idle: 2000,',
        '  retries: 2,',
        '  timeoutMs: 3000,',
        '};',
      ),
    },
    { date: '2026-11-22T12:30:00Z', message: 'Retry twice' },
  );
  repo.checkout('main');
  repo.commit({ 'README.md': '# pool\n\nSee src.\n' }, { date: '2026-11-22T12:45:00Z', message: 'README' });
  // An evil merge: it changes a line neither parent has.
  const date = { GIT_AUTHOR_DATE: '@1795352400 +0000', GIT_COMMITTER_DATE: '@1795352400 +0000' }; // 2026-11-22T13:00:00Z
  repo.git(['merge', '-q', '--no-ff', '--no-commit', 'topic'], date);
  const text = lines(
    '// Pool settings',
    '// see runbooks/db.md',
    'export const pool = {',
    "  host: 'db-primary',",
    '  max: 5,',
    '  idle: 2000,',
    '  retries: 2,',
    '  timeoutMs: 3000,',
    '};',
  );
  repo.write({ [FILE]: text });
  repo.git(['add', '--', FILE]);
  repo.git(['commit', '-q', '-m', 'Merge topic (and point at the primary)'], date);
  return { repo, init, suspect, later, side, merge: repo.head(), text };
}
