// The correlation commands, one function per command taking its dependencies (registered in
// index.ts). Each reads its target from suspectArgsOf (tree row, hover link, timeline event or plain
// arguments) and reports failures as UserFacingError sentences.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReleaseRef } from '../../adapters/git';
import type { Commit } from '../../core/correlation/model';
import { changeFiles, RankedChange, verdictTitle } from '../../core/correlation/changes';
import { filesAsMoved } from '../../core/correlation/moves';
import { revertCommand } from '../../core/correlation/revert';
import { SuspectVerdict } from '../../core/correlation/suspectMarks';
import { OtherEvent } from '../../core/events';
import { formatDuration, parseDuration, parseWhen } from '../../core/time';
import { askTime } from '../commands/declare';
import { CommandHandler, UserFacingError } from '../commandRegistry';
import { happened } from '../gettingStarted';
import { IncidentModel, IncidentRef } from '../incidentModel';
import { gitAdapter } from '../lazyAdapters';
import { resolveIncident } from '../incidentTarget';
import { requireTrustForGit } from '../trust';
import { suspectArgsOf, SuspectArgs } from './args';
import { SuspectLineDecorations } from './decorations';
import { EVIDENCE_EVENT } from '../../core/correlation/evidenceEvents';
import { openCommitDiff, openFileDiff } from './gitDocuments';
import { CorrelationRuns, RunState } from './runs';
import { whereNow } from './topSuspect';
import { widerWindow } from './suspectsSection';

export interface CorrelationCommandDeps {
  readonly model: IncidentModel;
  readonly runs: CorrelationRuns;
  readonly decorations: SuspectLineDecorations;
  readonly focused: () => string | undefined;
  /** Runs with a progress notification; the one path for every explicit run. */
  readonly runWithProgress: (ref: IncidentRef, options: { windowMs?: number; repo?: string }) => Promise<RunState>;
  readonly copied: (text: string) => void;
}

/** The incident the arguments name, or the user's pick (the focused incident first). */
function incidentOf(deps: CorrelationCommandDeps, arg: unknown): Promise<IncidentRef | undefined> {
  const incidentId = suspectArgsOf(arg).incidentId;
  return resolveIncident(deps.model, incidentId ? { incidentId } : undefined, { preferred: deps.focused() });
}

/** Every finished run, the incident's own first. */
function runsFirst(runs: CorrelationRuns, incidentId: string | undefined) {
  return runs.all().sort(([a], [b]) => Number(b === incidentId) - Number(a === incidentId));
}

/** A commit the last run read, by full or abbreviated sha, with the repository it is in. */
function knownCommit(runs: CorrelationRuns, sha: string, incidentId?: string): { repo: string; commit: Commit } | undefined {
  for (const [, done] of runsFirst(runs, incidentId)) {
    // the window's commits, then the earlier reverts its reasons name
    const commit =
      done.result.commits.get(sha) ??
      [...done.result.commits.values()].find((c) => c.sha.startsWith(sha)) ??
      done.result.pastReverts.find((c) => c.sha.startsWith(sha));
    if (commit) {
      return { repo: done.result.repo.topLevel, commit };
    }
  }
  return undefined;
}

function repoOf(deps: CorrelationCommandDeps, a: SuspectArgs, sha: string): string {
  if (a.repo) {
    return a.repo;
  }
  const found = knownCommit(deps.runs, sha, a.incidentId);
  if (found) {
    return found.repo;
  }
  const ref = a.incidentId ? deps.model.find(a.incidentId) : undefined;
  if (ref) {
    return deps.runs.repoFor(ref);
  }
  const first = vscode.workspace.workspaceFolders?.[0];
  if (!first) {
    throw new UserFacingError('Open the repository that was deployed to look at its commits.');
  }
  return first.uri.fsPath;
}

/** The sha from the arguments, or a pick among the incident's ranked suspects. */
async function shaOf(deps: CorrelationCommandDeps, a: SuspectArgs, ref?: IncidentRef): Promise<string | undefined> {
  if (a.sha) {
    return a.sha;
  }
  const target = ref ?? (await incidentOf(deps, a));
  if (!target) {
    return undefined;
  }
  const done = deps.runs.latest(target.incident.id);
  if (!done?.result.ranking.commits.length) {
    throw new UserFacingError(`No suspects for ${target.incident.id} yet: run "Correlate with Deploys" first.`);
  }
  const pick = await vscode.window.showQuickPick(
    done.result.ranking.commits.map((c) => ({
      label: `${c.shortSha} ${c.subject}`,
      description: `score ${c.score}`,
      detail: c.reasons.map((r) => r.text).join('; '),
      sha: c.sha,
    })),
    { placeHolder: 'Which commit?', matchOnDetail: true },
  );
  return pick?.sha;
}

