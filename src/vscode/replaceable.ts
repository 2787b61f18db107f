// A collaborator the integration tests replace, such as a modal question or a picker: no extension
// code can click a modal. `current` is what the feature calls; a test's `use` swaps it until the
// disposable is disposed (a later test's own replacement is left alone).
import * as vscode from 'vscode';

export class Replaceable<T> {
  private value: T;

  constructor(private readonly original: T) {
    this.value = original;
  }

  /** What the feature calls now: the original, or a test's replacement. */
  readonly current = (): T => this.value;

  use(replacement: T): vscode.Disposable {
    this.value = replacement;
    return new vscode.Disposable(() => {
      if (this.value === replacement) this.value = this.original;
    });
  }
}
