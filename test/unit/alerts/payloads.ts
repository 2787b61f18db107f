// The captured payloads (test/fixtures/payloads, sources and licences in its SOURCES.txt).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AlertSource } from '../../../src/core/alerts/alert';

export const payloadDir = path.resolve(__dirname, '../../../../test/fixtures/payloads');

export function payload(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(payloadDir, file), 'utf8'));
}

/** The source a payload file is from, by its name. */
export function sourceOf(file: string): AlertSource {
  if (/alertmanager|karma/.test(file)) return 'alertmanager';
  if (/pagerduty/.test(file)) return 'pagerduty';
  return 'opsgenie';
}

export function payloadFiles(): string[] {
  return fs.readdirSync(payloadDir).filter((f) => f.endsWith('.json'));
}
