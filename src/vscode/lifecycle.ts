// The one lifetime pattern (after GitHub Pull Requests' src/common/lifecycle.ts): a class registers
// each listener, watcher and emitter as it makes it, and dispose() ends them all, once.
import type * as vscode from 'vscode';

export abstract class Disposable implements vscode.Disposable {
  private owned: vscode.Disposable[] = [];
  private disposed = false;

  /** Ends everything registered, in the order it was registered; a second call does nothing. */
  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;
    const owned = this.owned;
    this.owned = [];
    for (const d of owned) {
      d.dispose();
    }
  }

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Owns one disposable or several until dispose() and returns what it was given. Registered after
   * dispose(), it is ended at once: a late listener must not outlive its owner.
   */
  protected register<T extends vscode.Disposable | readonly vscode.Disposable[]>(value: T): T {
    const values: readonly vscode.Disposable[] = Array.isArray(value) ? value : [value as vscode.Disposable];
    if (this.disposed) {
      for (const d of values) {
        d.dispose();
      }
    } else {
      this.owned.push(...values);
    }
    return value;
  }
}
