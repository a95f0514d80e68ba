// Types for ES module importers: the same declarations as index.d.ts.
export * from './index.js';
