// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The floors of the house (docs/architecture.md): each folder imports only the folders beneath
 * it. `domain/` is pure; `platform/` is shared plumbing; `db/` holds every query; `workflows/` is
 * sandboxed workflow code; `activities/` and `api/` are the two sides that use them; `dev/` holds
 * the embedded development servers; `app/` is the composition root; `bin/` the entry points.
 */
const FLOORS = ['domain', 'platform', 'db', 'workflows', 'activities', 'api', 'dev', 'app', 'bin'];
const MAY_IMPORT = {
  domain: [],
  platform: ['domain'],
  db: ['domain', 'platform'],
  // Workflows see activities only as types (proxyActivities<typeof …>).
  workflows: ['domain'],
  activities: ['domain', 'platform', 'db', 'workflows'],
  api: ['domain', 'platform', 'db', 'workflows'],
  dev: ['domain', 'platform'],
  app: ['domain', 'platform', 'db', 'workflows', 'activities', 'api', 'dev'],
  bin: ['domain', 'platform', 'db', 'dev', 'app'],
};
/** Workflow and domain code runs in Temporal's deterministic sandbox: no Node built-ins. */
const NODE_BUILTINS = {
  group: ['node:*', 'fs', 'path', 'crypto', 'os', 'http', 'net', 'child_process'],
  message: 'workflow and domain code imports nothing from Node',
};

const floorRules = FLOORS.map((floor) => {
  const forbidden = FLOORS.filter((f) => f !== floor && !MAY_IMPORT[floor].includes(f));
  /** @type {any[]} */
  const patterns = forbidden.map((f) => ({
    // From any depth inside the folder: '../api/x.js', '../../api/x.js'.
    regex: `^(\\.\\./)+${f}/`,
    message: `${floor}/ may import only ${MAY_IMPORT[floor].join(', ') || 'itself'} (docs/architecture.md, "Floors")`,
    ...(floor === 'workflows' && f === 'activities' ? { allowTypeImports: true } : {}),
  }));
  if (floor === 'workflows' || floor === 'domain') patterns.push(NODE_BUILTINS);
  return {
    files: [`${floor}/**/*.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
  };
});

export default tseslint.config(
  { ignores: ['node_modules/**', '.tools/**', '.data/**', '.test-data/**', 'coverage/**', '**/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  ...floorRules,
);