/** warroom.correlate */
export function correlate(deps: CorrelationCommandDeps): CommandHandler {
  return async (arg?: unknown) => {
    requireTrustForGit();
    const a = suspectArgsOf(arg);
    const ref = await incidentOf(deps, arg);
    if (!ref) {
      return undefined;
    }
    let windowMs = a.windowMs;
    if (a.window !== undefined) {
      windowMs = parseDuration(a.window);
      if (!windowMs) {
        throw new UserFacingError(`"${a.window}" is not a window like 24h or 90m.`);
      }
    }
    const state = await deps.runWithProgress(ref, { windowMs, repo: a.repo });
    if (state.kind === 'failed') {
      throw new UserFacingError(state.message);
    }
    if (state.kind !== 'done') {
      return undefined;
    }
    const result = state.result;
    happened('correlated');
    if (result.emptyMessage) {
      const { ms: wider, label: button } = widerWindow(state.windowMs);
      void vscode.window.showInformationMessage(`${ref.incident.id}: ${result.emptyMessage}`, button).then((choice) => {
        if (choice === button) {
          void vscode.commands.executeCommand('warroom.correlate', { incidentId: ref.incident.id, windowMs: wider });
        }
      });
    }
    const shallow = result.warnings.find((w) => w.startsWith('shallow clone'));
    if (shallow) {
      const copy = 'Copy "git fetch --unshallow"';
      void vscode.window.showWarningMessage(shallow, copy).then((choice) => {
        if (choice === copy) {
          void vscode.env.clipboard.writeText('git fetch --unshallow');
        }
      });
    }
    return {
      incidentId: ref.incident.id,
      deploys: result.ranking.deploys.length,
      top: result.ranking.commits[0]?.sha,
      emptyMessage: result.emptyMessage,
    };
  };
}

/** warroom.openCommit */
export function openCommit(deps: CorrelationCommandDeps): CommandHandler {
  return async (arg?: unknown) => {
    requireTrustForGit();
    const a = suspectArgsOf(arg);
    const sha = await shaOf(deps, a);
    if (!sha) {
      return;
    }
    const repo = repoOf(deps, a, sha);
    const commit = knownCommit(deps.runs, sha, a.incidentId)?.commit;
    // A pull request's merge has no files of its own: show what the whole pull request changed.
    const change = commit && commit.parents.length > 1 ? knownChange(deps.runs, commit.sha, a.incidentId) : undefined;
    const files = change ? changeFiles(change) : commit && filesAsMoved(commit);
    await openCommitDiff(
      { repo, sha: commit?.sha ?? sha, parents: commit?.parents ?? [], subject: change?.title ?? commit?.subject ?? '' },
      files,
    );
    return { sha: commit?.sha ?? sha, files: files?.map((f) => f.path) ?? [] };
  };
}

/** The pull request a merge commit is the head of, in the incident's run first. */
function knownChange(runs: CorrelationRuns, mergeSha: string, incidentId?: string): RankedChange | undefined {
  for (const [, done] of runsFirst(runs, incidentId)) {
    const change = done.result.ranking.changes.find((c) => c.sha === mergeSha && c.commits.length > 1);
    if (change) {
      return change;
    }
  }
  return undefined;
}

function fileTarget(deps: CorrelationCommandDeps, a: SuspectArgs) {
  if (!a.sha || !a.path) {
    throw new UserFacingError('Pick a file under a suspect commit in the War Room view.');
  }
  const repo = repoOf(deps, a, a.sha);
  const commit = knownCommit(deps.runs, a.sha, a.incidentId)?.commit;
  // A file the commit moved is known by its new path, and where it came from.
  const file = commit && filesAsMoved(commit).find((f) => f.path === a.path);
  return { repo, sha: commit?.sha ?? a.sha, path: a.path, commit, file };
}

