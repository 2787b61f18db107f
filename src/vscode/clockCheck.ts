// Tells the responder when this machine's clock is off: every answer from PagerDuty, Opsgenie,
// Alertmanager, Slack, Statuspage or the team sync server carries that server's time (core/clock.ts).
// A clock surely more than a minute off shows a status bar item while it lasts and one warning per
// episode (not one per source or per poll); the log has each change. Made on the first reading, so
// a window with no integration never loads it.
import * as vscode from 'vscode';
import { agrees, ClockReading, clockChange, isReferenceClock, skewLabel, skewPhrase, skewWarning } from '../core/clock';
import { markdownLiteral } from '../core/text/strings';
import { Disposable } from './lifecycle';

const SHOW_LOG_BUTTON = 'Show Log';

/** How long the warning waits for the other servers' first answers, so it blames the right clock. */
const SETTLE_MS = 3_000;

export class ClockCheck extends Disposable {
  /** Sources whose last sure reading was skewed, with that reading. */
  private readonly skewed = new Map<string, ClockReading>();
  /** Sources whose last reading surely agreed with this machine (an uncertain one takes a source out). */
  private readonly agreeing = new Set<string>();
  private warnedThisEpisode = false;
  private warnTimer: NodeJS.Timeout | undefined;
  private readonly item = this.register(vscode.window.createStatusBarItem('warroom.clock', vscode.StatusBarAlignment.Left, 98));

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
    this.item.name = "War Room: this machine's clock";
    this.item.command = 'warroom.showLog';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.register(new vscode.Disposable(() => clearTimeout(this.warnTimer)));
  }

  /** A reading from any server; cheap when nothing changes (every poll and heartbeat calls it). */
  readonly observe = (reading: ClockReading): void => {
    if (this.isDisposed) return;
    const { skewed, change } = clockChange(this.skewed.has(reading.source), reading);
    if (skewed) this.skewed.set(reading.source, reading);
    else this.skewed.delete(reading.source);
    if (agrees(reading)) this.agreeing.add(reading.source);
    else this.agreeing.delete(reading.source);
    if (change === 'newly-skewed') {
      this.log.warn(`clock: ${this.warning(reading)} (read from its answer, give or take ${Math.ceil(reading.uncertaintyMs / 1000)} s)`);
      if (!this.warnedThisEpisode) {
        this.warnedThisEpisode = true;
        this.warnTimer = setTimeout(() => this.warnNow(), SETTLE_MS);
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

  /** What the status bar says now ("Clock 5m slow"), undefined while hidden (tests). */
  label(): string | undefined {
    const worst = this.worst();
    return worst && skewLabel(worst, [...this.agreeing]);
  }

  /** What matters most: a hosted service's reading (this machine is off) first, then the largest offset. */
  private worst(): ClockReading | undefined {
    const weight = (r: ClockReading) => (isReferenceClock(r.source) ? 1e12 : 0) + Math.abs(r.offsetMs);
    return this.readings().reduce<ClockReading | undefined>((a, b) => (a && weight(a) >= weight(b) ? a : b), undefined);
  }

  private warning(reading: ClockReading): string {
    return skewWarning(reading, [...this.agreeing]);
  }

  /** The one warning of this episode, on what is known once the other servers had time to answer. */
  private warnNow(): void {
    const worst = this.worst();
    if (!worst || this.isDisposed) return;
    void vscode.window
      .showWarningMessage(this.warning(worst), SHOW_LOG_BUTTON)
      .then((picked) => picked === SHOW_LOG_BUTTON && this.log.show());
  }

  private show(): void {
    const worst = this.worst();
    if (!worst) {
      this.item.hide();
      return;
    }
    this.item.text = `$(watch) ${this.label()}`;
    const tooltip = new vscode.MarkdownString(undefined, false);
    tooltip.appendMarkdown(markdownLiteral(this.warning(worst)));
    for (const r of this.readings()) tooltip.appendMarkdown(`\n\n- ${markdownLiteral(`This machine's clock is ${skewPhrase(r)}`)}`);
    tooltip.appendMarkdown('\n\nClick to show the War Room log.');
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `War Room: ${this.item.text.replace('$(watch) ', '')}` };
    this.item.show();
  }
}
