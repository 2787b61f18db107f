// The HTTP client bundle (dist/http.js): loaded on first use through src/vscode/lazyAdapters.ts.
export * from './client';
