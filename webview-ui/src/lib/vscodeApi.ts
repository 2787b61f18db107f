// The webview side of the VS Code API, typed per panel: messages out, UI state kept across
// hide/show and reloads. Only UI state goes in setState; incident data is re-read from the store.

export interface VsCodeApi<Out, UiState> {
  postMessage(message: Out): void;
  getState(): UiState | undefined;
  setState(state: UiState): void;
}

declare function acquireVsCodeApi<Out, UiState>(): VsCodeApi<Out, UiState>;

/** acquireVsCodeApi may be called once per page; each panel's entry calls this once. */
export function vscodeApi<Out, UiState>(): VsCodeApi<Out, UiState> {
  return acquireVsCodeApi<Out, UiState>();
}
