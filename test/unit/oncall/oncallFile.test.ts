import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { parseOncallFile } from '../../../src/core/oncall/oncallFile';
import { OncallResolver } from '../../../src/core/oncall/resolve';
import { checkSchema, Schema } from '../runbooks/schemaCheck';
import { repoRoot } from '../runbooks/paths';

const fixture = fs.readFileSync(path.join(repoRoot, 'test/fixtures/oncall/oncall.yaml'), 'utf8');
const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'schemas/oncall.schema.json'), 'utf8')) as Schema;

describe('on-call file (.warroom/oncall.yaml)', () => {
  it('reads rotations, layers, overrides and escalation, and the shipped schema accepts it', () => {
    const { config, problems } = parseOncallFile(fixture, '.warroom/oncall.yaml');
    assert.deepEqual(problems, []);
    assert.deepEqual(checkSchema(parse(fixture), schema), []);
    assert.deepEqual(
      config.rotations.map((r) => [r.id, r.layer, r.lengthDays, r.handoff, r.timeZone, r.position?.line]),
      [
        ['checkout-primary', 'primary', 7, '09:00', 'Europe/Berlin', 4],
        ['checkout-secondary', 'secondary', 14, '09:00', 'Europe/Berlin', 12],
      ],
    );
    // 18:00+01:00 is 17:00Z; 09:00+02:00 is 07:00Z.
    assert.deepEqual(config.overrides[0], {
      rotation: 'checkout-primary',
      who: 'dave',
      from: '2026-03-28T17:00:00.000Z',
      to: '2026-03-29T07:00:00.000Z',
      position: { line: 21, column: 5 },
    });
    assert.deepEqual(
      config.escalation[0].levels.map((l) => [l.afterMinutes, l.notify.join(',')]),
      [
        [0, 'primary'],
        [15, 'secondary'],
        [30, 'grace'],
      ],
    );
    const r = new OncallResolver(config);
    assert.deepEqual(
      r.onCallAt('checkout', Date.parse('2026-03-28T20:00:00Z')).map((s) => `${s.layer}:${s.person}`),
      ['primary:dave', 'secondary:erin'],
    );
    assert.deepEqual(r.services(), ['checkout', 'payments']);
  });

  it('names the file, line and column of each mistake and leaves the broken rotation out', () => {
    const text = [
      'rotations:',
      '  - id: a',
      '    services: [api]',
      '    members: [x]',
      '    start: 2026-02-30',
      '    length: 90m',
      '    handoff: "25:00"',
      '    timezone: Mars/Olympus',
      '    colour: red',
      '  - id: b',
      '    services: [api]',
      '    members: [y]',
      '    start: 2026-03-01',
      '    length: 3',
      '    timezone: UTC',
      'overrides:',
      '  - rotation: b',
      '    who: z',
      '    from: 2026-03-02 10:00',
      '    to: 2026-03-01T10:00Z',
      '',
    ].join('\n');
    const { config, problems } = parseOncallFile(text, '.warroom/oncall.yaml');
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.message}`),
      [
        '.warroom/oncall.yaml:5:12 error "start" must be a date YYYY-MM-DD (got "2026-02-30")',
        '.warroom/oncall.yaml:6:13 error "length" must be whole days or weeks, e.g. 1w or 3d (got "90m")',
        '.warroom/oncall.yaml:7:14 error "handoff" must be a time HH:MM (got "25:00")',
        '.warroom/oncall.yaml:8:15 error "timezone" "Mars/Olympus" is not an IANA time zone (e.g. Europe/Berlin)',
        '.warroom/oncall.yaml:9:5 warning unknown field "colour" (known: id, layer, services, members, start, length, handoff, timezone, end)',
        '.warroom/oncall.yaml:19:11 error "from" must be a time with its offset, e.g. 2026-03-28T18:00+01:00 (got "2026-03-02 10:00")',
      ],
    );
    assert.deepEqual(
      config.rotations.map((r) => [r.id, r.lengthDays, r.handoff]),
      [['b', 3, '09:00']],
    );
    assert.deepEqual(config.overrides, []);
  });

  it('reports a YAML syntax error at its line', () => {
    const { problems } = parseOncallFile('rotations:\n  - id: [a\n', 'oncall.yaml');
    assert.equal(problems[0].line, 3);
    assert.match(problems[0].message, /^YAML: /);
  });
});
