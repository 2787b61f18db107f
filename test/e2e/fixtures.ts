// Incidents written straight into a test workspace's store before the workbench opens, and ways to
// reach the panels' pages (two nested iframes) from playwright. Shared by panels.e2e.ts and the bench.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FrameLocator, Page } from 'playwright-core';
import { IncidentEvent } from '../../src/core/events';

export interface StoredEvent {
  readonly id: string;
  readonly type: string;
  readonly [field: string]: unknown;
}

export function writeIncident(folder: string, incidentId: string, events: readonly IncidentEvent[] | readonly StoredEvent[]): string {
  const dir = path.join(folder, '.warroom', incidentId);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'events.jsonl');
  fs.writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return file;
}

export function readEvents(file: string): StoredEvent[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as StoredEvent);
}

export function headSha(folder: string): string {
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: folder, encoding: 'utf8' }).trim();
}

export const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();

export function declared(id: string, title: string, severity: string, startedMinutesAgo: number): StoredEvent {
  return {
    id,
    ts: minutesAgo(startedMinutesAgo - 2),
    type: 'declared',
    author: 'Dana',
    title,
    severity,
    urgency: 'high',
    service: 'checkout-api',
    startedAt: minutesAgo(startedMinutesAgo),
    detectedAt: minutesAgo(startedMinutesAgo - 1),
  };
}

/** The visible panel's page: the workbench's webview iframe, then the page's own frame inside it. */
export function panelFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('#active-frame');
}

/** Polls `probe` until it returns a value (a generous limit, never a timed assertion). */
export async function eventually<T>(what: string, probe: () => T | undefined, limitMs = 20_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`waited ${limitMs} ms for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface PageWindow {
  requestAnimationFrame(callback: () => void): number;
  getComputedStyle(element: unknown): { readonly backgroundColor: string };
}

/**
 * Until the panel's page is painted in the theme: its body's class, then its computed background
 * (light or dark), then two animation frames in the page's own renderer, so the screenshot shows
 * the panel repainted, not its last frame before the theme changed.
 */
export async function panelPainted(frame: FrameLocator, kind: 'light' | 'dark'): Promise<void> {
  const body = frame.locator(`body.vscode-${kind}`);
  await body.waitFor();
  for (let attempt = 0; ; attempt++) {
    const luminance = await body.evaluate(async (el) => {
      // The page's own window (this code runs there; the tests compile without the DOM library).
      const win = (el as unknown as { ownerDocument: { defaultView: PageWindow } }).ownerDocument.defaultView;
      await new Promise<void>((r) => win.requestAnimationFrame(() => win.requestAnimationFrame(() => r())));
      const [r, g, b] = (win.getComputedStyle(el).backgroundColor.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    });
    if ((kind === 'light') === luminance > 0.5) return;
    if (attempt >= 50) throw new Error(`the panel's background stayed ${kind === 'light' ? 'dark' : 'light'} (luminance ${luminance})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
