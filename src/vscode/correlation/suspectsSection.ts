// "Suspect deploys" under each incident: first the most suspect changes as they were merged (a pull
// request → its commits → files, or a commit that came alone), then deploy → commits (score, reasons,
// verdict) → files. Plain rows built from the cached run; expanding the section the first time starts a run.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { markdownLiteral } from '../../core/text/strings';
import { filesAsMoved, MovedFileChange } from '../../core/correlation/moves';
import { branchCommits, changeTitle, mergeLabel, RankedChange } from '../../core/correlation/changes';
import type { RankedCommit, RankedDeploy, Reason } from '../../core/correlation/rank';
import { foldSuspectMarks, SuspectMark, SuspectMarks, verdictFor } from '../../core/correlation/suspectMarks';
import { NO_DEPLOYS_MARKED } from '../../core/correlation/warnings';
import { formatWindow } from '../../core/correlation/window';
import { Incident, isActive } from '../../core/incident';
import { beforeOrAfter } from '../../core/time';
import { IncidentSection, TreeNode } from '../treeNodes';
import { OPEN_COMMIT_COMMAND } from '../panels/jumps';
import { MANAGE_TRUST, UNTRUSTED_GIT_MESSAGE } from '../trust';
import { DoneRun, RunState } from './runs';
import { count } from '../../core/text/count';

/** What commands invoked on a suspect row act on (see `suspectArgsOf`). */
export interface SuspectRowData {
  readonly repo: string;
  readonly sha: string;
  readonly path?: string;
}

const VERDICT_ICONS: Readonly<Record<SuspectMark['verdict'] | 'none', vscode.ThemeIcon>> = {
  none: new vscode.ThemeIcon('git-commit'),
  suspect: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  cause: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  cleared: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
};

/** What every row of one incident's finished run is drawn from. */
interface RunRows {
  readonly incident: Incident;
  readonly folder: vscode.WorkspaceFolder;
  /** The repository's top level (rows' `data.repo`). */
  readonly repo: string;
  readonly marks: SuspectMarks;
  readonly done: DoneRun;
}

/** A pull request's icon says the strongest verdict on any of its commits. */
const CHANGE_ICONS: Readonly<Record<SuspectMark['verdict'] | 'none', vscode.ThemeIcon>> = {
  none: new vscode.ThemeIcon('git-pull-request'),
  suspect: new vscode.ThemeIcon('git-pull-request', new vscode.ThemeColor('list.warningForeground')),
  cause: new vscode.ThemeIcon('git-pull-request', new vscode.ThemeColor('list.errorForeground')),
  cleared: new vscode.ThemeIcon('git-pull-request', new vscode.ThemeColor('testing.iconPassed')),
};

/** How many changes "Most suspect changes" lists; the rest are under their deploys. */
export const TOP_CHANGES = 5;

function changeVerdict(change: RankedChange, marks: SuspectMarks): SuspectMark['verdict'] | 'none' {
  const verdicts = change.commits.map((c) => verdictFor(marks, c.sha)?.verdict);
  for (const v of ['cause', 'suspect'] as const) {
    if (verdicts.includes(v)) {
      return v;
    }
  }
  return verdicts.some((v) => v === 'cleared') ? 'cleared' : 'none';
}

/** `undone by 7ca2172` when a revert had undone it before the start: why its score is 0 (or half), at a glance. */
function undoneNote(reasons: readonly Reason[]): string | undefined {
  const sha = reasons.find((r) => r.factor === 'undone')?.shas?.[0];
  return sha ? `undone by ${sha.slice(0, 7)}` : undefined;
}

/**
 * A suspect's score and its reasons, as the tooltip shows them. The commits a reason names (a revert,
 * follow-ups) link to their diff when `commitsOf` says which incident and repository they are in.
 */