/** warroom.openSuspectFileDiff */
export function openSuspectFileDiff(deps: CorrelationCommandDeps): CommandHandler {
  return async (arg?: unknown) => {
    requireTrustForGit();
    const t = fileTarget(deps, suspectArgsOf(arg));
    await openFileDiff(
      { repo: t.repo, sha: t.sha, parents: t.commit?.parents ?? [`${t.sha}^`], subject: t.commit?.subject ?? '' },
      { path: t.path, status: t.file?.status ?? 'modified', from: t.file?.from },
    );
  };
}

/** warroom.openChangedLines */
export function openChangedLines(deps: CorrelationCommandDeps): CommandHandler {
  return async (arg?: unknown) => {
    requireTrustForGit();
    const t = fileTarget(deps, suspectArgsOf(arg));
    // Where the file is now: a later commit may have moved it (blame follows it there).
    const where = await whereNow(t.repo, t.sha, [t.path]);
    if (where === undefined) {
      throw new UserFacingError(`${t.path} is not in the working tree any more; open the commit's diff instead.`);
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(t.repo, where)));
    // The commit's lines where they are now (later commits and unsaved edits move them), as marked.
    const now = t.commit ? await deps.decorations.currentLines(document, t.repo, t.commit.sha, t.commit.committedAt, t.path) : undefined;
    // Blame failed (logged) or the commit is unknown: its own line numbers, as good a guess as any.
    const first = now ? now[0] : (await deps.decorations.changedLines(t.repo, t.sha, t.path))?.ranges[0];
    const selection = first ? new vscode.Range(first.start - 1, 0, first.end - 1, 0) : undefined;
    await vscode.window.showTextDocument(document, { preview: true, ...(selection ? { selection } : {}) });
    await deps.decorations.refresh();
    if (now && !now.length) {
      // Later commits or unsaved edits rewrote them all.
      void vscode.window.showInformationMessage(
        `No line of ${where} is still as ${t.sha.slice(0, 7)} left it; open the commit's diff to see its change.`,
      );
    }
  };
}

/** warroom.markSuspect, warroom.markCleared and warroom.markCause: one verdict each. */
export function markCommit(deps: CorrelationCommandDeps, verdict: SuspectVerdict): CommandHandler {
  return async (arg?: unknown) => {
    const a = suspectArgsOf(arg);
    const ref = await incidentOf(deps, arg);
    if (!ref) {
      return;
    }
    const sha = await shaOf(deps, a, ref);
    if (!sha) {
      return;
    }
    const known = knownCommit(deps.runs, sha, ref.incident.id)?.commit;
    const full = known?.sha ?? sha;
    if (full.length < 7) {
      throw new UserFacingError(`"${sha}" is too short to name a commit; use at least 7 characters.`);
    }
    // Named as the tree shows it (a merge by its pull request), so the timeline and the review say what was marked.
    const title = known && verdictTitle(known);
    await deps.model.append<OtherEvent>(ref, {
      type: 'suspect_marked',
      sha: full,
      verdict,
      ...(title ? { title } : {}),
      ...(a.note ? { note: a.note } : {}),
    });
  };
}

/** warroom.copyRevertCommand */
export function copyRevertCommand(deps: CorrelationCommandDeps): CommandHandler {
  return async (arg?: unknown) => {
    const a = suspectArgsOf(arg);
    const sha = await shaOf(deps, a);
    if (!sha) {
      return undefined;
    }
    let commit: { sha: string; parents: readonly string[] } | undefined = knownCommit(deps.runs, sha, a.incidentId)?.commit;
    if (!commit) {
      // Not among the suspects (a sha from the timeline): ask git whether it is a merge.
      const header = (await gitAdapter().commitText(repoOf(deps, a, sha), sha)).split('\n\n')[0];
      const merge = /^Merge: (.+)$/m.exec(header);
      commit = { sha: /^commit ([0-9a-f]+)/.exec(header)?.[1] ?? sha, parents: merge ? merge[1].split(' ') : [] };
    }
    const command = revertCommand(commit);
    await vscode.env.clipboard.writeText(command);
    deps.copied(command);
    void vscode.window.showInformationMessage(`Copied "${command}". War Room never runs it: review, then run it yourself.`);
    return command;
  };
}

