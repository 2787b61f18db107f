// In an untrusted workspace War Room runs no git: the repository's own config can make git run its
// commands (hooks, filters, diff drivers, a partial clone's fetch), which is why VS Code's git is off
// there too. Everything that needs git says so, and offers to trust the workspace.
import * as vscode from 'vscode';
import { UserFacingError } from './commandRegistry';

export const UNTRUSTED_GIT_MESSAGE =
  'Trust this workspace to correlate with git: in an untrusted workspace War Room runs no git, ' +
  "because a repository's settings can make git run its commands.";

/** VS Code's own command for the trust editor. */
export const MANAGE_TRUST: vscode.Command = { title: 'Manage Workspace Trust', command: 'workbench.trust.manage' };

/** Throws the message above, with the trust command beside it, unless the workspace is trusted. */
export function requireTrustForGit(): void {
  if (!vscode.workspace.isTrusted) {
    throw new UserFacingError(UNTRUSTED_GIT_MESSAGE, MANAGE_TRUST);
  }
}
