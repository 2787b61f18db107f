// The toolkit bundle (dist/webview/toolkit.js): every component a panel uses, behind
// `window.warroomToolkit`; see lib/toolkit.ts for how a page loads and waits for it.
import {
  provideVSCodeDesignSystem,
  vsCodeBadge,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDropdown,
  vsCodeOption,
  vsCodePanels,
  vsCodePanelTab,
  vsCodePanelView,
  vsCodeTextArea,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';
import { TOOLKIT_EVENT, ToolkitComponent } from './lib/toolkit';

type Registrable = Parameters<ReturnType<typeof provideVSCodeDesignSystem>['register']>[number];

const COMPONENTS: Readonly<Record<ToolkitComponent, () => Registrable>> = {
  badge: vsCodeBadge,
  button: vsCodeButton,
  checkbox: vsCodeCheckbox,
  dropdown: vsCodeDropdown,
  option: vsCodeOption,
  textField: vsCodeTextField,
  textArea: vsCodeTextArea,
  panels: vsCodePanels,
  panelTab: vsCodePanelTab,
  panelView: vsCodePanelView,
};

window.warroomToolkit = {
  register: (components) => {
    provideVSCodeDesignSystem().register(...components.map((name) => COMPONENTS[name]()));
  },
};
window.dispatchEvent(new Event(TOOLKIT_EVENT));
