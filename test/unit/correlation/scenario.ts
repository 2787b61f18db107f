// One realistic repository shared by the adapter and CLI tests: a payments incident at 14:15 UTC
// whose cause (a retry change merged at 10:00, committed the day before) is neither the latest
// commit nor the latest deploy.

import { GitRepo, makeRepo } from '../../support/gitRepo';

export const INCIDENT_AT = '2026-11-22T14:15:00Z';
export const NOW = '2026-11-22T15:00:00Z';

export interface Scenario {
  readonly repo: GitRepo;
  readonly root: string;
  readonly culprit: string;
  readonly merge: string;
  readonly readme: string;
  readonly lockfile: string;
  readonly search: string;
  readonly future: string;
  readonly staging: string;
}

export const EVIDENCE = [
  'TimeoutError: gateway did not answer in 3000ms',
  '    at chargeCard (/srv/app/src/payments/charge.ts:42:13)',
  '    at async Router.handle (/srv/app/node_modules/express/lib/router.js:10:3)',
].join('\n');

export function buildScenario(dir: string): Scenario {
  const repo = makeRepo(dir);
  const root = repo.commit(
    {
      'src/payments/charge.ts': 'export function chargeCard() {\n  return gateway.charge();\n}\n',
      'src/search/index.ts': 'export const rank = 1;\n',
      'README.md': '# shop\n',
      'package-lock.json': '{"lockfileVersion": 3}\n',
      CODEOWNERS: '* @acme/platform\n/src/payments/ @acme/payments-team\n',
    },
    { date: '2026-11-20T09:00:00Z', message: 'Initial shop' },
  );
  repo.tag('v1.0.0', { date: '2026-11-20T12:00:00Z', message: 'release 1.0.0' });

  repo.branch('payments-retry');
  repo.checkout('payments-retry');
  const culprit = repo.commit(
    {
      'src/payments/charge.ts':
        'export function chargeCard() {\n  for (let i = 0; i < 5; i++) {\n    try { return gateway.charge({ timeout: 3000 }); } catch {}\n  }\n}\n',
    },
    { date: '2026-11-21T09:00:00+01:00', message: 'Retry card charges on gateway errors' },
  );
  repo.checkout('main');
  const merge = repo.merge('payments-retry', { date: '2026-11-22T10:00:00Z', message: 'Merge branch payments-retry' });
  const readme = repo.commit(
    { 'README.md': '# shop\n\nBetter words.\n', 'media/logo.png': Buffer.from([0, 1, 2, 3, 255, 0, 7]) },
    { date: '2026-11-22T12:30:00Z', message: 'Update README wording and logo' },
  );
  const lockfile = repo.commit(
    { 'package-lock.json': '{"lockfileVersion": 3, "packages": {"lodash": "4.17.21"}}\n' },
    { date: '2026-11-22T13:00:00Z', message: 'Bump lodash' },
  );
  repo.tag('v1.1.0', { date: '2026-11-22T13:40:00Z', message: 'release 1.1.0' });
  repo.write({ 'deploys.log': `# time sha env\n2026-11-22T13:45:00Z ${lockfile.slice(0, 10)} production\nnot a line\n` });
  const search = repo.commit(
    { 'src/search/index.ts': 'export const rank = 2;\n' },
    { date: '2026-11-22T13:55:00Z', message: 'Tweak search ranking' },
  );
  repo.stageSubmodulePointer('vendor/gateway-sdk', root);
  const staging = repo.commit(
    {},
    { date: '2026-11-22T14:05:00Z', message: 'Vendor the gateway SDK', trailers: { 'Deployed-to': 'staging' } },
  );
  repo.tag('deploy/production/2026-11-22-1410', { sha: search, date: '2026-11-22T14:10:00Z', message: 'deployed' });
  const future = repo.commit(
    { 'docs/notes.md': 'later\n' },
    { date: '2026-11-23T09:00:00Z', message: 'Notes from a machine with a wrong clock' },
  );
  return { repo, root, culprit, merge, readme, lockfile, search, future, staging };
}
