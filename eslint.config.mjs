// @ts-check
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/**
 * Type-aware checks for the whole project. Two rules carry the weight: no promise may be left
 * unawaited (in a workflow a dropped rejection fails the workflow task on every replay), and
 * workflow code may import only deterministic, sandbox-safe modules.
 */
/** Date methods that read or set the machine's local time zone; Amsterdam time comes from common/kalender.ts. */
const LOKALE_TIJD = [
  'getFullYear',
  'getYear',
  'getMonth',
  'getDate',
  'getDay',
  'getHours',
  'getMinutes',
  'getSeconds',
  'getMilliseconds',
  'getTimezoneOffset',
  'setFullYear',
  'setYear',
  'setMonth',
  'setDate',
  'setHours',
  'setMinutes',
  'setSeconds',
  'setMilliseconds',
  'toDateString',
  'toTimeString',
];
const LOKALE_TIJD_UITLEG =
  "reads the machine's time zone, which differs between a laptop, CI and production: use the UTC method or common/kalender.ts (Europe/Amsterdam)";

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
      // A workflow reads as its process: state and handler bodies live in a class per case (see MeldingZaak).
      'max-lines-per-function': ['error', { max: 150 }],
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

  {
    // A route set-up or document builder that outgrows a screen hides its rules; split it per resource (api/routes/).
    files: ['api/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }] },
  },

  {
    // Terms and rules must not depend on the time zone of the machine they run on.
    files: ['workflows/**/*.ts', 'common/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', ...LOKALE_TIJD.map((property) => ({ property, message: LOKALE_TIJD_UITLEG }))],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length>1]",
          message: `new Date(year, month, …) ${LOKALE_TIJD_UITLEG}`,
        },
        {
          selector: "CallExpression[callee.property.name=/^toLocale(Date|Time)?String$/]:not(:has(Property[key.name='timeZone']))",
          message: `toLocale…String without a timeZone option ${LOKALE_TIJD_UITLEG}`,
        },
        {
          selector:
            "NewExpression[callee.object.name='Intl'][callee.property.name='DateTimeFormat']:not(:has(Property[key.name='timeZone']))",
          message: `Intl.DateTimeFormat without a timeZone option ${LOKALE_TIJD_UITLEG}`,
        },
      ],
    },
  },
);
