// Flat config: typescript-eslint's type-aware recommended rules, plus the project's boundaries:
// a lib is reached only through its public `@app/<lib>` door, never through its internals.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const THROUGH_INDEX = {
  group: ['@app/*/**'],
  message: 'Import a lib only through its public index: @app/<lib>.',
};
const NO_APPS = { group: ['**/apps/**'], message: 'Libs never import an app.' };
// Test helpers stay out of production code, and a unit spec takes its helpers from @app/testing, never from
// the end-to-end tree under test/.
const TESTING_ONLY_IN_SPECS = {
  name: '@app/testing',
  message: 'Only spec and test files import @app/testing.',
};
const NO_TESTING_PATH = { group: ['**/libs/testing/**'], message: TESTING_ONLY_IN_SPECS.message };
const NO_TEST_TREE = { group: ['**/test/**'], message: 'Unit specs take shared helpers from @app/testing.' };
const restrictImports = (patterns, paths = []) => ['error', { patterns, paths }];
const SPECS = ['**/*.spec.ts', '**/*.e2e-spec.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', '.certs/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': restrictImports([THROUGH_INDEX]),
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': restrictImports([THROUGH_INDEX, NO_APPS]) },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: [...SPECS, 'libs/testing/**'],
    rules: {
      'no-restricted-imports': restrictImports(
        [THROUGH_INDEX, NO_APPS, NO_TESTING_PATH],
        [TESTING_ONLY_IN_SPECS],
      ),
    },
  },
  {
    files: ['libs/**/*.spec.ts'],
    rules: { 'no-restricted-imports': restrictImports([THROUGH_INDEX, NO_APPS, NO_TEST_TREE]) },
  },
  {
    files: ['apps/**/*.ts'],
    ignores: SPECS,
    rules: {
      'no-restricted-imports': restrictImports([THROUGH_INDEX, NO_TESTING_PATH], [TESTING_ONLY_IN_SPECS]),
    },
  },
  {
    files: ['apps/**/*.spec.ts'],
    rules: { 'no-restricted-imports': restrictImports([THROUGH_INDEX, NO_TEST_TREE]) },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { ...globals.node },
    },
  },
  {
    files: ['**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'commonjs',
      globals: { ...globals.node },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
