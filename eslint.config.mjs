// Lint for War Room: typescript-eslint's recommended rules, and the layers of docs/ARCHITECTURE.md as import rules,
// so a file that crosses a layer fails `npm run lint` (and so `npm test`) with the rule's message.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const IO_MODULES = [
  'fs',
  'fs/promises',
  'child_process',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'tls',
  'worker_threads',
  'os',
  'readline',
];
const io = IO_MODULES.flatMap((name) => [name, `node:${name}`]);

function restrict(paths, patterns) {
  return {
    '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }],
  };
}

const noVscode = { name: 'vscode', message: 'Only src/vscode and src/extension.ts import vscode (docs/ARCHITECTURE.md).' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.demo/**', 'test-artifacts/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // War Room matches control characters on purpose (escaping untrusted text), never by accident.
      'no-control-regex': 'off',
      // A variable a closure reads before its one assignment stays `let` (a const there would be in its TDZ).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrict(
      [
        noVscode,
        ...io.map((name) => ({ name, message: 'src/core does no I/O: pass data in from an adapter (docs/ARCHITECTURE.md).' })),
        { name: 'axios', message: 'src/core does no I/O: HTTP belongs in src/adapters.' },
        { name: 'simple-git', message: 'src/core does no I/O: git belongs in src/adapters.' },
        { name: 'pg', message: 'src/core does no I/O: PostgreSQL belongs in src/adapters.' },
      ],
      [
        {
          group: ['**/adapters/**', '**/vscode/**', '**/cli/**', '**/protocol/**'],
          message: 'src/core is the innermost layer: it imports only src/core.',
        },
      ],
    ),
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: restrict(
      [noVscode],
      [{ group: ['**/vscode/**', '**/cli/**', '**/protocol/**'], message: 'src/adapters imports only src/core and outside libraries.' }],
    ),
  },
  {
    files: ['src/protocol/**/*.ts', 'webview-ui/**/*.ts'],
    rules: restrict(
      [noVscode],
      [
        {
          group: ['**/adapters/**', '**/vscode/**', '**/cli/**'],
          message: 'The webview protocol and pages import no adapters and no extension code.',
        },
      ],
    ),
  },
  {
    files: ['src/vscode/**/*.ts', 'src/extension.ts'],
    ignores: ['src/vscode/lazyAdapters.ts'],
    rules: restrict(
      [],
      [
        {
          group: [
            '**/adapters/git',
            '**/adapters/git/**',
            '**/adapters/runbooks',
            '**/adapters/runbooks/**',
            '**/adapters/sync',
            '**/adapters/sync/**',
            '**/adapters/kpi',
            '**/adapters/kpi/**',
            '**/adapters/learning',
            '**/adapters/learning/**',
            '**/adapters/alerts',
            '**/adapters/alerts/**',
            '**/adapters/oncall',
            '**/adapters/oncall/**',
            '**/adapters/assist',
            '**/adapters/assist/**',
            // AI assist's core rides in the assist bundle (src/adapters/assist), off the activation path.
            '**/core/assist',
            '**/core/assist/**',
            '**/adapters/drills',
            '**/adapters/drills/**',
            // The dashboard's exports and on-call load ride in the kpi bundle (kpiReports).
            '**/core/learning/metricsExport',
            '**/core/oncall/load',
            // Alert rows, declarations from alerts, PagerDuty change events and the update senders: the alerts bundle.
            '**/core/alerts/declare',
            '**/core/alerts/runbookLinks',
            '**/core/alerts/changeEvents',
            '**/core/alerts/outbound',
          ],
          allowTypeImports: true,
          message:
            'The heavy adapters (and AI assist core) load on first use: import type here and call them through src/vscode/lazyAdapters.ts.',
        },
        { group: ['**/cli/**'], message: 'The extension does not import the CLI.' },
      ],
    ),
  },
);