function reasonsMarkdown(
  title: string,
  score: number,
  reasons: readonly Reason[],
  commitsOf?: { readonly incidentId: string; readonly repo: string },
): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown('**').appendMarkdown(markdownLiteral(title)).appendMarkdown(`**, score ${score}\n\n`);
  for (const reason of reasons) {
    let text = markdownLiteral(reason.text);
    for (const sha of commitsOf ? (reason.shas ?? []) : []) {
      // parentheses too: one in the repository's path would end the link
      const args = encodeURIComponent(JSON.stringify([{ ...commitsOf, sha }]))
        .replace(/\(/g, '%28')
        .replace(/\)/g, '%29');
      // a short sha is hex: the escaping left it as it was
      text = text.replace(
        new RegExp(`\\b${sha.slice(0, 7)}\\b`),
        `[${sha.slice(0, 7)}](command:${OPEN_COMMIT_COMMAND}?${args} "Open Commit Diff")`,
      );
    }
    md.appendMarkdown(`- ${reason.points > 0 ? `+${reason.points}` : reason.points === 0 ? '·' : String(reason.points)} `)
      .appendMarkdown(text)
      .appendMarkdown('\n');
  }
  if (commitsOf && reasons.some((r) => r.shas?.length)) {
    md.isTrusted = { enabledCommands: [OPEN_COMMIT_COMMAND] };
  }
  return md;
}

/** The next window to try after an empty one: 72 h, or three times a window already that wide. */
export function widerWindow(windowMs: number): { readonly ms: number; readonly label: string } {
  const ms = Math.max(72 * 3_600_000, windowMs * 3);
  // Hours read better than "3 d" next to the "24 h" the user started from.
  return { ms, label: `Widen to ${ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : formatWindow(ms)}` };
}

/** The most suspect change: its pull request's number when it has one, else its most suspect commit. */
function topChange(done: DoneRun): string {
  const top = done.result.ranking.changes[0];
  return top ? (top.pullRequest ?? top.commits[0].shortSha) : 'none';
}

export class SuspectsSection implements IncidentSection {
  readonly id = 'suspects';

  constructor(
    private readonly state: (incidentId: string) => RunState | undefined,
    private readonly latest: (incidentId: string) => DoneRun | undefined,
    /** Starts a run when the section is first expanded and nothing ran yet. */
    private readonly startRun: (incidentId: string) => void,
  ) {}

  nodes(incident: Incident, folder: vscode.WorkspaceFolder): TreeNode | undefined {
    const state = this.state(incident.id);
    const done = this.latest(incident.id);
    const base = `${folder.uri.toString()}:${incident.id}`;
    const common = { incidentId: incident.id, folder };
    let description: string;
    let flag: string;
    if (state?.kind === 'running') {
      description = done ? 're-ranking…' : 'correlating…';
      flag = 'running';
    } else if (state?.kind === 'failed') {
      description = state.message;
      flag = 'failed';
    } else if (done) {
      const deploys = done.result.ranking.deploys.length;
      const landed = done.result.ranking.commits.length;
      description =
        done.result.emptyMessage ??
        (deploys
          ? `${count(deploys, 'deploy')} in ${formatWindow(done.windowMs)} · top ${topChange(done)}`
          : `${count(landed, 'commit')} landed in ${formatWindow(done.windowMs)}, no deploys marked · top ${topChange(done)}`);
      flag = done.result.emptyMessage ? 'empty' : 'done';
    } else if (!vscode.workspace.isTrusted) {
      description = 'trust the workspace to correlate';
      flag = 'untrusted';
    } else {
      description = isActive(incident) ? 'expand to correlate' : 'not correlated';
      flag = 'idle';
    }
    return {
      id: `suspects:${base}`,
      label: 'Suspect deploys',
      description,
      icon: new vscode.ThemeIcon(state?.kind === 'running' ? 'loading~spin' : 'rocket'),
      contextValue: `section;suspects;${flag}`,
      ...common,
      expanded: done !== undefined && !done.result.emptyMessage,
      children: () => {
        if (flag === 'untrusted') {
          return [this.messageRow(base, flag, UNTRUSTED_GIT_MESSAGE, 'shield', incident, folder, MANAGE_TRUST)];
        }
        if (!state && isActive(incident)) {
          this.startRun(incident.id);
          return [this.messageRow(base, 'running', 'Correlating with deploys…', 'loading~spin', incident, folder)];
        }
        return this.children(incident, folder, base, state, done);
      },
    };
  }

