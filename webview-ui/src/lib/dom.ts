// DOM building without markup strings: every piece of data goes in through textContent or a
// checked attribute, so titles, notes and alert text imported from outside render as text.
import { formatUtcOffset } from '../../../src/core/time';

export interface ElOptions {
  readonly className?: string;
  readonly text?: string;
  readonly attrs?: Readonly<Record<string, string>>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options?: ElOptions,
  children?: readonly Node[],
): HTMLElementTagNameMap[K];
export function el(tag: string, options?: ElOptions, children?: readonly Node[]): HTMLElement;
export function el(tag: string, options: ElOptions = {}, children: readonly Node[] = []): HTMLElement {
  const node = document.createElement(tag);
  if (options.className) {
    node.className = options.className;
  }
  if (options.text !== undefined) {
    node.textContent = options.text;
  }
  for (const [name, value] of Object.entries(options.attrs ?? {})) {
    setAttr(node, name, value);
  }
  for (const child of children) {
    node.appendChild(child);
  }
  return node;
}

/**
 * setAttribute, refusing event-handler and inline-style attributes: with the CSP they would not
 * run anyway, but a data-driven `on…` attribute is always a bug worth failing on.
 */
export function setAttr(node: Element, name: string, value: string): void {
  if (/^on/i.test(name) || name.toLowerCase() === 'style') {
    throw new Error(`refusing attribute ${name}`);
  }
  node.setAttribute(name, value);
}

export function clear(node: Node): void {
  while (node.firstChild) {
    node.removeChild(node.firstChild);
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) {
    throw new Error(`#${id} missing`);
  }
  return node as T;
}

/** Reads the state the extension embedded in the page (a JSON data block, never executed). */
export function readInitialState<T>(isState: (value: unknown) => value is T): T | undefined {
  const block = document.getElementById('initial-state');
  if (!block?.textContent) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(block.textContent);
    return isState(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `15:15:03` in the viewer's own zone (the UTC time is shown next to it). */
export function localClock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `+01:00`, so "local" says which local. */
export function localZone(iso: string): string {
  return formatUtcOffset(-new Date(iso).getTimezoneOffset());
}
