// AI assist: prompts grounded in the incident, redacted and budgeted; answers with checked references.
export * from './answer';
export * from './events';
export * from './grounding';
export * from './markdownCode';
export * from './prompts';
export * from './redact';
export * from './session';
export * from './suspects';
