// Builds the code-server workbench URL. code-server's CLI rejects --extensionDevelopmentPath and
// --extensionTestsPath, so they travel in the URL's `payload`, as vscode-remote:// URIs on this server.
import * as path from 'path';

export type WorkbenchTarget =
  { readonly kind: 'folder'; readonly path: string } | { readonly kind: 'workspace'; readonly path: string } | { readonly kind: 'empty' };

export interface DevelopmentExtension {
  readonly extensionDevelopmentPath: string;
  /** Module whose run() the extension host calls (the @vscode/test-electron contract); absent for UI tests. */
  readonly extensionTestsPath?: string;
}

export function remoteUri(port: number, absolutePath: string): string {
  return `vscode-remote://127.0.0.1:${port}${absolutePath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

export function workbenchUrl(port: number, target: WorkbenchTarget, dev?: DevelopmentExtension): string {
  // encodeURIComponent rather than URLSearchParams, whose '+' for spaces the workbench may not decode.
  const params: string[] = [];
  switch (target.kind) {
    case 'folder':
      params.push(`folder=${encodeURIComponent(requireAbsolute(target.path))}`);
      break;
    case 'workspace':
      params.push(`workspace=${encodeURIComponent(requireAbsolute(target.path))}`);
      break;
    case 'empty':
      params.push('ew=true');
      break;
  }
  const payload: [string, string][] = [
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  if (dev) {
    payload.unshift(['extensionDevelopmentPath', remoteUri(port, requireAbsolute(dev.extensionDevelopmentPath))]);
    if (dev.extensionTestsPath) {
      payload.splice(1, 0, ['extensionTestsPath', remoteUri(port, requireAbsolute(dev.extensionTestsPath))]);
    }
  }
  params.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `http://127.0.0.1:${port}/?${params.join('&')}`;
}

function requireAbsolute(p: string): string {
  if (!path.isAbsolute(p)) throw new Error(`workbench paths must be absolute: ${p}`);
  return p;
}
