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
