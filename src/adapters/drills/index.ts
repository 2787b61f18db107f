// Game day files, loaded on first use (the scenario reader brings the yaml library).
export { earlierRuns, readScenario, REAL_TIME, writeScoreSheet } from './drillFiles';
