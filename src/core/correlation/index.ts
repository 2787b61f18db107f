// Deploy correlation, the pure part: model, parsers of git output and deploy logs, ranking, marks.
export * from './model';
export * from './trailers';
export * from './gitLogParser';
export * from './deployLog';
export * from './pathClass';
export * from './servicePaths';
export * from './evidence';
export * from './words';
export * from './deploys';
export * from './rank';
export * from './changes';
export * from './revert';
export * from './suspectMarks';
export * from './window';
export * from './gitFiles';
export * from './deployMarkers';
export * from './warnings';