/** warroom.addEvidence */
export function addEvidence(deps: CorrelationCommandDeps): CommandHandler {
  return async (arg?: unknown) => {
    const a = suspectArgsOf(arg);
    const ref = await incidentOf(deps, arg);
    if (!ref) {
      return undefined;
    }
    const text = a.text ?? (await askEvidence());
    if (!text?.trim()) {
      return undefined;
    }
    await deps.model.append<OtherEvent>(ref, { type: EVIDENCE_EVENT, text });
    if (!vscode.workspace.isTrusted) {
      return undefined; // kept for when the workspace is trusted: correlation runs no git before
    }
    const fresh = deps.model.find(ref.incident.id) ?? ref;
    return deps.runWithProgress(fresh, {}).then((s) => s.kind);
  };
}

/**
 * warroom.recordDeploy: a deploy the responder knows of (a CI run, a manual rollout, a rollback) as a
 * timeline entry naming its commit; correlation takes it as a deploy marker beside tags and the
 * deploy log. Arguments `{incidentId, sha, environment, at}` skip the questions (`sha`: anything git
 * resolves to a commit in the incident's repository; `at`: "now", "23:10", "20m ago" or ISO).
 */
export function recordDeploy(deps: CorrelationCommandDeps): CommandHandler {
  return async (arg?: unknown) => {
    requireTrustForGit();
    const ref = await incidentOf(deps, arg);
    if (!ref) {
      return undefined;
    }
    const given = arg && typeof arg === 'object' ? (arg as Record<string, unknown>) : {};
    const repo = deps.runs.repoFor(ref);
    const git = gitAdapter();
    const commit = typeof given.sha === 'string' ? await typedCommit(repo, given.sha) : await pickDeployedCommit(repo);
    if (!commit) {
      return undefined;
    }
    const environment = git.isEnvironmentName(given.environment) ? given.environment : await pickEnvironment(ref, commit.name);
    if (!environment) {
      return undefined;
    }
    const now = new Date();
    let deployedAt: Date | undefined;
    if (typeof given.at === 'string') {
      const parsed = parseWhen(given.at, now);
      if ('error' in parsed) {
        throw new UserFacingError(`When it was deployed: ${parsed.error}`);
      }
      deployedAt = parsed.time;
    } else {
      deployedAt = await askTime(`Deployed ${commit.name} to ${environment}: when?`, now);
    }
    if (!deployedAt) {
      return undefined;
    }
    const utcOffsetMinutes = ref.incident.utcOffsetMinutes ?? -now.getTimezoneOffset();
    // A commit picked from the list came with its time; one typed is asked of git once.
    const committedAt = commit.committedAt || (await git.commitTime(repo, commit.sha));
    const tooEarly = committedAt ? git.deployBeforeCommit({ ...commit, committedAt }, deployedAt, utcOffsetMinutes) : undefined;
    if (tooEarly) {
      throw new UserFacingError(tooEarly);
    }
    await deps.model.append(ref, git.deployEntry({ ...commit, environment, deployedAt, now, utcOffsetMinutes }));
    if (!deps.runs.state(ref.incident.id)) {
      // Never correlated: run now. One that has run goes again on its own with the new deploy.
      const fresh = deps.model.find(ref.incident.id) ?? ref;
      void deps.runWithProgress(fresh, {});
    }
    return commit.sha;

    /** The environments this repository's deploys and this incident's went to first, then the usual ones, or another. */
    async function pickEnvironment(ref: IncidentRef, name: string): Promise<string | undefined> {
      const { incident } = ref;
      const correlated = deps.runs.latest(incident.id)?.result.ranking.deploys.map((d) => d.deploy.environment) ?? [];
      const others = deps.model
        .all()
        .filter((r) => r.folder.uri.toString() === ref.folder.uri.toString() && r.incident.id !== incident.id)
        .map((r) => r.incident.events);
      const other = { label: '$(edit) Another environment…', environment: '' };
      const picked = await vscode.window.showQuickPick(
        [...git.environmentsOffered(incident.events, correlated, others).map((e) => ({ label: e, environment: e })), other],
        {
          title: `Deployed ${name} to`,
          placeHolder: 'Which environment?',
          // Asked from the timeline panel's Deploy… button too: the panel taking focus back must not dismiss it.
          ignoreFocusOut: true,
        },
      );
      if (picked !== other) {
        return picked?.environment;
      }
      return vscode.window
        .showInputBox({
          title: `Deployed ${name} to`,
          prompt: 'Which environment? A short lower-case name: letters, digits and dashes (prod-eu, preview).',
          ignoreFocusOut: true,
          validateInput: (text) =>
            git.isEnvironmentName(text.trim())
              ? undefined
              : 'A lower-case name of at most 31 letters, digits and dashes, starting with a letter.',
        })
        .then((text) => text?.trim() || undefined);
    }

    async function typedCommit(dir: string, revision: string): Promise<{ sha: string; name: string; committedAt?: string } | undefined> {
      const sha = await git.resolveCommit(dir, revision);
      if (!sha) {
        throw new UserFacingError(`${revision} is not a commit in ${path.basename(dir)}.`);
      }
      return { sha, name: git.deployName(revision, sha) };
    }

    async function pickDeployedCommit(dir: string): Promise<{ sha: string; name: string; committedAt?: string } | undefined> {
      const recent = await git.recentCommits(dir);
      const other = { label: '$(edit) Another commit or tag…', sha: '', name: '', committedAt: '' };
      const items = recent.map((c) => ({
        label: c.tags.length ? `$(tag) ${c.tags[0]}` : `$(git-commit) ${c.sha.slice(0, 7)}`,
        description: c.subject,
        detail: `${c.tags.length ? `${c.sha.slice(0, 7)} · ` : ''}committed ${formatDuration(Math.max(0, Date.now() - Date.parse(c.committedAt)))} ago`,
        sha: c.sha,
        name: c.tags[0] ?? c.sha.slice(0, 7),
        committedAt: c.committedAt,
      }));
      const picked = await vscode.window.showQuickPick([...items, other], {
        title: `Record a deploy for "${ref?.incident.title}"`,
        placeHolder: 'Which commit was deployed?',
        matchOnDescription: true,
        matchOnDetail: true,
        ignoreFocusOut: true,
      });
      if (!picked) {
        return undefined;
      }
      if (picked !== other) {
        return { sha: picked.sha, name: picked.name, committedAt: picked.committedAt };
      }
      const typed = await vscode.window.showInputBox({
        title: 'Record a deploy',
        prompt: 'The commit that was deployed: a sha, a tag or a branch',
        placeHolder: 'v2.4.1',
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : 'Type a sha or a tag, or press Escape'),
      });
      return typed?.trim() ? typedCommit(dir, typed) : undefined;
    }
  };
}

