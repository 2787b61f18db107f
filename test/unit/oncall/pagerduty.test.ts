import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseOncallFile } from '../../../src/core/oncall/oncallFile';
import { mergeOncallSources, parsePagerDutyOncalls, parsePagerDutyServices } from '../../../src/core/oncall/pagerduty';
import { onCallSummary, withPagerDuty } from '../../../src/core/oncall/summary';
import { OncallResolver } from '../../../src/core/oncall/resolve';
import { repoRoot } from '../runbooks/paths';

const fixture = (name: string) => fs.readFileSync(path.join(repoRoot, 'test/fixtures/oncall', name), 'utf8');
const SERVICES: Record<string, string[]> = { PT20YPA: ['checkout'], PANZZEQ: ['search'] };

describe('PagerDuty /oncalls', () => {
  const parsed = parsePagerDutyOncalls(JSON.parse(fixture('pagerduty-oncalls.json')), (p) => SERVICES[p.id] ?? []);

  it('reads levels 1 and 2 as primary and secondary, per service the policy pages for', () => {
    assert.deepEqual(
      parsed.shifts.map((s) => [s.service, s.layer, s.person, s.rotation, s.from, s.until ?? '-', s.source]),
      [
        [
          'checkout',
          'primary',
          'Earline Greenholt',
          'Checkout weekly',
          '2026-03-23T08:00:00.000Z',
          '2026-03-30T07:00:00.000Z',
          'pagerduty',
        ],
        // Always on call (no schedule): no start or end.
        ['checkout', 'secondary', 'Kyler Kuhn', 'Checkout', '1970-01-01T00:00:00.000Z', '-', 'pagerduty'],
        ['search', 'primary', 'Dana Search', 'Search daily', '2026-03-25T00:00:00.000Z', '2026-03-26T00:00:00.000Z', 'pagerduty'],
      ],
    );
    assert.deepEqual(parsed.unread, ['oncalls[4].user.summary: missing', 'oncalls[4].start: not a time ("not a time")']);
  });

  it('lets the rotation file win where both name a service, with a note', () => {
    const file = new OncallResolver(parseOncallFile(fixture('oncall.yaml'), 'oncall.yaml').config);
    const at = new Date('2026-03-25T12:00:00Z');
    const merged = mergeOncallSources(file.onCallAt('checkout', at.getTime()), parsed.shifts, at);
    assert.deepEqual(
      merged.shifts.map((s) => `${s.service}:${s.layer}:${s.person}:${s.source}`),
      ['checkout:primary:alice:file', 'checkout:secondary:erin:file', 'search:primary:Dana Search:pagerduty'],
    );
    assert.deepEqual(merged.notes, ["checkout: .warroom/oncall.yaml and PagerDuty both name it; the file's rotation is used"]);
  });

  it('says so when the body is not an /oncalls answer', () => {
    assert.deepEqual(parsePagerDutyOncalls({ incidents: [] }, () => []).unread, ['$: not a PagerDuty /oncalls answer (no "oncalls" list)']);
  });

  it('reads which escalation policy pages for each service from /services', () => {
    const services = parsePagerDutyServices(JSON.parse(fixture('pagerduty-services.json')));
    assert.deepEqual(
      [...services.byPolicy],
      [
        ['PT20YPA', ['checkout']],
        ['PANZZEQ', ['search', 'search-indexer']],
      ],
    );
    assert.equal(services.more, false);
    assert.equal(services.sent, 4);
    assert.deepEqual(services.unread, ['services[3].name: missing', 'services[3].escalation_policy.id: missing']);
    assert.deepEqual(parsePagerDutyServices({ oncalls: [] }).unread, ['$: not a PagerDuty /services answer (no "services" list)']);
  });

  it('adds PagerDuty to the summary for services the file does not name, and notes the ones it does', () => {
    const resolver = new OncallResolver(parseOncallFile(fixture('oncall.yaml'), 'oncall.yaml').config);
    const at = new Date('2026-03-25T12:00:00Z');
    const { summary, notes } = withPagerDuty(onCallSummary(resolver, at), parsed.shifts, at);
    assert.deepEqual(
      summary.map((s) => [s.service, s.layers.map((l) => `${l.shift.layer}:${l.shift.person}:${l.shift.source}`)]),
      [
        ['checkout', ['primary:alice:file', 'secondary:erin:file']],
        ['payments', ['primary:alice:file']],
        ['search', ['primary:Dana Search:pagerduty']],
      ],
    );
    assert.deepEqual(notes, ["checkout: .warroom/oncall.yaml and PagerDuty both name it; the file's rotation is used"]);
    // Asked for one service: only that one, and a shift PagerDuty says has ended is not held.
    const later = new Date('2026-03-27T12:00:00Z');
    assert.deepEqual(withPagerDuty([], parsed.shifts, later, 'search').summary, []);
  });
});
