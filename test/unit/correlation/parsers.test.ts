import * as assert from 'node:assert/strict';
import {
  deployTrailerEnvironments,
  parseDeployLog,
  parseForEachRef,
  parseGitLog,
  parseGitIsoTime,
  parseRepoState,
  parseTrailers,
} from '../../../src/core/correlation';

// Captured from `git log --format=LOG_FORMAT --raw --numstat --no-renames -z` (git 2.39) on a repo with
// a binary file, a deletion, a path with a space and a non-ASCII name, and a message with trailers.
const CAPTURED_LOG =
  '\x1ef2dff1c90e300722ac82d80e414ce9002a283168\x1f6a8bb1a5d1045779154ffaf8ca67ef59c2a0f602\x1fA\x1fa@x\x1f2026-11-22T17:48:56+00:00\x1f2026-11-22T17:48:56+00:00\x1fHEAD -> main, tag: v1\x1fsecond\n\x1f\0\n' +
  ':100644 100644 422c2b7 6372083 M\0a.txt\0:100644 000000 bdc955b 0000000 D\0bin.dat\0:000000 100644 0000000 587be6b A\0we ird/ü.txt\0' +
  '2\t1\ta.txt\0-\t-\tbin.dat\0' +
  '1\t0\twe ird/ü.txt\0' +
  '\x1e6a8bb1a5d1045779154ffaf8ca67ef59c2a0f602\x1f\x1fA\x1fa@x\x1f2026-03-08T01:59:00-05:00\x1f2026-03-08T03:01:00-04:00\x1f\x1ffirst\n\nbody line\n\nDeployed-to: production\nCo-authored-by: B <b@x>\n\x1f\0\n' +
  ':000000 100644 0000000 422c2b7 A\0a.txt\0:000000 160000 0000000 bdc955b A\0vendor/sdk\0' +
  '2\t0\ta.txt\0' +
  '1\t0\tvendor/sdk\0';

