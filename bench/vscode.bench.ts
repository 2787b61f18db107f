// Figures from the real VS Code (code-server) and from the built bundle:
//   extension.activate: evaluating the bundle plus activate() in the real extension host (median of 5 fresh
//     hosts), timed by the extension itself from the bundle's first statement
//   extension.features.start: loading and starting the features (correlation, panels, runbooks) on the
//     tick after activate() returns, off the activation path
//   extension.activate.call: the whole `extension.activate()` call as a caller sees it, which adds the
//     host's own work between loading the module and calling activate() (context, storage)
//   bundle.extension.kb: dist/extension.js as shipped (minified), the only bundle loaded at activation
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { releaseAll } from '../test/harness/cleanup';
import { repoRoot } from '../test/harness/paths';
import { runExtensionTests } from '../test/harness/runExtensionTests';
import { makeWorkspace } from '../test/harness/workspaces';
import { report, round } from './measure';

async function activationOnce(outFile: string, run: number): Promise<void> {
  const workspace = makeWorkspace('single');
  const write = process.stdout.write.bind(process.stdout);
  // The workbench's own chatter would drown the figures: keep stdout for JSON lines only.
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    const code = await runExtensionTests({
      label: `bench-activate-${run}`,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index'),
      target: workspace.target,
      env: { WARROOM_TEST_SCENARIO: 'bench', WARROOM_BENCH_OUT: outFile },
      timeoutMs: 120_000,
    });
    if (code !== 0) {
      throw new Error(`activation run ${run} exited with ${code} (see test-artifacts/bench-activate-${run}-*.log)`);
    }
  } finally {
    process.stdout.write = write;
    workspace.remove();
  }
}

const RUNS = 5;

async function main(): Promise<void> {
  const bundle = path.join(repoRoot, 'dist', 'extension.js');
  report({ bench: 'bundle.extension.kb', value: round(fs.statSync(bundle).size / 1024, 1), unit: 'KB' });

  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wr-bench-'));
  const outFile = path.join(outDir, 'activate.jsonl');
  let lines: string[];
  try {
    for (let run = 1; run <= RUNS; run++) {
      await activationOnce(outFile, run);
    }
    lines = fs.readFileSync(outFile, 'utf8').trim().split('\n');
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true }); // the bench leaves nothing in the temp dir
  }
  const runs = lines.map((l) => JSON.parse(l) as { call: number; own: number; features: number });
  for (const [bench, key] of [
    ['extension.activate', 'own'],
    ['extension.features.start', 'features'],
    ['extension.activate.call', 'call'],
  ] as const) {
    const sorted = runs.map((r) => r[key]).sort((a, b) => a - b);
    report({ bench, value: round(sorted[Math.floor(sorted.length / 2)]), unit: 'ms', runs: sorted.map((v) => round(v)) });
  }
}

main()
  .then(() => releaseAll())
  .catch(async (error) => {
    console.error(error);
    await releaseAll();
    process.exit(1);
  });
