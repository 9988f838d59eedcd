// ESLint (flat config): typescript-eslint's recommended rules everywhere, React's rules of hooks
// in the renderer. Runs in `npm test` (npm run lint); a warning fails it as an error does.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', '.native/**', '.tsbuild/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // React's rules of hooks. Not the React Compiler's rules (refs, immutability, purity, …):
    // we do not compile with it, and the sheet keeps AG Grid's imperative state in refs on purpose.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    rules: {
      // `_name` marks a parameter kept for its position (a handler's unused input)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Chinese text is laid out with the ideographic space (U+3000) on purpose — in the formal
      // forms' paragraphs and in messages; stray whitespace in code itself is still an error
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true, skipComments: true, skipRegExps: true }],
    },
  },
  {
    files: ['scripts/**/*.{mjs,cjs}', 'bench/**/*.{cjs,mjs}', 'eslint.config.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
