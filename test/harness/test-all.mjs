#!/usr/bin/env node
// npm test: every check, in order, each step run even when an earlier one failed (so one run shows
// everything that is broken), then each runner's "N passed, N failed" line again and a total line.
// Exits non-zero if any step failed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const steps = [
  { name: 'install', cmd: process.execPath, args: ['test/harness/install.mjs'] },
  { name: 'typecheck', cmd: 'npm', args: ['run', 'typecheck'] },
  { name: 'lint', cmd: 'npm', args: ['run', 'lint'] },
  { name: 'build', cmd: 'npm', args: ['run', 'build'] },
  { name: 'compile-tests', cmd: 'npm', args: ['run', 'compile-tests'] },
  { name: 'test:unit', cmd: 'npm', args: ['run', 'test:unit'] },
  { name: 'test:integration', cmd: 'npm', args: ['run', 'test:integration'] },
  { name: 'test:e2e', cmd: 'npm', args: ['run', 'test:e2e'] },
  // Last: the production build replaces dist/. The VSIX a user installs, tested as installed.
  { name: 'package', cmd: 'npm', args: ['run', 'package'] },
  { name: 'test:smoke', cmd: 'npm', args: ['run', 'test:smoke'] },
];

// What summary-reporter.js and the integration runner print: "<label>: N passed, N failed[, N skipped]".
const SUMMARY = /^([\w.:-]+): (\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/;
// And the line it prints for each failing test: "<label> failed: <test> :: <error>".
const FAILURE = /^[\w.:-]+ failed: .+$/;
const ANSI = /\x1b\[[0-9;]*m/g;

function runStep(step) {
  return new Promise((resolve) => {
    const summaries = [];
    const failures = [];
    let pending = '';
    const scan = (text) => {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const plain = line.replace(ANSI, '').trim();
        if (FAILURE.test(plain)) failures.push(plain);
        const match = SUMMARY.exec(plain);
        if (match) summaries.push({ line: match[0], passed: Number(match[2]), failed: Number(match[3]) });
      }
    };
    const child = spawn(step.cmd, step.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      scan(chunk.toString());
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      scan(chunk.toString());
    });
    child.on('error', (error) => {
      console.error(`${step.name}: could not start: ${error.message}`);
      resolve({ code: 127, summaries, failures });
    });
    child.on('close', (code, signal) => {
      scan('\n');
      resolve({ code: code ?? (signal ? 128 : 1), summaries, failures });
    });
  });
}

const results = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${[path.basename(step.cmd), ...step.args].join(' ')}`);
  const started = Date.now();
  const result = await runStep(step);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`=== ${step.name}: ${result.code === 0 ? 'ok' : `FAILED (exit ${result.code})`} in ${seconds} s`);
  results.push({ step, ...result });
}

let passed = 0;
let failed = 0;
console.log('\n=== summary');
for (const { step, code, summaries } of results) {
  for (const s of summaries) {
    console.log(s.line);
    passed += s.passed;
    failed += s.failed;
  }
  // A runner that fails without a summary line (crash, compile error) must still show up here.
  if (code !== 0 && summaries.length === 0) console.log(`${step.name}: FAILED (exit ${code})`);
}
// Each failing test by name, so the tail of a long run says what failed.
for (const failure of results.flatMap((r) => r.failures)) console.log(failure);
const failedSteps = results.filter((r) => r.code !== 0).map((r) => r.step.name);
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
