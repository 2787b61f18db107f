// The alerts bundle (dist/alerts.js, with axios): loaded on first use through src/vscode/lazyAdapters.ts.
export * from './sources';
export * from './outbound';
export * from './importer';