  private children(
    incident: Incident,
    folder: vscode.WorkspaceFolder,
    base: string,
    state: RunState | undefined,
    done: DoneRun | undefined,
  ): TreeNode[] {
    const rows: TreeNode[] = [];
    if (state?.kind === 'failed') {
      rows.push(
        this.messageRow(base, 'failed', state.message, 'error', incident, folder, {
          command: 'warroom.correlate',
          title: 'Try Again',
          arguments: [{ incidentId: incident.id }],
        }),
      );
    }
    if (!done) {
      if (!state) {
        rows.push(
          this.messageRow(base, 'idle', 'Correlate with deploys', 'play', incident, folder, {
            command: 'warroom.correlate',
            title: 'Correlate',
            arguments: [{ incidentId: incident.id }],
          }),
        );
      }
      return rows;
    }
    for (const warning of done.result.warnings) {
      // Nothing marks a deploy: a click records one the responder knows of.
      const record = warning.startsWith(NO_DEPLOYS_MARKED)
        ? { command: 'warroom.recordDeploy', title: 'Record a Deploy…', arguments: [{ incidentId: incident.id }] }
        : undefined;
      rows.push(this.messageRow(base, 'warning', warning, 'warning', incident, folder, record));
    }
    if (done.result.emptyMessage) {
      const wider = widerWindow(done.windowMs);
      rows.push(
        this.messageRow(base, 'empty', `${done.result.emptyMessage} ${wider.label}`, 'search', incident, folder, {
          command: 'warroom.correlate',
          title: wider.label,
          arguments: [{ incidentId: incident.id, windowMs: wider.ms }],
        }),
      );
      return rows;
    }
    const run: RunRows = { incident, folder, repo: done.result.repo.topLevel, marks: foldSuspectMarks(incident.events), done };
    if (done.result.ranking.changes.length) {
      rows.push(this.changesRow(run, base));
    }
    for (const ranked of done.result.ranking.deploys) {
      rows.push(this.deployRow(ranked, run, base));
    }
    const undeployed = done.result.ranking.commits.filter(
      (c) => !c.deploy && !done.result.ranking.deploys.some((d) => d.commits.some((dc) => dc.sha === c.sha)),
    );
    if (undeployed.length) {
      const key = `${base}:undeployed`;
      rows.push({
        id: `suspect-deploy:${key}`,
        label: 'Not deployed in the window',
        description: count(undeployed.length, 'commit'),
        icon: new vscode.ThemeIcon('circle-slash'),
        contextValue: 'suspect-deploy;undeployed',
        incidentId: incident.id,
        folder,
        children: () => undeployed.map((c) => this.commitRow(c, run, key)),
      });
    }
    return rows;
  }

  /** What a responder reverts, most suspect first: a pull request with its commits, or a commit that came alone. */
  private changesRow(run: RunRows, base: string): TreeNode {
    const { incident, folder, done } = run;
    const all = done.result.ranking.changes;
    const shown = all.slice(0, TOP_CHANGES);
    const key = `${base}:changes`;
    const pulls = all.filter((c) => c.kind === 'pull-request').length;
    return {
      id: `suspect-changes:${key}`,
      label: 'Most suspect changes',
      // A history of single commits (no merges) has no pull requests to count: a zero there reads as noise.
      description: `${all.length > shown.length ? `top ${shown.length} of ${all.length}` : count(all.length, 'change')}${pulls ? ` · ${count(pulls, 'pull request')}` : ''}`,
      tooltip:
        'Suspects as they were merged: each pull request with the commits it brought, or a commit that reached the branch alone. What one revert undoes; most suspect first.',
      icon: new vscode.ThemeIcon('list-ordered'),
      contextValue: 'suspect-group;changes',
      incidentId: incident.id,
      folder,
      expanded: true,
      children: () =>
        shown.map((c, i) =>
          c.kind === 'commit' ? this.commitRow(c.commits[0], run, key, true) : this.pullRequestRow(c, i === 0, run, key),
        ),
    };
  }