/** warroom.showReleases */
export function showReleases(deps: CorrelationCommandDeps): CommandHandler {
  return async (arg?: unknown): Promise<readonly ReleaseRef[] | undefined> => {
    requireTrustForGit();
    const a = suspectArgsOf(arg);
    const sha = await shaOf(deps, a);
    if (!sha) {
      return undefined;
    }
    const repo = repoOf(deps, a, sha);
    const short = sha.slice(0, 7);
    const releases = await gitAdapter().releasesContaining(repo, knownCommit(deps.runs, sha, a.incidentId)?.commit.sha ?? sha);
    if (!releases.length) {
      void vscode.window.showInformationMessage(`${short} is in no release yet: it was not shipped by a release tag.`);
      return releases;
    }
    void vscode.window.showQuickPick(
      releases.map((r) => ({ label: r.tag, description: new Date(r.at).toLocaleString() })),
      {
        placeHolder: `Releases containing ${short}, nearest first`,
      },
    );
    return releases;
  };
}

/** A stack trace or log lines: from the clipboard, the editor's selection, or typed. */
async function askEvidence(): Promise<string | undefined> {
  const clipboard = (await vscode.env.clipboard.readText()).trim();
  const editor = vscode.window.activeTextEditor;
  const selection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
  const items: (vscode.QuickPickItem & { text?: string })[] = [];
  if (clipboard) {
    items.push({ label: '$(clippy) From the clipboard', detail: clipboard.split('\n').slice(0, 2).join(' ⏎ '), text: clipboard });
  }
  if (selection && editor) {
    items.push({
      label: `$(selection) The selection in ${path.basename(editor.document.fileName)}`,
      detail: selection.split('\n')[0],
      text: selection,
    });
  }
  items.push({ label: '$(edit) Type or paste one line…' });
  const pick =
    items.length === 1
      ? items[0]
      : await vscode.window.showQuickPick(items, { placeHolder: 'Evidence: a stack trace or log lines that point at code' });
  if (!pick) {
    return undefined;
  }
  return (
    pick.text ??
    vscode.window.showInputBox({
      prompt: 'A stack trace line or log line (e.g. "at charge (/app/src/payments/charge.ts:42:13)")',
      ignoreFocusOut: true,
    })
  );
}
