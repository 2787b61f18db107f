// Imported first by a panel's entry, so its body is the first code of the bundle to run (imports are
// evaluated in order): the mark says when the page's script began, before the toolkit's module code.
// The bench reads it to split "VS Code created the webview and served our files" from "our script ran".
// Exported and used by the entry: the package is `sideEffects: false`, so a bare import would be dropped.
export const SCRIPT_START: PerformanceMark = performance.mark('warroom.scriptStart');
