// npm run demo: the demo workspace in a real VS Code (code-server) with War Room installed, on
// 127.0.0.1. Prints the URL and runs until Ctrl+C. `--smoke` starts, checks, and exits (for tests).
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { releaseAll } from '../test/harness/cleanup';
import { startCodeServer } from '../test/harness/codeServer';
import { repoRoot } from '../test/harness/paths';
import { createDemoWorkspace, demoSettings } from './demoWorkspace';

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  const workspace = createDemoWorkspace(path.join(repoRoot, '.demo', 'checkout-service'), path.join(repoRoot, 'runbooks'));
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  // Installed the way a VSIX would be, but live: `npm run build` and a window reload pick up changes.
  const extensionsDir = path.join(repoRoot, '.demo', 'extensions');
  fs.rmSync(extensionsDir, { recursive: true, force: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.symlinkSync(repoRoot, path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`), 'dir');
  const server = await startCodeServer({ extensionsDir, settings: demoSettings });
  const url = `${server.origin}/?folder=${encodeURIComponent(workspace.dir)}`;
  if (smoke) {
    const status = await get(url);
    console.log(`demo: ${url} answered ${status}; incident ${workspace.incidentId}`);
    await server.stop();
    process.exitCode = status === 200 ? 0 : 1;
    return;
  }
  console.log('');
  console.log('War Room demo is running in a real VS Code (code-server 4.100.3 = VS Code 1.100.3).');
  console.log(`  Open:      ${url}`);
  console.log(`  Workspace: ${workspace.dir} (checkout-service, tags v2.3.0 v2.4.0 v2.4.1)`);
  console.log(`  Incident:  ${workspace.incidentId}: SEV1 "Checkout failing: payments time out", 30 min after v2.4.1`);
  console.log('Press Ctrl+C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.stop();
}

main()
  .then(() => releaseAll())
  .catch(async (error) => {
    console.error(`demo: ${(error as Error).message}`);
    await releaseAll();
    process.exit(1);
  });
