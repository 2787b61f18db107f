// The features wired into the extension, in order. Add a feature with one line here.
import { FeatureFactory } from './feature';

export const FEATURES: Readonly<Record<string, FeatureFactory>> = {};