describe('correlation parsers', () => {
  describe('parseGitLog on captured output', () => {
    const [second, first] = parseGitLog(CAPTURED_LOG);

    it('reads shas, parents, refs and subjects', () => {
      assert.equal(second.sha, 'f2dff1c90e300722ac82d80e414ce9002a283168');
      assert.deepEqual(second.parents, ['6a8bb1a5d1045779154ffaf8ca67ef59c2a0f602']);
      assert.deepEqual(first.parents, []);
      assert.deepEqual(second.refs, ['HEAD -> main', 'tag: v1']);
      assert.equal(second.subject, 'second');
    });

    it('reads files with status, counts, binary flag and unusual names', () => {
      assert.deepEqual(
        second.files.map((f) => [f.path, f.status, f.additions, f.deletions, f.binary]),
        [
          ['a.txt', 'modified', 2, 1, false],
          ['bin.dat', 'deleted', 0, 0, true],
          ['we ird/ü.txt', 'added', 1, 0, false],
        ],
      );
    });

    it('marks gitlinks as submodules with no line counts', () => {
      const sdk = first.files.find((f) => f.path === 'vendor/sdk');
      assert.ok(sdk?.submodule);
      assert.equal(sdk?.additions, 0);
    });

    it('stores UTC and keeps the writer offset across a DST change', () => {
      assert.equal(first.authoredAt, '2026-03-08T06:59:00.000Z');
      assert.equal(first.authorUtcOffsetMinutes, -300);
      assert.equal(first.committedAt, '2026-03-08T07:01:00.000Z');
      assert.equal(first.committerUtcOffsetMinutes, -240);
    });

    it('reads the body and trailers', () => {
      assert.match(first.body, /^body line/);
      assert.deepEqual(deployTrailerEnvironments(first.trailers), ['production']);
    });

    it('caps files per commit and counts what it left out', () => {
      const [capped] = parseGitLog(CAPTURED_LOG, { maxFilesPerCommit: 1 });
      assert.equal(capped.files.length, 1);
      assert.equal(capped.filesOmitted, 2);
    });

    it('rejects a truncated record clearly', () => {
      assert.throws(() => parseGitLog('\x1eabc\x1fdef'), /2 fields, expected 9/);
    });

    it('rejects a bad time', () => {
      assert.throws(() => parseGitIsoTime('yesterday'), /"yesterday"/);
    });

    it('reads times the way Date.parse does, in the strict %aI shape and any other', () => {
      const general = (iso: string) => {
        const zone = /([+-])(\d{2}):?(\d{2})$/.exec(iso.trim());
        return {
          utc: new Date(Date.parse(iso)).toISOString(),
          offsetMinutes: zone ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) : 0,
        };
      };
      for (const iso of [
        '2026-03-08T01:59:00-05:00',
        '2026-11-22T23:30:00+14:00',
        '2024-02-29T12:00:00+00:00',
        '1999-12-31T23:59:59-00:00',
        '2026-11-22T14:15:00Z',
        '2026-11-22T14:15:00.123+01:00',
        '2026-11-22T14:15:00+0100',
        '1970-01-01T00:00:00+00:00',
        '2026-02-30T00:00:00+00:00',
        '2026-11-22T24:00:00+00:00',
      ]) {
        if (Number.isNaN(Date.parse(iso))) {
          assert.throws(() => parseGitIsoTime(iso), iso);
        } else {
          assert.deepStrictEqual(parseGitIsoTime(iso), general(iso), iso);
        }
      }
    });
  });

  it('parseForEachRef peels annotated tags and keeps symrefs', () => {
    const refs = parseForEachRef(
      'refs/tags/v1.0.0\0aaaa\0bbbb\x001700000000\0\n' +
        'refs/tags/light\0cccc\0\x001700000060\0\n' +
        'refs/remotes/origin/HEAD\0dddd\0\x001700000000\0refs/remotes/origin/main\n',
    );
    assert.deepEqual(
      refs.map((r) => [r.ref, r.sha, r.annotated]),
      [
        ['refs/tags/v1.0.0', 'bbbb', true],
        ['refs/tags/light', 'cccc', false],
        ['refs/remotes/origin/HEAD', 'dddd', false],
      ],
    );
    assert.equal(refs[0].at, '2023-11-14T22:13:20.000Z');
    assert.equal(refs[2].symref, 'refs/remotes/origin/main');
  });

  it('parseRepoState tells a branch from a detached HEAD', () => {
    const sha = 'f2dff1c90e300722ac82d80e414ce9002a283168';
    assert.equal(parseRepoState(`/r/.git\n/r\nfalse\n${sha}\nrefs/heads/main\n`).branch, 'main');
    const detached = parseRepoState(`/r/.git\n/r\ntrue\n${sha}\nHEAD\n`);
    assert.equal(detached.branch, undefined);
    assert.equal(detached.shallow, true);
    assert.equal(detached.headSha, sha);
  });

  describe('parseTrailers', () => {
    it('reads the last paragraph when every line is a trailer, with continuations', () => {
      assert.deepEqual(parseTrailers('Fix it\n\nBecause.\n\nDeployed-to: production\nSee-also: a\n  b'), [
        { key: 'Deployed-to', value: 'production' },
        { key: 'See-also', value: 'a b' },
      ]);
    });
    it('ignores a prose last paragraph and one-line messages', () => {
      assert.deepEqual(parseTrailers('Fix it\n\nNote: this is prose\nand more prose'), []);
      assert.deepEqual(parseTrailers('Deployed-to: production'), []);
    });
  });

  describe('parseDeployLog', () => {
    it('reads JSON lines and text lines, UTC, and names bad lines', () => {
      const { entries, problems } = parseDeployLog(
        [
          '# deploys',
          '{"time": "2026-11-22T14:00:00+01:00", "sha": "ABCDEF1", "env": "Production", "name": "v2"}',
          '2026-11-22T13:45:00Z a1b2c3d staging canary 3',
          '',
          '2026-11-22T13:45:00 a1b2c3d production',
          '{"sha": "a1b2c3d"}',
          '{oops',
          '2026-11-22T13:45:00Z zzz production',
        ].join('\n'),
      );
      assert.deepEqual(
        entries.map((e) => [e.at, e.sha, e.environment, e.name, e.line]),
        [
          ['2026-11-22T13:00:00.000Z', 'abcdef1', 'production', 'v2', 2],
          ['2026-11-22T13:45:00.000Z', 'a1b2c3d', 'staging', 'canary 3', 3],
        ],
      );
      assert.deepEqual(
        problems.map((p) => p.line),
        [5, 6, 7, 8],
      );
      assert.match(problems[0].message, /no time zone/);
      assert.match(problems[1].message, /"time"/);
      assert.match(problems[2].message, /not valid JSON/);
      assert.match(problems[3].message, /not a commit sha/);
    });
  });
});
