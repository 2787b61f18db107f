// The features wired into the extension, in order. Add a feature with one line here; its `api`
// and `testApi` types come from its factory (FeatureFactory<Api, TestApi>).
import { FeatureFactory } from './feature';
import { assistFeature } from './assist';
import { correlationFeature } from './correlation';
import { learningFeature } from './learning';
import { kpiFeature } from './kpi';
import { panelsFeature } from './panels';
import { runbooksFeature } from './runbooks';
import { syncFeature } from './sync';
import { actionItemsFeature } from './actionItems';
import { alertsFeature } from './alerts';
import { oncallFeature } from './oncall';
import { drillsFeature } from './drills';

export const FEATURES = {
  correlation: correlationFeature,
  panels: panelsFeature,
  runbooks: runbooksFeature,
  sync: syncFeature,
  assist: assistFeature,
  learning: learningFeature,
  actionItems: actionItemsFeature,
  kpi: kpiFeature,
  alerts: alertsFeature,
  oncall: oncallFeature,
  drills: drillsFeature,
} satisfies Readonly<Record<string, FeatureFactory>>;
