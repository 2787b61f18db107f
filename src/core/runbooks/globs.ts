/** Where runbooks are looked for by default (setting `warroom.runbooks.globs`). */
export const DEFAULT_RUNBOOK_GLOBS: readonly string[] = ['runbooks/**', 'docs/runbooks/**', '**/*.runbook.{md,yml,yaml,json}'];
