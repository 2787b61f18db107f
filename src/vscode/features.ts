// The features wired into the extension, in order. Add a feature with one line here.
import { FeatureFactory } from './feature';
import { correlationFeature } from './correlation';
import { kpiFeature } from './kpi';
import { panelsFeature } from './panels';
import { runbooksFeature } from './runbooks';

export const FEATURES: Readonly<Record<string, FeatureFactory>> = {
  correlation: correlationFeature,
  panels: panelsFeature,
  runbooks: runbooksFeature,
  kpi: kpiFeature,
};
