import * as assert from 'node:assert/strict';
import { count, noun } from '../../../src/core/text/count';

describe('counts in words', () => {
  it('says one thing in the singular and any other number, zero included, in the plural', () => {
    assert.equal(count(1, 'event'), '1 event');
    assert.equal(count(0, 'event'), '0 events');
    assert.equal(count(2, 'day'), '2 days');
    assert.equal(count(1, 'pull request'), '1 pull request');
    assert.equal(count(12, 'overdue action item'), '12 overdue action items');
  });

  it('takes a plural the "s" rule does not make', () => {
    assert.equal(count(1, 'person', 'people'), '1 person');
    assert.equal(count(3, 'person', 'people'), '3 people');
    assert.equal(noun(1, 'match', 'matches'), 'match');
    assert.equal(noun(1.5, 'page'), 'pages');
  });
});
