// Where an alert's `runbook_url` / `runbook` annotation points in the workspace: a relative path
// (`runbooks/x.md`), a file URL under the folder, or a repository web URL (GitHub / GitLab / Gitea
// `.../blob/<ref>/runbooks/x.md`) whose path names a file in the folder. Pure: the caller checks
// that the file exists and is a runbook. A link that would leave the folder is refused, never followed.

import { Alert, RUNBOOK_ANNOTATIONS } from './alert';

export type RunbookLinkVia = 'relative path' | 'file URL' | 'repository URL';

export type WorkspaceRunbookLink =
  { readonly relative: string; readonly via: RunbookLinkVia } | { readonly refused: string; readonly via: RunbookLinkVia };

/** `a/./b/../c` -> `a/c`; undefined when `..` climbs above the start. */
function normalise(segments: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const s of segments) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(s);
  }
  return out;
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

const withoutAnchor = (text: string): string => text.split('#')[0].split('?')[0];

/** The folder as `/`-separated segments, from a POSIX or Windows path (`C:\ws` -> `c:`, `ws`). */
function rootSegments(folderPath: string): string[] {
  const unified = folderPath.replace(/\\/g, '/').replace(/^\/?([A-Za-z]):/, (_m, d: string) => `${d.toLowerCase()}:`);
  return unified.split('/').filter(Boolean);
}

/**
 * Where `link` points inside the folder at `folderPath` (the folder's own path on disk), as a
 * `/`-separated path relative to it; `refused` (with why) for a path or file URL that leaves the
 * folder; undefined for a link that does not point into a workspace at all (a wiki page).
 */
export function workspaceRunbookPath(link: string, folderPath: string): WorkspaceRunbookLink | undefined {
  const text = link.trim();
  if (!text) return undefined;
  if (text.startsWith('/') || text.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(text) || text.startsWith('~')) {
    return { refused: 'an absolute path, not one in the workspace', via: 'relative path' };
  }
  if (/^file:/i.test(text)) {
    const path = decode(withoutAnchor(text).replace(/^file:(\/\/[^/]*)?/i, ''));
    if (path === undefined) return { refused: 'not a readable file URL', via: 'file URL' };
    const segments = normalise(rootSegments(path));
    const root = rootSegments(folderPath);
    const inside = segments !== undefined && segments.length > root.length && root.every((s, i) => s === segments[i]);
    if (!segments || !inside) return { refused: 'outside the workspace folder', via: 'file URL' };
    return { relative: segments.slice(root.length).join('/'), via: 'file URL' };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    if (!/^https?:\/\//i.test(text)) return undefined;
    // Only a repository's file view names a path in a checkout: `/blob/<ref>/`, `/-/blob/<ref>/` (GitLab), `/src/branch/<ref>/` (Gitea).
    const path = decode(withoutAnchor(text).replace(/^https?:\/\/[^/]+/i, ''));
    const match = path === undefined ? null : /\/(?:-\/)?(?:blob|raw)\/[^/]+\/(.+)$|\/src\/(?:branch|commit|tag)\/[^/]+\/(.+)$/.exec(path);
    if (!match) return undefined;
    const segments = normalise((match[1] ?? match[2]).split('/'));
    if (!segments?.length) return { refused: 'outside the repository', via: 'repository URL' };
    return { relative: segments.join('/'), via: 'repository URL' };
  }
  const plain = decode(withoutAnchor(text));
  const segments = plain === undefined ? undefined : normalise(plain.replace(/\\/g, '/').split('/'));
  if (!segments) return { refused: 'outside the workspace folder', via: 'relative path' };
  if (segments.length === 0) return undefined;
  return { relative: segments.join('/'), via: 'relative path' };
}

export interface AlertRunbookLink {
  /** The annotation it came from (`runbook_url`, `runbook`). */
  readonly annotation: string;
  readonly link: string;
  readonly resolved: WorkspaceRunbookLink;
}

/** Each runbook annotation of the alert with where it points in the folder (those pointing elsewhere left out). */
export function alertRunbookLinks(alert: Pick<Alert, 'annotations'>, folderPath: string): AlertRunbookLink[] {
  const seen = new Set<string>();
  const out: AlertRunbookLink[] = [];
  for (const annotation of RUNBOOK_ANNOTATIONS) {
    const link = alert.annotations[annotation]?.trim();
    if (!link || seen.has(link)) continue;
    seen.add(link);
    const resolved = workspaceRunbookPath(link, folderPath);
    if (resolved) out.push({ annotation, link, resolved });
  }
  return out;
}

/** Why the runbook was linked, as the runbook section shows it. */
export function runbookLinkReason(alertName: string, link: AlertRunbookLink): string {
  return `alert ${alertName}'s annotations.${link.annotation} points to this runbook (${link.link})`;
}
