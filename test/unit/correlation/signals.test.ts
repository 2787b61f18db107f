import * as assert from 'node:assert/strict';
import {
  classifyPath,
  codeownersGlobs,
  isDocumentation,
  correlationWindow,
  emptyWindowMessage,
  environmentOfTag,
  keywordStems,
  parseCodeowners,
  parseEvidence,
  revertCommand,
  inServiceFolder,
  serviceMatcher,
  sharedSuffixSegments,
  stem,
  tagClassifier,
  DEFAULT_TAG_PATTERNS,
} from '../../../src/core/correlation';

describe('correlation signals', () => {
  describe('parseEvidence', () => {
    it('reads JS/TS frames with symbols and marks node_modules as third party', () => {
      const { frames } = parseEvidence(
        'Error: x\n    at Charger.charge (/srv/app/src/pay/charge.ts:42:13)\n    at /srv/app/node_modules/express/router.js:1:2\n    at async file:///srv/app/dist/main.mjs:9:1',
      );
      assert.deepEqual(
        frames.map((f) => [f.path, f.line, f.thirdParty]),
        [
          ['srv/app/src/pay/charge.ts', 42, false],
          ['srv/app/node_modules/express/router.js', 1, true],
          ['srv/app/dist/main.mjs', 9, false],
        ],
      );
      assert.deepEqual(frames[0].symbols, ['Charger', 'charge']);
    });

    it('reads Java frames as package paths', () => {
      const [frame] = parseEvidence('\tat com.acme.payments.PaymentService$Inner.charge(PaymentService.java:87)').frames;
      assert.equal(frame.path, 'com/acme/payments/PaymentService.java');
      assert.equal(frame.line, 87);
      assert.deepEqual(frame.symbols, ['PaymentService', 'charge']);
    });

    it('reads Python, Ruby and Go frames', () => {
      const py = parseEvidence('  File "/app/payments/charge.py", line 42, in charge_card').frames[0];
      assert.deepEqual([py.path, py.line, py.symbols], ['app/payments/charge.py', 42, ['charge_card']]);
      const rb = parseEvidence("/app/models/user.rb:17:in `block in save'").frames[0];
      assert.deepEqual([rb.path, rb.line, rb.symbols], ['app/models/user.rb', 17, ['save']]);
      const go = parseEvidence(
        'github.com/acme/shop/pay.(*Service).Charge(0xc000010000)\n\t/go/src/github.com/acme/shop/pay/service.go:123 +0x1d',
      ).frames;
      assert.deepEqual(go[0].symbols, ['Service', 'Charge']);
      assert.deepEqual([go[1].path, go[1].line], ['go/src/github.com/acme/shop/pay/service.go', 123]);
    });

    it('finds file:line mentions in plain log lines', () => {
      const { frames } = parseEvidence('level=error msg="boom" caller=pay/retry.go:88 other=config/app.yaml:3');
      assert.deepEqual(
        frames.map((f) => [f.path, f.line, f.sourceLine]),
        [
          ['pay/retry.go', 88, 1],
          ['config/app.yaml', 3, 1],
        ],
      );
    });

    it('matches trace paths to repo paths by shared trailing segments', () => {
      assert.equal(sharedSuffixSegments('src/main/java/com/acme/payments/PaymentService.java', 'com/acme/payments/PaymentService.java'), 4);
      assert.equal(sharedSuffixSegments('src/pay/charge.ts', 'srv/app/src/pay/charge.ts'), 3);
      assert.equal(sharedSuffixSegments('src/pay/charge.ts', 'src/pay/refund.ts'), 0);
    });
  });

  describe('words', () => {
    it('stems so plural and -ing forms meet', () => {
      assert.equal(stem('timeouts'), stem('timeout'));
      assert.equal(stem('retries'), stem('retrying'));
      assert.equal(stem('charging'), stem('charge'));
    });
    it('drops stop words, incident boilerplate and splits camelCase', () => {
      assert.deepEqual(keywordStems('SEV1: Checkout errors after the paymentGateway timeouts'), [
        'checkout',
        'payment',
        'gateway',
        'timeout',
      ]);
    });
    it('reads ASCII in one pass exactly as the regex reading does, and other text the regex way', () => {
      // The reading keywordStems had before its one-pass ASCII tokenizer (a lower-case word is kept
      // when keywordStems keeps it on its own: long enough, not a stop word, not a number).
      const byRegex = (text: string) => [
        ...new Set(
          text
            .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
            .toLowerCase()
            .split(/[^a-z0-9]+/)
            .filter((w) => w.length >= 3 && !/^\d+$/.test(w) && keywordStems(w).length > 0)
            .map(stem),
        ),
      ];
      const samples = [
        'Retry card charges on gateway errors',
        'src/payments/chargeCard.ts',
        'HTTPServer parseJSONBody v2Api x9Y',
        'aBcDeF ABCdef abc123Def 123ABC',
        '  --leading and trailing--  ',
        "Merge branch 'feature/PAY-123_retryLogic'",
        'tabs\tand\nnew\r\nlines',
        'Ünïcödé Straße retries',
        'KELVIN \u212a sign İstanbul',
        '',
        '12345 678 ab',
      ];
      for (const text of samples) {
        assert.deepEqual(keywordStems(text), byRegex(text), text);
      }
    });
  });

  describe('path classes', () => {
    const cases: [string, string[]][] = [
      ['db/migrations/0042_add_index.sql', ['migration']],
      ['alembic/versions/abc_add.py', ['migration']],
      ['package-lock.json', ['dependency']],
      ['uv.lock', ['dependency']],
      ['services/api/go.sum', ['dependency']],
      ['infra/main.tf', ['iac']],
      ['Dockerfile', ['iac']],
      ['.env.production', ['env']],
      ['config/feature-flags.yaml', ['config']],
      ['src/payments/charge.ts', []],
      ['test/fixtures/payload.json', []],
      // CI pipelines run on the build machines, never in production (the judge: docs/judge.md).
      ['.github/workflows/release.yml', []],
      ['.gitlab-ci.yml', []],
      ['.circleci/config.yml', []],
      ['.drone/drone.yml', []],
      // Repository tooling: repository settings, linters, release tools, other CI systems.
      ['.github/settings.yml', []],
      ['.github/actions/install-go/action.yml', []],
      ['.golangci.yml', []],
      ['.env.production.yaml', ['env']],
      ['.platform.app.yaml', ['config']],
      ['.zuul.yaml', []],
      ['.zuul/playbooks/containerd-build/integration-test.yaml', []],
      ['appveyor.yml', []],
      ['.devcontainer/devcontainer.json', []],
      // What does not run in production: documentation, tests and their data, examples, changelog fragments.
      ['docs/configuration/config-file-reference.md', []],
      ['production/helm/loki/CHANGELOG.md', []],
      ['exporter/loggingexporter/testdata/config_loglevel_typo.yaml', []],
      ['pkg/configs/legacy_promql/fuzz-data/ParseExpr/corpus/from_tests_1', []],
      ['examples/k8s/otel-config.yaml', []],
      ['traefik.sample.toml', []],
      ['.env.example', []],
      ['example-config.yaml', []],
      ['db/migrations/0042_add_sample_table.sql', ['migration']],
      ['.chloggen/fix-memory-limiter.yaml', []],
      ['tests/go.mod', ['dependency']],
      // Vendored code and older dependency manifests are dependencies, whatever their file type.
      ['vendor/github.com/etcd-io/bbolt/appveyor.yml', ['dependency']],
      ['third_party/forked/golang/net/http.go', ['dependency']],
      ['vendor.conf', ['dependency']],
      ['Gopkg.toml', ['dependency']],
      ['production/helm/loki/values.yaml', ['iac', 'env']],
      ['config/production.yaml', ['config']],
      // Source code is code wherever it sits (the judge: docs/judge.md).
      ['config/config.go', []],
      ['cmd/server/config.go', []],
      ['discovery/kubernetes/pod.go', []],
      ['deploy/rollout.ts', []],
      ['webpack.config.js', []],
      ['db/migrations/0043_backfill.go', ['migration']],
      ['setup.py', ['dependency']],
      ['deploy/values.yaml', ['iac', 'env']],
    ];
    for (const [path, expected] of cases) {
      it(`${path} → ${expected.join(', ') || 'none'}`, () => assert.deepEqual(classifyPath(path), expected));
    }
  });

  describe('isDocumentation', () => {
    const cases: [string, boolean][] = [
      ['docs/sources/setup/install.md', true],
      ['README.md', true],
      ['CHANGELOG', true],
      ['Documentation/dev-guide/apispec/swagger/rpc.swagger.json', true],
      ['pkg/doc/images/flow.png', true],
      ['docs/examples/main.go', false],
      ['src/docs.ts', false],
      ['pkg/ingester/flush.go', false],
      ['docsy/theme.yaml', false],
    ];
    for (const [path, expected] of cases) {
      it(`${path} → ${expected ? 'documentation' : 'not documentation'}`, () => assert.equal(isDocumentation(path), expected));
    }
  });

  describe('service paths and CODEOWNERS', () => {
    const rules = parseCodeowners(
      '# owners\n* @acme/platform\n/src/payments/ @acme/payments-team # the team\n*.sql @acme/dba\n[Section]\ndocs/ @acme/docs\n',
    );

    it('parses rules with their line numbers', () => {
      assert.deepEqual(
        rules.map((r) => [r.pattern, r.owners, r.line]),
        [
          ['*', ['@acme/platform'], 2],
          ['/src/payments/', ['@acme/payments-team'], 3],
          ['*.sql', ['@acme/dba'], 4],
          ['docs/', ['@acme/docs'], 6],
        ],
      );
    });

    it('turns gitignore-style patterns into globs', () => {
      assert.deepEqual(codeownersGlobs('/src/payments/'), ['src/payments/**']);
      assert.deepEqual(codeownersGlobs('*.sql'), ['**/*.sql', '**/*.sql/**']);
    });

    it('uses the last matching rule, and settings globs first', () => {
      const matches = serviceMatcher({ service: 'payments', globs: ['services/pay/**'], codeowners: rules });
      assert.match(matches('services/pay/x.ts') ?? '', /matches services\/pay/);
      assert.match(matches('src/payments/charge.ts') ?? '', /@acme\/payments-team \(CODEOWNERS line 3\)/);
      assert.equal(matches('src/payments/schema.sql'), undefined); // *.sql (dba) comes later and wins
      assert.equal(matches('src/search/index.ts'), undefined);
    });

    it('without globs for the service, a folder named after it holds its code', () => {
      const matches = serviceMatcher({ service: 'Checkout-API', globs: [], codeowners: rules });
      assert.equal(matches('services/checkout_api/handler.go'), 'in a folder named after the service');
      assert.equal(matches('CheckoutAPI/main.go'), 'in a folder named after the service');
      assert.equal(matches('services/checkout/handler.go'), undefined); // another name
      assert.equal(matches('cmd/checkout-api'), undefined); // the file's own name is not a folder
      assert.equal(matches('services/checkout-apis/x.go'), undefined); // whole folder names only
      // CODEOWNERS still says who else owns what: an owner naming the service comes first.
      const payments = serviceMatcher({ service: 'payments', globs: [], codeowners: rules });
      assert.match(payments('src/payments/charge.ts') ?? '', /CODEOWNERS line 3/);
      assert.equal(payments('lib/payments/refund.ts'), 'in a folder named after the service');
      assert.equal(payments('lib/refunds/refund.ts'), undefined);
    });

    it('reads no folder names when settings give the service globs, or the name is too short to mean one', () => {
      assert.equal(serviceMatcher({ service: 'payments', globs: ['services/pay/**'] })('lib/payments/refund.ts'), undefined);
      assert.equal(serviceMatcher({ service: 'db', globs: [] })('pkg/db/conn.go'), undefined);
      assert.equal(inServiceFolder('pkg/querier/querier.go', 'querier'), true);
      assert.equal(inServiceFolder('querier.go', 'querier'), false);
    });
  });

  it('classifies tags: deploy patterns before release patterns', () => {
    const classify = tagClassifier(DEFAULT_TAG_PATTERNS);
    assert.equal(classify('v2.4.1'), 'release-tag');
    assert.equal(classify('deploy/production/2026-11-22'), 'deploy-tag');
    assert.equal(classify('prod-42'), 'deploy-tag');
    assert.equal(classify('experiment'), undefined);
    assert.equal(environmentOfTag('deploy/staging/1'), 'staging');
    assert.equal(environmentOfTag('prod-42'), 'production');
  });

  it('revert commands name the mainline for merges', () => {
    assert.equal(revertCommand({ sha: 'abc1234', parents: ['p1'] }), 'git revert abc1234');
    assert.equal(revertCommand({ sha: 'abc1234', parents: ['p1', 'p2'] }), 'git revert -m 1 abc1234');
  });

  describe('window', () => {
    it('is 24 real hours across a DST change, in UTC', () => {
      // US clocks sprang forward at 2026-03-08 02:00 local (07:00Z): 24 h is still 86,400 s.
      const window = correlationWindow(new Date('2026-03-08T14:15:00-04:00'));
      assert.equal(window.from, '2026-03-07T18:15:00.000Z');
      assert.equal(window.to, '2026-03-08T19:15:00.000Z');
    });
    it('says what was empty in the responder’s own clock', () => {
      const window = correlationWindow(new Date('2026-11-22T13:15:00Z'));
      assert.equal(emptyWindowMessage(window, 60), 'no deploys in the 24 h before 14:15; widen the window?');
      assert.match(emptyWindowMessage(correlationWindow(new Date('2026-11-22T13:15:00Z'), 90 * 60_000), 0), /the 90 min before 13:15/);
    });
    it('refuses a window that is not positive', () => {
      assert.throws(() => correlationWindow(new Date(), 0), /positive duration/);
    });
  });
});
