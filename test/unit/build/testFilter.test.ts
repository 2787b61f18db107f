import * as assert from 'node:assert/strict';
import { titleFilter } from '../../integration/index';

describe('WARROOM_TEST_GREP: which integration tests a developer runs', () => {
  it('keeps the tests whose title contains any of the |-separated texts, each taken literally', () => {
    const filter = titleFilter('ranks the pool change first | ranks what landed (squash merges');
    assert.ok(filter.test('Deploy correlation correlates after Declare on its own and ranks the pool change first under the incident'));
    assert.ok(filter.test('Deploy correlation ranks what landed (squash merges, no tags)'));
    assert.ok(!filter.test('Deploy correlation explains a folder that is not a git repository'));
    // Regular-expression characters are text: "a.b" does not match "axb".
    assert.ok(!titleFilter('a.b*').test('axbbb'));
    assert.ok(titleFilter('a.b*').test('see a.b* here'));
  });
});
