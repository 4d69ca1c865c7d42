// Lint: JavaScript and TypeScript essentials, Vue's rules, and the import boundaries of DESIGN.md.
// Formatting is Prettier's (eslint-config-prettier turns the layout rules off).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import ts from 'typescript-eslint';

/** `no-restricted-imports` patterns: one entry a forbidden group, with why. */
const forbid = (...groups) => ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }];

const NODE = [['node:*'], 'schemas/ runs in the browser and on the server: no Node modules'];
const SERVER = [['**/server/**'], 'studio/ talks to the server over HTTP only; shared code lives in schemas/'];
const STUDIO = [['**/studio/**'], 'server/ never imports studio/; shared code lives in schemas/'];
const FRAMEWORKS = [
  ['express', 'vue', 'pinia', 'element-plus', '@vue-flow/*', 'vue-router'],
  'schemas/ is plain TypeScript over plain data',
];
const STORES = [
  ['**/stores/**', '**/*.store.ts'],
  'utilities, editor functions and the preview model do not import stores; stores import them',
];
const UPWARD_FROM_STORE = [
  ['**/runtime/**', '**/auth/**', '**/studio-api/**', '**/http/**', '**/startup/**'],
  'the storage layer knows nothing above it',
];
const DRAFTS = [
  ['**/studio-api/**', '**/store/drafts.ts', '../store/drafts.ts'],
  'the public runtime serves only what is published: it never reads drafts',
];

export default ts.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', '.ci/out/', 'tests/e2e/screenshots/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'vue/multi-word-component-names': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
      // full-width spaces (U+3000) separate parts of Chinese text
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
    },
  },
  {
    files: ['schemas/**'],
    rules: {
      'no-restricted-imports': forbid(NODE, SERVER, STUDIO, FRAMEWORKS),
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'localStorage', 'fetch'],
    },
  },
  { files: ['server/**'], languageOptions: { globals: globals.node }, rules: { 'no-restricted-imports': forbid(STUDIO) } },
  { files: ['server/store/**'], rules: { 'no-restricted-imports': forbid(STUDIO, UPWARD_FROM_STORE) } },
  { files: ['server/runtime/**'], rules: { 'no-restricted-imports': forbid(STUDIO, DRAFTS) } },
  {
    files: ['studio/**'],
    languageOptions: { globals: globals.browser },
    rules: { 'no-restricted-imports': forbid(SERVER, [['node:*'], 'studio/ runs in the browser']) },
  },
  {
    files: ['studio/src/util/**', 'studio/src/editor/**', 'studio/src/preview/**', 'studio/src/api/**'],
    rules: { 'no-restricted-imports': forbid(SERVER, STORES) },
  },
  { files: ['tests/**', '.ci/**', '*.config.*', 'vite.config.ts'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  prettier,
);
