// Game day files, loaded on first use (the scenario reader brings the yaml library).
export { earlierRuns, MAX_SCENARIO_BYTES, readScenario, writeScoreSheet } from './drillFiles';
