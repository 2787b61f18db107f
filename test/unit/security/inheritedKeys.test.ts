// A key from outside that names what every object inherits (`constructor`, `__proto__`, `toString`,
// `valueOf`, `hasOwnProperty`) is an unknown key like any other: a teammate's event type, an API's
// status, a runbook's placeholder. Before `own` (src/core/own.ts) an events.jsonl line of type
// "constructor" threw out of the parser, losing the whole incident file.
import * as assert from 'node:assert/strict';
import { parseEventLog } from '../../../src/core/eventLog';
import { describeEvent } from '../../../src/core/timeline';
import type { IncidentEvent } from '../../../src/core/events';
import { variableKey } from '../../../src/core/runbooks/variables';
import { destructiveFindings } from '../../../src/core/runbooks/destructive';
import { matcherMatches, parseMatcher } from '../../../src/core/runbooks/matchers';
import type { LabelMatcher } from '../../../src/core/runbooks/model';
import { parsePagerDuty } from '../../../src/core/alerts/pagerduty';
import { changeEventRows } from '../../../src/core/alerts/changeEvents';
import { componentPreviewLines } from '../../../src/core/alerts/outbound';

const INHERITED = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];

describe('keys every object inherits, from outside, are unknown keys', () => {
  it("keeps a teammate's events of such types as unknown events, with the lines around them", () => {
    const declared = {
      ...{ id: 'e1', ts: '2026-12-05T01:00:00Z', type: 'declared', author: 'ana', title: 'Checkout down', severity: 'SEV1' },
      ...{ urgency: 'high', service: 'checkout', startedAt: '2026-12-05T00:50:00Z', detectedAt: '2026-12-05T00:55:00Z' },
    };
    const lines = [declared, ...INHERITED.map((type, i) => ({ id: `x${i}`, ts: '2026-12-05T01:01:00Z', type, author: 'bo' }))];
    const { events, problems } = parseEventLog(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      events.map((e) => e.type),
      ['declared', ...INHERITED],
    );
    for (const event of events.slice(1)) {
      assert.deepEqual(describeEvent(event), { kind: 'other', text: `${event.type} event` });
    }
  });

  it('names an update sent on such a channel by the channel, not by a function', () => {
    for (const channel of INHERITED) {
      const event = { id: 'u', ts: '2026-12-05T01:00:00Z', type: 'update_sent', author: 'ana', channel } as unknown as IncidentEvent;
      const { text } = describeEvent(event);
      assert.ok(text.startsWith(`${channel} `) && !/function|native code|object Object/.test(text), text);
    }
  });

  it('takes a runbook placeholder, a code language, a PagerDuty status and reason, a Statuspage status as unknown', () => {
    for (const key of INHERITED) {
      assert.equal(variableKey(key), key.toLowerCase());
      // A runbook's matcher on such a label: missing, so empty (as in Alertmanager), never Object's function.
      const matcher = (text: string) => parseMatcher(text) as LabelMatcher;
      assert.equal(matcherMatches(matcher(`${key}=""`), { alertname: 'CheckoutDown' }), true, key);
      assert.equal(matcherMatches(matcher(`${key}=~".+"`), { alertname: 'CheckoutDown' }), false, key);
      assert.equal(destructiveFindings('rm -rf /var/lib/app', key)[0]?.rule, 'rm', key);
      const parsed = parsePagerDuty({ incidents: [{ id: 'P1', created_at: '2026-12-05T01:00:00Z', status: key, title: 'x' }] });
      // Read as firing (an unknown status is taken as firing, and said), never a function as the state.
      assert.equal(parsed.alerts[0]?.state, 'firing', key);
      assert.ok(
        parsed.unread.some((u) => u.includes(`"${key}" is not triggered, acknowledged or resolved`)),
        parsed.unread.join('\n'),
      );
      const [row] = changeEventRows([{ at: '2026-12-05T00:50:00Z', summary: 'Deploy', reason: key }], '2026-12-05T01:00:00Z');
      assert.ok(!/function|native code/.test(JSON.stringify(row)), JSON.stringify(row));
      assert.deepEqual(componentPreviewLines([{ id: 'c1', name: 'Checkout', status: key }], { c1: key }), [`Checkout: ${key} → ${key}`]);
    }
  });
});
