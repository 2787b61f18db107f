// The alerts bundle (dist/alerts.js, with axios): loaded on first use through src/vscode/lazyAdapters.ts.
export * from './sources';
export * from './outbound';
export * from './importer';
// The pure alert code only the Incoming view's rows, a declaration from an alert, the PagerDuty change
// events and the update senders use: each runs once a source or a channel is set, when this bundle is loaded anyway.
export { declarationFromAlert, severityOfAlert } from '../../core/alerts/declare';
export { alertRunbookLinks, runbookLinkReason } from '../../core/alerts/runbookLinks';
export { changeEventRows } from '../../core/alerts/changeEvents';
export {
  COMPONENT_IMPACTS,
  COMPONENT_STATUS_LABELS,
  componentChanges,
  componentPreviewLines,
  slackPayload,
  statuspageFields,
} from '../../core/alerts/outbound';