  private pullRequestRow(c: RankedChange, top: boolean, run: RunRows, parentKey: string): TreeNode {
    const { incident, folder, repo, marks } = run;
    const branch = c.commits.filter((m) => m.sha !== c.sha);
    const merged = c.commits.find((m) => m.sha === c.sha);
    const name = c.pullRequest ? `Pull request ${c.pullRequest}` : `Merge ${c.shortSha}`;
    const tooltip = reasonsMarkdown(`${name}: ${c.title}`, c.score, c.reasons, { incidentId: run.incident.id, repo: run.repo });
    tooltip
      .appendMarkdown('\n')
      .appendMarkdown(markdownLiteral(merged ? `${c.subject}, merged ${new Date(merged.committedAt).toLocaleString()}` : c.subject));
    tooltip.appendMarkdown('\n\nRevert it all: ').appendMarkdown(`\`${c.revertCommand}\``);
    const verdict = changeVerdict(c, marks);
    const key = `${parentKey}:${c.sha}`;
    return {
      id: `suspect-change:${key}`,
      label: c.pullRequest ? mergeLabel(c.subject, c.title) : `${c.shortSha} ${c.title}`,
      description: [
        `score ${c.score}`,
        undoneNote(c.reasons),
        branchCommits(c),
        merged ? `merged ${beforeOrAfter(merged.committedAt, incident.startedAt)}` : undefined,
        verdict === 'none' ? undefined : verdict,
      ]
        .filter(Boolean)
        .join(' · '),
      tooltip,
      icon: CHANGE_ICONS[verdict],
      contextValue: `suspect-change;pull-request;verdict-${verdict}`,
      incidentId: incident.id,
      folder,
      data: { repo, sha: c.sha } satisfies SuspectRowData,
      command: {
        command: OPEN_COMMIT_COMMAND,
        title: 'Open Pull Request Diff',
        arguments: [{ incidentId: incident.id, repo, sha: c.sha }],
      },
      expanded: top,
      children: branch.length ? () => branch.map((m) => this.commitRow(m, run, key)) : undefined,
    };
  }

  private deployRow(ranked: RankedDeploy, run: RunRows, base: string): TreeNode {
    const { incident, folder, repo, done } = run;
    const d = ranked.deploy;
    const key = `${base}:${d.kind}:${d.sha}:${d.environment}:${d.name}`;
    // A deploy of what another deploy had shipped already (a deploy recorded of a released tag): says so,
    // rather than a score of nothing and a row that opens on nothing.
    const earlier = ranked.commits.length
      ? undefined
      : done.result.ranking.deploys.find((o) => o !== ranked && o.deploy.commits.includes(d.sha))?.deploy;
    const when = `${d.environment} · ${beforeOrAfter(d.at, incident.startedAt)}`;
    return {
      id: `suspect-deploy:${key}`,
      label: d.kind === 'merge' ? mergeLabel(d.name, changeTitle(d.name, done.result.commits.get(d.sha)?.body)) : d.name,
      description: ranked.commits.length
        ? `${when} · score ${ranked.score}`
        : `${when} · nothing new${earlier ? `: ${earlier.name} shipped it` : ''}`,
      tooltip: reasonsMarkdown(
        `${d.name} (${d.sha.slice(0, 7)}), ${d.environment}, ${new Date(d.at).toLocaleString()}`,
        ranked.score,
        ranked.reasons,
      ),
      icon: new vscode.ThemeIcon(d.kind === 'release-tag' || d.kind === 'deploy-tag' ? 'tag' : d.kind === 'merge' ? 'git-merge' : 'rocket'),
      contextValue: `suspect-deploy;${d.kind}`,
      incidentId: incident.id,
      folder,
      data: { repo, sha: d.sha } satisfies SuspectRowData,
      // Collapsed: the most suspect changes above already show what to look at first.
      expanded: false,
      children: ranked.commits.length ? () => ranked.commits.map((c) => this.commitRow(c, run, key)) : undefined,
    };
  }

