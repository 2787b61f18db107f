// A Markdown runbook that only points elsewhere ("This runbook has been moved to [X](../x.md)"),
// as renamed alerts leave behind: its notice and link, so the UI shows where to go instead of an
// empty runbook, and can follow a relative link to the runbook it names.

import { MarkdownBlock } from './markdownBlocks';
import { RunbookNotice } from './model';
import { normalizePath } from './references';
import { plainInline } from './text';

const MOVED =
  /\b(?:has|have|was|were|is|are)\s+(?:been\s+|now\s+)?(?:moved|migrated|relocated|merged)\b|\bnow lives\b|\bmoved (?:to|into)\b/i;
/** More prose than this besides the notice means the page is a runbook that merely mentions a move. */
const MAX_OTHER_LINES = 2;

/** The notice when the page's whole content is a short "moved to" paragraph with a link; otherwise undefined. */
export function movedNoticeOf(
  blocks: readonly MarkdownBlock[],
  file: string,
  defs: ReadonlyMap<string, string>,
): RunbookNotice | undefined {
  // Runs on every Markdown file: most pages have code or more than a few lines, and stop here early.
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.type === 'code') {
      return undefined;
    }
    if (block.type !== 'text') {
      continue;
    }
    const line = block.text.replace(/^\s*(?:>\s*)+/, '').trim();
    if (line && !/^\*{0,2}(note|warning|info|important)\*{0,2}:?$/i.test(line) && !/^<!--.*-->$/.test(line)) {
      lines.push(line);
      if (lines.length > MAX_OTHER_LINES + 3) {
        return undefined;
      }
    }
  }
  const at = lines.findIndex((l) => MOVED.test(l));
  if (at < 0) {
    return undefined;
  }
  // The notice's paragraph: the moved line and the lines that follow it up to the link.
  const paragraph = lines.slice(at, at + 3).join(' ');
  const link = firstLink(paragraph, defs);
  const usedLines = link ? Math.min(3, lines.length - at) : 1;
  if (!link || lines.length - usedLines > MAX_OTHER_LINES) {
    return undefined;
  }
  const target = workspaceTarget(file, link.url);
  return { text: plainInline(paragraph), link, ...(target ? { target } : {}) };
}

function firstLink(text: string, defs: ReadonlyMap<string, string>): { title: string; url: string } | undefined {
  const inline = /\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/.exec(text);
  if (inline) {
    return { title: plainInline(inline[1]) || inline[2], url: inline[2] };
  }
  for (const m of text.matchAll(/\[([^\]]+)\](?:\[([^\]]*)\])?/g)) {
    const url = defs.get((m[2] || m[1]).toLowerCase());
    if (url) {
      return { title: plainInline(m[1]), url };
    }
  }
  const bare = /\bhttps?:\/\/[^\s)<>\]"'`]+/.exec(text);
  return bare ? { title: bare[0], url: bare[0].replace(/[.,;:]+$/, '') } : undefined;
}

/** A relative link as a workspace-relative path; undefined for URLs and for paths that climb out of the workspace. */
function workspaceTarget(file: string, url: string): string | undefined {
  const pathPart = url.split('#')[0].split('?')[0];
  if (!pathPart || /^[a-z][a-z0-9+.-]*:/i.test(pathPart) || pathPart.startsWith('/')) {
    return undefined;
  }
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const target = normalizePath(dir ? `${dir}/${pathPart}` : pathPart);
  return target && !target.startsWith('..') ? target : undefined;
}

/**
 * The indexed runbook a notice's link names: the file itself, or the same path with a Markdown
 * extension or `index.md` (links often drop them); undefined when the link leads outside the index.
 */
export function noticeTargetIn<R extends { readonly file: string; readonly anchor?: string }>(
  runbooks: readonly R[],
  notice: RunbookNotice,
): R | undefined {
  const target = notice.target?.replace(/\/$/, '');
  if (!target) {
    return undefined;
  }
  const anchor = notice.link.url.split('#')[1]?.toLowerCase();
  const candidates = [target, `${target}.md`, `${target}/index.md`, `${target}/README.md`, `${target}/_index.md`];
  const inFile = runbooks.filter((r) => candidates.includes(r.file));
  return (anchor ? inFile.find((r) => r.anchor === anchor) : undefined) ?? inFile[0];
}
