// Not part of npm test: run by bench/vscode.bench.ts. Measures module load plus activate() of the
// extension in the real extension host, on a workspace that has not activated it yet.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { WarRoomUnderTest } from '../../../src/extension';
import { EXTENSION_ID } from '../support/api';

describe('activation figure', () => {
  it('measures the first activation', async () => {
    const extension = vscode.extensions.getExtension<WarRoomUnderTest>(EXTENSION_ID);
    assert.ok(extension);
    assert.equal(extension.isActive, false, 'already active: the figure would measure nothing');
    const start = performance.now();
    const api = await extension.activate();
    const value = performance.now() - start;
    const out = process.env.WARROOM_BENCH_OUT;
    assert.ok(out, 'WARROOM_BENCH_OUT names the file for the figure');
    await api.ready;
    fs.appendFileSync(out, JSON.stringify({ call: value, own: api.test.activationMs, features: api.test.featuresStartMs() }) + '\n');
  });
});
