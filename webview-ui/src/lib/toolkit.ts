// The webview UI toolkit lives in its own bundle, dist/webview/toolkit.js (webview-ui/src/toolkit.main.ts),
// shared by every panel instead of ~75 KB of FAST and design tokens in each panel's bundle. It sets
// `window.warroomToolkit` and fires TOOLKIT_EVENT. A panel that builds toolkit controls at once
// lists toolkit.js before its own script and calls `registerToolkit`; the timeline paints its list
// first and takes toolkit.js deferred, waiting on `whenToolkit`.

export type ToolkitComponent =
  'badge' | 'button' | 'checkbox' | 'dropdown' | 'option' | 'textField' | 'textArea' | 'panels' | 'panelTab' | 'panelView';

export interface WarRoomToolkit {
  /** Defines the components' custom elements, upgrading those already in the page. */
  register(components: readonly ToolkitComponent[]): void;
}

declare global {
  interface Window {
    warroomToolkit?: WarRoomToolkit;
  }
}

export const TOOLKIT_EVENT = 'warroom-toolkit-loaded';

/** For a page whose toolkit.js ran before its own script. */
export function registerToolkit(...components: readonly ToolkitComponent[]): void {
  if (!window.warroomToolkit) {
    throw new Error("toolkit.js has not run: it must be listed before this panel's script");
  }
  window.warroomToolkit.register(components);
}

/** Resolves once toolkit.js has run (at once if it already has). */
export function whenToolkit(): Promise<WarRoomToolkit> {
  return new Promise((resolve) => {
    if (window.warroomToolkit) {
      resolve(window.warroomToolkit);
      return;
    }
    window.addEventListener(TOOLKIT_EVENT, () => resolve(window.warroomToolkit as WarRoomToolkit), { once: true });
  });
}

/** The toolkit's form elements expose `value` like inputs; typed here once. */
export interface ValueElement extends HTMLElement {
  value: string;
}

export interface CheckedElement extends HTMLElement {
  checked: boolean;
}

/**
 * Sets a toolkit text field's value and its inner input's at once. The toolkit copies `value` to
 * the inner input on a later tick, so keys typed right after Enter could land on the old text
 * (seen under load: the next entry began with the previous one).
 */
export function setFieldValue(field: ValueElement, value: string): void {
  field.value = value;
  const inner = field.shadowRoot?.querySelector('input, textarea') as { value: string } | null | undefined;
  if (inner) {
    inner.value = value;
  }
}
