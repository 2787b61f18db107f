// Typed reads of the `warroom.correlation.*` settings (and the service→paths map they share with Declare).
import * as vscode from 'vscode';
import { DEFAULT_WINDOW_MS } from '../../core/correlation/window';
import { parseDuration } from '../../core/time';

export interface CorrelationSettings {
  readonly windowMs: number;
  /** Set when the configured window could not be read, so the user learns why 24 h was used. */
  readonly windowProblem?: string;
  readonly releaseTags?: readonly string[];
  readonly deployTags?: readonly string[];
  readonly deployLog?: string;
  readonly services: Readonly<Record<string, readonly string[]>>;
}

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;

export function correlationSettings(folder: vscode.WorkspaceFolder): CorrelationSettings {
  const all = vscode.workspace.getConfiguration('warroom', folder);
  const windowText = all.get<string>('correlation.window') ?? '24h';
  const parsed = parseDuration(windowText);
  // fromEntries makes each name an own property, `__proto__` too (an assignment would set the prototype).
  const services: Record<string, string[]> = Object.fromEntries(
    Object.entries(all.get<Record<string, unknown>>('services') ?? {}).flatMap(([name, globs]) => {
      const list = strings(globs);
      return list ? [[name, list]] : [];
    }),
  );
  // Empty lists mean "the adapter's defaults", not "no tags at all": an empty setting is a reset.
  const releaseTags = strings(all.get('correlation.releaseTags'));
  const deployTags = strings(all.get('correlation.deployTags'));
  const deployLog = all.get<string>('correlation.deployLog')?.trim();
  return {
    windowMs: parsed && parsed > 0 ? parsed : DEFAULT_WINDOW_MS,
    ...(parsed && parsed > 0
      ? {}
      : { windowProblem: `warroom.correlation.window "${windowText}" is not a duration like 24h or 90m; using 24h` }),
    ...(releaseTags?.length ? { releaseTags } : {}),
    ...(deployTags?.length ? { deployTags } : {}),
    ...(deployLog ? { deployLog } : {}),
    services,
  };
}
