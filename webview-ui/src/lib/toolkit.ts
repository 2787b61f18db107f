// Toolkit registration. Each panel registers only the components it uses: the toolkit's base
// (FAST + design tokens) is ~75 KB minified in every bundle, and each component adds to it.
import { provideVSCodeDesignSystem } from '@vscode/webview-ui-toolkit';

type Registrable = Parameters<ReturnType<typeof provideVSCodeDesignSystem>['register']>[number];

export function registerToolkit(...components: readonly Registrable[]): void {
  provideVSCodeDesignSystem().register(...components);
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
