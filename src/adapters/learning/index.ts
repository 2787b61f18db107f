// The learning adapter: post-incident review files in the repository. Loaded on first use
// (src/vscode/lazyAdapters.ts), its own bundle (esbuild.mjs).
export { DEFAULT_REVIEWS_FOLDER, draftReview, findReviewFile, ReviewFileError, reviewsFolder } from './reviewFile';
export type { DraftedReview } from './reviewFile';
// The postmortem reader (Import Postmortem) rides in this bundle, off the activation path.
export {
  earlierImport,
  groupedUnplaced,
  importedAlready,
  importPlan,
  MAX_POSTMORTEM_BYTES,
  parsePostmortem,
} from '../../core/learning/postmortemImport';
export { postmortemSource } from './postmortemSource';
// Re-drafting in an open editor and placing a model's draft: the review renderers stay off the activation path.
export { mergeReview, placeAiDraft } from '../../core/learning/review';
// The checks on an open review (its empty required sections, its generated blocks), run once a review is open or marked complete.
export { emptyRequiredSections, generatedRanges } from '../../core/learning/review';
// The blameless-language check: run on an open review file (Problems) and on AI drafts, not at activation.
export { findBlame } from '../../core/learning/blameless';
