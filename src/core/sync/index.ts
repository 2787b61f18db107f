export * from './syncState';
export * from './status';
