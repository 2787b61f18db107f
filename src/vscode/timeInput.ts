// What a time box says under what is typed: the error, the note when the reading took a choice (a
// clock time that happened twice), or, when asked, how the time was read ("9:40" at 00:10 is last night).
import * as vscode from 'vscode';
import { ParsedTime } from '../core/time';

export function timeInputMessage(parsed: ParsedTime, echo: boolean): string | vscode.InputBoxValidationMessage | undefined {
  if ('error' in parsed) return parsed.error;
  if (parsed.note) return { message: parsed.note, severity: vscode.InputBoxValidationSeverity.Warning };
  return echo ? { message: parsed.time.toLocaleString(), severity: vscode.InputBoxValidationSeverity.Info } : undefined;
}
