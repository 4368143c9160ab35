// Lint rules that also hold the architecture in place: the engine (electron/core) never reaches the UI or
// Electron, and only native/ opens SQLite, the llama runtime, PostgreSQL (pg) or OCR (tesseract.js, @napi-rs/canvas).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nativeModules = ['better-sqlite3', 'sqlite-vec', 'node-llama-cpp', 'tesseract.js', '@napi-rs/canvas', 'pg'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The engine is a plain Node library: no Electron imports.' },
            { name: 'react', message: 'The engine is a plain Node library: no React imports.' },
            { name: 'react-dom', message: 'The engine is a plain Node library: no React imports.' },
            ...nativeModules.map((name) => ({ name, message: 'Native modules are opened only in native/.' })),
          ],
          patterns: [
            { group: ['**/renderer/**', 'electron/*', 'react/*', 'react-dom/*'], message: 'The engine must not reach the UI or Electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['electron/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: nativeModules.map((name) => ({ name, message: 'Native modules are opened only in native/.' })) },
      ],
    },
  },
  {
    // The window is a sandboxed web page: no Node, no Electron; it reaches Trove only through window.trove.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'better-sqlite3', 'sqlite-vec', 'node-llama-cpp', 'ws'].map((name) => ({ name, message: 'The renderer runs sandboxed: use window.trove.' })),
          patterns: [{ group: ['node:*', '**/electron/core/**', '**/electron/host/**', '**/native/**'], message: 'The renderer runs sandboxed: use window.trove.' }],
        },
      ],
    },
  },
  {
    // Only the main process and the preload import electron; the host and the contract stay plain Node/TS.
    files: ['electron/host/**/*.ts', 'electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron', ...nativeModules].map((name) => ({ name, message: 'Only electron/main and electron/preload import electron; native modules only in native/.' })) }],
    },
  }
);
