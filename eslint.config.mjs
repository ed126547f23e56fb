// @ts-check
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/**
 * Type-aware checks for the whole project. Two rules carry the weight: no promise may be left
 * unawaited (in a workflow a dropped rejection fails the workflow task on every replay), and
 * workflow code may import only deterministic, sandbox-safe modules.
 */
export default tseslint.config(
  { ignores: ['node_modules/', '.temporal/', '.data/', '**/dist/', 'eslint.config.mjs'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      // In a workflow `void promise` does not count as handled either: a rejection nobody awaits
      // fails the workflow task on every replay.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', ...builtinModules], message: 'workflows run in the deterministic sandbox: no Node APIs' },
            { group: ['zod', 'zod/*'], message: 'workflows stay zod-free; validate in the API, use the inferred types only' },
            {
              group: ['**/activities', '**/activities/**', '**/common/schemas', '**/common/config', '**/workers/**', '**/api/**'],
              allowTypeImports: true,
              message: 'workflows may import only types from activities, schemas, configuration, workers and the API',
            },
          ],
        },
      ],
    },
  },
);
