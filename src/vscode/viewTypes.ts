// The webview panels War Room restores after a reload. Their serializers are registered during
// activation, before the features load, so the list lives here rather than in package.json's
// activationEvents (which must name the same view types: test/unit/vscode/viewTypes.test.ts).
export const PANEL_VIEW_TYPES = [
  'warroom.timeline',
  'warroom.roleBoard',
  'warroom.updates',
  'warroom.walkthrough',
  'warroom.dashboard',
] as const;
