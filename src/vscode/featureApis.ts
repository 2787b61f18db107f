// Another feature's `api`, as other extensions see it: through what the extension's activate()
// returned. Features stay independent (no feature imports another's module); one that needs another's
// data asks here and copes with its absence (not started yet, failed to start, or left out).
import * as vscode from 'vscode';

/** package.json's publisher.name. */
export const EXTENSION_ID = 'warroom.war-room';

/** `features.<name>` of the extension's exports, or undefined. Check its shape before use: it is `unknown`. */
export function featureApi(name: string): unknown {
  const exports: unknown = vscode.extensions.getExtension(EXTENSION_ID)?.exports;
  const features =
    typeof exports === 'object' && exports !== null ? (exports as { features?: Record<string, unknown> }).features : undefined;
  return features?.[name];
}