  /**
   * A commit's row; `alone` (a change of its own among the most suspect, not under the pull request
   * or deploy whose row already says when) adds when it reached the branch as its ranking saw it.
   */
  private commitRow(c: RankedCommit, run: RunRows, parentKey: string, alone = false): TreeNode {
    const { incident, folder, repo, marks, done } = run;
    const mark = verdictFor(marks, c.sha);
    const verdict = mark?.verdict ?? 'none';
    const releases = done.releases.get(c.sha);
    const tooltip = reasonsMarkdown(`${c.shortSha} ${c.subject}`, c.score, c.reasons, { incidentId: incident.id, repo });
    tooltip.appendMarkdown('\n').appendMarkdown(markdownLiteral(`${c.author}, committed ${new Date(c.committedAt).toLocaleString()}`));
    if (releases) {
      tooltip
        .appendMarkdown('\n\n$(tag) ')
        .appendMarkdown(markdownLiteral(releases.length ? `in ${releases.map((r) => r.tag).join(', ')}` : 'in no release yet'));
    }
    if (mark) {
      tooltip
        .appendMarkdown('\n\n')
        .appendMarkdown(markdownLiteral(`Marked ${mark.verdict} by ${mark.by}${mark.note ? `: ${mark.note}` : ''}`));
    }
    const files = c.files;
    return {
      id: `suspect-commit:${parentKey}:${c.sha}`,
      label: `${c.shortSha} ${c.subject}`,
      description: [
        `score ${c.score}`,
        undoneNote(c.reasons),
        c.author,
        alone ? landed(c, incident.startedAt) : undefined,
        mark ? mark.verdict : undefined,
        releases?.[0] ? `in ${releases[0].tag}` : undefined,
      ]
        .filter(Boolean)
        .join(' · '),
      tooltip,
      icon: VERDICT_ICONS[verdict],
      contextValue: `suspect-commit;verdict-${verdict}${c.isMerge ? ';merge' : ''}`,
      incidentId: incident.id,
      folder,
      data: { repo, sha: c.sha } satisfies SuspectRowData,
      command: { command: OPEN_COMMIT_COMMAND, title: 'Open Commit Diff', arguments: [{ incidentId: incident.id, repo, sha: c.sha }] },
      children: files.length ? () => filesAsMoved(c).map((f) => this.fileRow(f, c, run, parentKey)) : undefined,
    };
  }

  private fileRow(f: MovedFileChange, c: RankedCommit, run: RunRows, parentKey: string): TreeNode {
    const { incident, folder, repo } = run;
    const dir = path.posix.dirname(f.path);
    const counts = f.binary && f.from === undefined ? 'binary' : f.submodule ? 'submodule' : `+${f.additions} −${f.deletions}`;
    const moved = f.from === undefined ? '' : `moved from ${f.from} · `;
    return {
      id: `suspect-file:${parentKey}:${c.sha}:${f.path}`,
      label: path.posix.basename(f.path),
      description: `${dir === '.' ? '' : `${dir} · `}${moved}${counts}`,
      tooltip: `${f.path} (${f.from === undefined ? f.status : `moved from ${f.from}`}) in ${c.shortSha}`,
      resourceUri: vscode.Uri.file(path.join(repo, f.path)),
      contextValue: `suspect-file;${f.status}`,
      incidentId: incident.id,
      folder,
      data: { repo, sha: c.sha, path: f.path } satisfies SuspectRowData,
      command: {
        command: 'warroom.openSuspectFileDiff',
        title: 'Open File Diff',
        arguments: [{ incidentId: incident.id, repo, sha: c.sha, path: f.path }],
      },
    };
  }

  private messageRow(
    base: string,
    flag: string,
    text: string,
    icon: string,
    incident: Incident,
    folder: vscode.WorkspaceFolder,
    command?: vscode.Command,
  ): TreeNode {
    return {
      id: `suspect-message:${base}:${flag}:${text}`,
      label: text,
      tooltip: text,
      icon: new vscode.ThemeIcon(icon),
      contextValue: `suspect-message;${flag}`,
      incidentId: incident.id,
      folder,
      ...(command ? { command } : {}),
    };
  }
}

/**
 * When a commit that came alone reached users, as its ranking saw it: shipped by a deploy before the
 * start; shipped only after it; else its own commit time (written after the start, no deploy shipped
 * it, or pushed straight to the branch ahead of a merge after the start, which counts as not shipped).
 */
function landed(c: RankedCommit, startedAt: string): string {
  const committed = `committed ${beforeOrAfter(c.committedAt, startedAt)}`;
  const start = Date.parse(startedAt);
  if (!c.deploy || Date.parse(c.committedAt) > start) {
    return committed;
  }
  const shipped = `shipped ${beforeOrAfter(c.deploy.at, startedAt)}`;
  return Date.parse(c.deploy.at) <= start || !c.reasons.some((r) => r.factor === 'not-deployed') ? shipped : committed;
}
