import * as assert from 'node:assert/strict';
import {
  clockChange,
  clockReading,
  httpDateReading,
  isSkewed,
  skewBlame,
  skewLabel,
  skewPhrase,
  skewWarning,
} from '../../../src/core/clock';

const T = Date.parse('2026-12-07T20:00:00.000Z');

describe('clock readings', () => {
  it('puts the offset in the middle of what the round trip allows', () => {
    // The server said 20:04:00.000 (ms precise); asked at 20:00:00.000, answered at 20:00:00.200.
    const r = clockReading('the team sync server', T + 240_000, T, T + 200);
    assert.deepEqual(r, { source: 'the team sync server', offsetMs: 239_900, uncertaintyMs: 100 });
  });

  it("reads an HTTP Date header's whole second as the second it names", () => {
    // "20:04:00 GMT" is any time in 20:04:00.000-20:04:00.999.
    const r = httpDateReading('PagerDuty', 'Mon, 07 Dec 2026 20:04:00 GMT', T, T + 200);
    assert.deepEqual(r, { source: 'PagerDuty', offsetMs: 240_400, uncertaintyMs: 600 });
    assert.equal(httpDateReading('PagerDuty', 'Mon, 07 Dec 2026 19:56:00 GMT', T, T)?.offsetMs, -239_500);
  });

  it('takes no reading from a missing or odd Date, or a clock that went backwards', () => {
    assert.equal(httpDateReading('Slack', undefined, T, T), undefined);
    assert.equal(httpDateReading('Slack', '', T, T), undefined);
    // Date.parse takes these; a proxy's odd header is no clock.
    assert.equal(httpDateReading('Slack', '2026-12-07T20:04:00Z', T, T), undefined);
    assert.equal(httpDateReading('Slack', 'Mon, 07 Dec 2026 20:04:00 +0100', T, T), undefined);
    assert.equal(httpDateReading('Slack', 'Mon, 07 Dec 2026 20:04:00 GMT, Mon, 07 Dec 2026 20:04:00 GMT', T, T), undefined);
    assert.equal(clockReading('x', T, T + 10, T), undefined);
    assert.equal(clockReading('x', Number.NaN, T, T), undefined);
  });

  it('calls a clock skewed only when it is surely more than a minute off', () => {
    assert.equal(isSkewed({ source: 's', offsetMs: 61_000, uncertaintyMs: 500 }), true);
    assert.equal(isSkewed({ source: 's', offsetMs: -61_000, uncertaintyMs: 500 }), true);
    assert.equal(isSkewed({ source: 's', offsetMs: 60_000, uncertaintyMs: 0 }), false);
    // Two minutes off, but the answer took five: it might be right.
    assert.equal(isSkewed({ source: 's', offsetMs: 120_000, uncertaintyMs: 150_000 }), false);
  });

  it('says which way and how far, and what it does to the record', () => {
    assert.equal(skewPhrase({ source: 'PagerDuty', offsetMs: 252_000, uncertaintyMs: 0 }), "4m behind PagerDuty's");
    assert.equal(skewPhrase({ source: 'Opsgenie', offsetMs: -7_500_000, uncertaintyMs: 0 }), "2h 05m ahead of Opsgenie's");
    const slow = skewWarning({ source: 'PagerDuty', offsetMs: 252_000, uncertaintyMs: 0 });
    assert.match(slow, /^This machine's clock is 4m behind PagerDuty's\. Times War Room writes here .* 4m earlier than PagerDuty's/);
    assert.match(slow, /timedatectl set-ntp true/);
    assert.match(skewWarning({ source: 'Slack', offsetMs: -90_000, uncertaintyMs: 0 }), /1m later than Slack's/);
  });

  it("blames this machine when a hosted service disagrees, the team's own server when a hosted one agrees, else either", () => {
    const am = { source: 'Alertmanager', offsetMs: 600_000, uncertaintyMs: 0 };
    const pd = { source: 'PagerDuty', offsetMs: -300_000, uncertaintyMs: 0 };
    // A hosted service keeps its clock: this machine is off, whoever else agrees with it.
    assert.equal(skewBlame(pd, ['Alertmanager']), 'this-machine');
    assert.equal(skewLabel(pd, ['Alertmanager']), 'Clock 5m fast');
    // The team's own Alertmanager off while PagerDuty agrees with this machine: Alertmanager's server is.
    assert.equal(skewBlame(am, ['PagerDuty', 'Slack']), 'their-server');
    assert.equal(
      skewWarning(am, ['PagerDuty', 'Slack', 'Alertmanager']),
      "Alertmanager's clock is 10m ahead of this machine's, which agrees with PagerDuty's and Slack's. " +
        'Times from Alertmanager will read 10m late here: its server needs network time.',
    );
    assert.equal(skewLabel(am, ['PagerDuty']), 'Alertmanager clock 10m fast');
    // Only the team's own servers: nothing tells which one is off.
    const db = { source: 'the team sync server', offsetMs: -120_000, uncertaintyMs: 0 };
    assert.equal(skewBlame(db, ['Alertmanager']), 'either');
    assert.match(
      skewWarning(db, ['Alertmanager']),
      /^This machine's clock is 2m ahead of the team sync server's, and one of the two is off/,
    );
    assert.equal(skewLabel(db), 'Clock 2m off the team sync server');
    assert.equal(skewBlame(am, []), 'either');
  });

  it('warns once when a source first shows a skew, and says when it agrees again', () => {
    const off = { source: 's', offsetMs: 300_000, uncertaintyMs: 500 };
    const right = { source: 's', offsetMs: 2_000, uncertaintyMs: 500 };
    const unsure = { source: 's', offsetMs: 30_000, uncertaintyMs: 45_000 };
    assert.deepEqual(clockChange(false, right), { skewed: false, change: 'unchanged' });
    assert.deepEqual(clockChange(false, off), { skewed: true, change: 'newly-skewed' });
    assert.deepEqual(clockChange(true, off), { skewed: true, change: 'unchanged' });
    // Too uncertain to clear it: still skewed, and no second warning when the next reading is sure.
    assert.deepEqual(clockChange(true, unsure), { skewed: true, change: 'unchanged' });
    assert.deepEqual(clockChange(true, right), { skewed: false, change: 'agrees-again' });
    assert.deepEqual(clockChange(false, unsure), { skewed: false, change: 'unchanged' });
  });
});
