// The assist bundle (dist/assist.js): prompt building, redaction, budgeting and answer checking, all
// pure core code, loaded on the first use of a model rather than at activation
// (src/vscode/lazyAdapters.ts, esbuild.mjs).
export * from '../../core/assist';
