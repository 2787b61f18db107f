// The command a responder pastes to undo a suspect commit. Only ever copied, never run by War Room.

export function revertCommand(commit: { readonly sha: string; readonly parents: readonly string[] }): string {
  // A merge needs the mainline parent named; -m 1 keeps the branch it was merged into.
  return commit.parents.length > 1 ? `git revert -m 1 ${commit.sha}` : `git revert ${commit.sha}`;
}
