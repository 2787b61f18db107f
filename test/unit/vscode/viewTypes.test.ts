// package.json activates War Room for exactly the panels it restores, no more and no fewer.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PANEL_VIEW_TYPES } from '../../../src/vscode/viewTypes';

describe('PANEL_VIEW_TYPES', () => {
  it('are the onWebviewPanel activation events in package.json', () => {
    const packageJson = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8')) as {
      activationEvents: string[];
    };
    const activated = packageJson.activationEvents
      .filter((e) => e.startsWith('onWebviewPanel:'))
      .map((e) => e.slice('onWebviewPanel:'.length));
    assert.deepEqual([...activated].sort(), [...PANEL_VIEW_TYPES].sort());
  });
});
