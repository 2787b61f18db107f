// Builds the extension host bundle, the lazily loaded adapter bundles, the CLI and the webview UI.
//   node esbuild.mjs               development: source maps, not minified
//   node esbuild.mjs --production  minified, no source maps (what the VSIX ships)
//   node esbuild.mjs --watch
//   node esbuild.mjs --outdir=DIR  into DIR instead of dist/ (the bundle test builds its own)
import * as esbuild from 'esbuild';
import path from 'node:path';
import fs from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const root = path.dirname(new URL(import.meta.url).pathname);
const outdir = path.resolve(root, process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist');
// A production build empties its folder first: never the repository or a folder holding it.
const fromOut = path.relative(outdir, root);
if (!fromOut || !(fromOut.startsWith('..') || path.isAbsolute(fromOut))) {
  console.error(`esbuild.mjs: --outdir=${outdir} holds the repository; give a folder of its own`);
  process.exit(2);
}

// Adapters that pull in heavy libraries (simple-git, axios) are bundled on their own and
// required only when first used, so activation loads just dist/extension.js.
const lazyBundles = {
  [path.join(root, 'src/adapters/git')]: 'git',
  [path.join(root, 'src/adapters/http')]: 'http',
  [path.join(root, 'src/adapters/runbooks')]: 'runbooks',
  [path.join(root, 'src/adapters/sync')]: 'sync',
  [path.join(root, 'src/adapters/learning')]: 'learning',
  [path.join(root, 'src/adapters/kpi')]: 'kpi',
  [path.join(root, 'src/adapters/alerts')]: 'alerts',
  [path.join(root, 'src/adapters/oncall')]: 'oncall',
  [path.join(root, 'src/adapters/assist')]: 'assist',
  [path.join(root, 'src/adapters/drills')]: 'drills',
};

const lazyAdaptersExternal = {
  name: 'lazy-adapters',
  setup(build) {
    // Any import of an adapter folder; only those named in lazyBundles become separate bundles.
    build.onResolve({ filter: /adapters\/[A-Za-z]+$/ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path);
      const bundle = lazyBundles[target];
      return bundle ? { path: `./${bundle}.js`, external: true } : undefined;
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

// pg requires pg-native only when asked for it (new Pg.native), which War Room never does.
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'pg-native'] };

function existing(entries) {
  return Object.fromEntries(Object.entries(entries).filter(([, file]) => fs.existsSync(path.join(root, file))));
}

const builds = [
  {
    ...node,
    entryPoints: { extension: 'src/extension.ts' },
    outdir,
    plugins: [lazyAdaptersExternal],
    // The first statement of the bundle, so the extension can report its own load time.
    banner: { js: 'var __warroomModuleStart = typeof performance === "object" ? performance.now() : undefined;' },
  },
  {
    ...node,
    entryPoints: existing({
      git: 'src/adapters/git/index.ts',
      http: 'src/adapters/http/index.ts',
      runbooks: 'src/adapters/runbooks/index.ts',
      sync: 'src/adapters/sync/index.ts',
      learning: 'src/adapters/learning/index.ts',
      alerts: 'src/adapters/alerts/index.ts',
      // The runbooks bundle starts it as a worker thread, from beside itself (workerParser.ts).
      runbookParseWorker: 'src/adapters/runbooks/runbookParseWorker.ts',
      kpi: 'src/adapters/kpi/index.ts',
      oncall: 'src/adapters/oncall/index.ts',
      assist: 'src/adapters/assist/index.ts',
      drills: 'src/adapters/drills/index.ts',
    }),
    outdir,
  },
  { ...node, entryPoints: { cli: 'src/cli/main.ts' }, outdir, banner: { js: '#!/usr/bin/env node' } },
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: existing(
      Object.fromEntries(
        (fs.existsSync(path.join(root, 'webview-ui/src')) ? fs.readdirSync(path.join(root, 'webview-ui/src')) : [])
          .filter((f) => /^[a-zA-Z-]+\.main\.ts$/.test(f))
          .map((f) => [f.replace('.main.ts', ''), `webview-ui/src/${f}`]),
      ),
    ),
    outdir: path.join(outdir, 'webview'),
  },
].filter((b) => Object.keys(b.entryPoints).length > 0);

if (production) {
  // Source maps from an earlier development build must not ship.
  fs.rmSync(outdir, { recursive: true, force: true });
}

if (watch) {
  for (const options of builds) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('esbuild: watching');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  fs.chmodSync(path.join(outdir, 'cli.js'), 0o755);
}
