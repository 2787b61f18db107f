// The features wired into the extension, in order. Add a feature with one line here.
import { FeatureFactory } from './feature';
import { correlationFeature } from './correlation';
import { panelsFeature } from './panels';
import { runbooksFeature } from './runbooks';
import { actionItemsFeature } from './actionItems';

export const FEATURES: Readonly<Record<string, FeatureFactory>> = {
  correlation: correlationFeature,
  panels: panelsFeature,
  runbooks: runbooksFeature,
  actionItems: actionItemsFeature,
};
