#!/usr/bin/env node
// Installs what the real-VS Code tests need and the project's package.json must not carry:
// Debian packages (chromium for playwright-core, ripgrep to pre-seed @vscode/ripgrep, libkrb5-dev
// for code-server's native kerberos module, git for the test workspaces) and code-server 4.100.3
// (= VS Code 1.100.3, the newest that runs on Node 20) in a cache folder.
// Idempotent: when everything is there it only checks files and prints what it found.
// See docs/TESTING.md for why each step is the way it is.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
export const codeServerPrefix = process.env.WARROOM_CODE_SERVER_DIR || path.join(os.homedir(), '.cache', 'war-room', 'code-server');
export const codeServerBin = path.join(codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

// postgresql: the private servers of the team sync tests and benches (test/harness/postgres.ts).
// prometheus-alertmanager: the real Alertmanager the integration tests and bench start on loopback.
// fish: the shell of the fish-shell scenario and of the secrets-by-name unit test (runbook secrets).
// tcsh: csh, the shell of the csh-shell scenario (and of the csh quoting's unit tests).
const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev', 'git', 'postgresql', 'prometheus-alertmanager', 'fish', 'tcsh'];
// @vscode/ripgrep's postinstall looks for this archive in its cache before trying to download it from GitHub.
const RIPGREP_CACHE_DIR = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

function log(line) {
  console.log(`install: ${line}`);
}

function fail(line) {
  console.error(`install: ${line}`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.error) fail(`${cmd} could not start: ${result.error.message}`);
  if (result.status !== 0) fail(`${cmd} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

function dpkgInstalled(pkg) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

function ensureAptPackages() {
  if (spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status !== 0) {
    fail(`no dpkg here: install ${APT_PACKAGES.join(' ')} with your system's package manager`);
  }
  const missing = APT_PACKAGES.filter((pkg) => !dpkgInstalled(pkg));
  for (const pkg of APT_PACKAGES.filter((p) => !missing.includes(p))) log(`${pkg}: present`);
  if (missing.length === 0) return;
  if (process.getuid && process.getuid() !== 0) {
    fail(
      `missing Debian packages: ${missing.join(' ')}. Run as root, or: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  // noninteractive: CI has no stdin, and a debconf prompt would hang the run.
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log('apt-get update');
  run('apt-get', ['update', '-q'], { env });
  log(`apt-get install ${missing.join(' ')}`);
  // With recommends, as on the machine where the recipe was measured (chromium then also gets its fonts).
  run('apt-get', ['install', '-y', '-q', ...missing], { env });
  const still = missing.filter((pkg) => !dpkgInstalled(pkg));
  if (still.length > 0) fail(`apt-get did not install: ${still.join(' ')}`);
  for (const pkg of missing) log(`${pkg}: installed`);
}

// Checks files only: starting code-server (even `--version`) writes into $HOME.
export function codeServerInstalled() {
  const pkgFile = path.join(codeServerPrefix, 'node_modules', 'code-server', 'package.json');
  const rg = path.join(codeServerPrefix, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  try {
    const version = JSON.parse(fs.readFileSync(pkgFile, 'utf8')).version;
    return version === CODE_SERVER_VERSION && fs.existsSync(rg) && fs.existsSync(codeServerBin);
  } catch {
    return false;
  }
}

function ensureCodeServer() {
  if (codeServerInstalled()) {
    log(`code-server ${CODE_SERVER_VERSION}: present in ${codeServerPrefix}`);
    return;
  }
  if (process.arch !== 'x64') fail(`code-server pre-seed supports x86_64 only (this is ${process.arch})`);
  const systemRg = '/usr/bin/rg';
  if (!fs.existsSync(systemRg)) fail(`${systemRg} missing: install the ripgrep Debian package`);

  fs.mkdirSync(codeServerPrefix, { recursive: true });
  // Its own package.json, so npm installs here and never walks up into a surrounding project.
  const pkgJson = path.join(codeServerPrefix, 'package.json');
  if (!fs.existsSync(pkgJson)) fs.writeFileSync(pkgJson, '{ "name": "war-room-code-server", "private": true }\n');

  const tmp = path.join(codeServerPrefix, '.tmp');
  const cacheDir = path.join(tmp, RIPGREP_CACHE_DIR);
  fs.mkdirSync(cacheDir, { recursive: true });
  const archive = path.join(cacheDir, RIPGREP_ARCHIVE);
  if (!fs.existsSync(archive)) {
    // The archive must hold `rg` at its root, which is what @vscode/ripgrep unpacks into its bin/.
    run('tar', ['-czf', archive, '-C', path.dirname(systemRg), path.basename(systemRg)]);
    log(`ripgrep cache pre-seeded from ${systemRg}`);
  }

  const env = {
    ...process.env,
    TMPDIR: tmp,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_nodedir: '/usr',
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  log(`npm install code-server@${CODE_SERVER_VERSION} into ${codeServerPrefix} (about a minute)`);
  run('npm', ['install', '--prefix', codeServerPrefix, `code-server@${CODE_SERVER_VERSION}`], { env, cwd: codeServerPrefix });
  if (!codeServerInstalled()) fail('code-server install finished but its files are not all there (see npm output above)');
  log(`code-server ${CODE_SERVER_VERSION}: installed in ${codeServerPrefix}`);
}

// Run as a script (not when imported for its paths).
if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  ensureAptPackages();
  ensureCodeServer();
}
