// Who else has an incident open right now, from whichever feature knows (team sync). Made once in
// extension.ts like the update senders, so the role board reads it without depending on sync.
import * as vscode from 'vscode';

export type PresenceSource = (incidentId: string) => readonly string[];

export class PresenceRegistry implements vscode.Disposable {
  private source: PresenceSource | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires when who is here may have changed; readers compare what they showed. */
  readonly onDidChange = this.changeEmitter.event;

  provide(source: PresenceSource): vscode.Disposable {
    this.source = source;
    this.changeEmitter.fire();
    return new vscode.Disposable(() => {
      if (this.source === source) {
        this.source = undefined;
        this.changeEmitter.fire();
      }
    });
  }

  /** Names sorted; empty when no feature knows. */
  present(incidentId: string): string[] {
    return [...(this.source?.(incidentId) ?? [])];
  }

  changed(): void {
    this.changeEmitter.fire();
  }

  dispose(): void {
    this.source = undefined;
    this.changeEmitter.dispose();
  }
}
