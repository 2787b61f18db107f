// Tells the responder when this machine's clock is off: every answer from PagerDuty, Opsgenie,
// Alertmanager, Slack, Statuspage or the team sync server carries that server's time (core/clock.ts).
// A clock surely more than a minute off shows a status bar item while it lasts and one warning per
// episode (not one per source or per poll); the log has each change. Made on the first reading, so
// a window with no integration never loads it.
import * as vscode from 'vscode';
import { ClockReading, clockChange, skewPhrase, skewWarning } from '../core/clock';
import { markdownLiteral } from '../core/text/strings';
import { formatDuration } from '../core/time';
import { Disposable } from './lifecycle';

export const SHOW_LOG_BUTTON = 'Show Log';

export class ClockCheck extends Disposable {
  /** Sources whose last sure reading was skewed, with that reading. */
  private readonly skewed = new Map<string, ClockReading>();
  private warnedThisEpisode = false;
  private readonly item = this.register(vscode.window.createStatusBarItem('warroom.clock', vscode.StatusBarAlignment.Left, 98));

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly warn: (message: string, ...buttons: string[]) => Thenable<string | undefined> = (message, ...buttons) =>
      vscode.window.showWarningMessage(message, ...buttons),
  ) {
    super();
    this.item.name = "War Room: this machine's clock";
    this.item.command = 'warroom.showLog';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  }

  /** A reading from any server; cheap when nothing changes (every poll and heartbeat calls it). */
  readonly observe = (reading: ClockReading): void => {
    if (this.isDisposed) return;
    const { skewed, change } = clockChange(this.skewed.has(reading.source), reading);
    if (skewed) this.skewed.set(reading.source, reading);
    else this.skewed.delete(reading.source);
    if (change === 'newly-skewed') {
      this.log.warn(`clock: ${skewWarning(reading)} (read from its answer, give or take ${Math.ceil(reading.uncertaintyMs / 1000)} s)`);
      if (!this.warnedThisEpisode) {
        this.warnedThisEpisode = true;
        void this.warn(skewWarning(reading), SHOW_LOG_BUTTON).then((picked) => picked === SHOW_LOG_BUTTON && this.log.show());
      }
    } else if (change === 'agrees-again') {
      this.log.info(`clock: this machine's clock agrees with ${reading.source}'s again (within a minute)`);
      if (this.skewed.size === 0) this.warnedThisEpisode = false;
    }
    this.show();
  };

  /** The sources this clock is now off from, with their readings (tests, the tooltip). */
  readings(): ClockReading[] {
    return [...this.skewed.values()];
  }

  private show(): void {
    const readings = this.readings();
    if (!readings.length) {
      this.item.hide();
      return;
    }
    // The largest offset: what the record is off by at worst.
    const worst = readings.reduce((a, b) => (Math.abs(b.offsetMs) > Math.abs(a.offsetMs) ? b : a));
    this.item.text = `$(watch) Clock ${formatDuration(Math.abs(worst.offsetMs))} ${worst.offsetMs > 0 ? 'slow' : 'fast'}`;
    const tooltip = new vscode.MarkdownString(undefined, false);
    tooltip.appendMarkdown(markdownLiteral(skewWarning(worst)));
    for (const r of readings) tooltip.appendMarkdown(`\n\n- ${markdownLiteral(`This machine's clock is ${skewPhrase(r)}`)}`);
    tooltip.appendMarkdown('\n\nClick to show the War Room log.');
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `War Room: this machine's clock is ${skewPhrase(worst)}` };
    this.item.show();
  }
}
