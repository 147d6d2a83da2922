// Lint enforces the layering of ARCHITECTURE.md so nobody has to remember it:
// sim <- state <- ui <- embed/app, node-forge only in src/sim/tls/forge.ts, no wall clock or Math.random in sim.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const UI_LIBS = ['react', 'react-dom', 'react-dom/*', 'react/*', 'zustand', 'zustand/*', 'framer-motion', 'motion', 'motion/*'];
/**
 * The layers of src/sim, lowest first. Each folder may import (code, not just types) only from earlier layers;
 * folders of one layer not from each other. index.ts, engine.ts and exports.ts are the entry points above all.
 */
const SIM_LAYERS = [
  ['core'], ['net'], ['scenarios'], ['tls'], ['tlsShared'], ['tls12', 'tls13'], ['http'], ['nodes'], ['lb'], ['observe'], ['run'], ['lessons'], ['authoring'], ['content', 'export'],
];
/** The folders a folder of `level` must not import: every later layer, and its siblings in the same layer. */
const aboveOf = (level, folder) => [...SIM_LAYERS[level].filter((f) => f !== folder), ...SIM_LAYERS.slice(level + 1).flat()];
const ABOVE_THE_ENGINE = ['**/state/**', '**/ui/**', '**/embed/**', '**/app/**'];
/** Import rules for engine files: no UI library, nothing above the engine, plus the layer's own patterns. */
const engineImports = (files, above, patterns = []) => ({
  files,
  rules: {
    'no-restricted-imports': 'off',
    '@typescript-eslint/no-restricted-imports': ['error', {
      paths: [forgeBan, ajvBan],
      patterns: [
        { group: UI_LIBS, message: 'The engine (src/sim) stays free of React, zustand and motion.' },
        { group: above, message: 'src/sim must not import from the layers above it (nor, inside a layer, its own entry points).' },
        ...patterns,
      ],
    }],
  },
});
// Types cost nothing at run time; any runtime import of forge goes through src/sim/tls/forge.ts.
const forgeBan = { name: 'node-forge', message: 'Only src/sim/tls/forge.ts imports node-forge; import from there.', allowTypeImports: true };
// ajv checks the JSON Schemas in the tests only; the app has one validator of its own (src/sim/authoring).
const ajvBan = { name: 'ajv', message: 'ajv is a test-only devDependency: validate with src/sim/authoring.' };

export default tseslint.config(
  { ignores: ['dist/**', 'dist-single/**', 'node_modules/**', 'test-results/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      // Protocol parsers must match control bytes on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'Use the seeded Rng passed to the run (determinism).' },
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'The engine runs on virtual time.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The engine runs on virtual time; pass fixed dates.' },
        { selector: "MemberExpression[object.name='performance'][property.name='now']", message: 'Take a clock from RunEnvironment instead.' },
        { selector: "CallExpression[callee.name=/^(setTimeout|setInterval|setImmediate)$/]", message: 'Use the scheduler (virtual time).' },
        { selector: "MemberExpression[property.name='getRandomValues']", message: 'Use the seeded Rng passed to the run.' },
      ],
    },
  },
  // The entry points (index.ts, engine.ts, exports.ts) may import any layer, but nothing above the engine.
  engineImports(['src/sim/*.ts'], ABOVE_THE_ENGINE),
  // The engine's own layers, lowest first (ARCHITECTURE.md): a folder imports only from the folders before it.
  ...SIM_LAYERS.flatMap((layer, level) => layer.map((folder) => engineImports(
    [`src/sim/${folder}/**/*.ts`],
    [...ABOVE_THE_ENGINE, '**/sim/index', '**/sim/engine', '**/sim/exports'],
    aboveOf(level, folder).map((above) => ({
      group: [`**/${above}/**`, `../${above}/**`, `../../${above}/**`],
      // Types vanish at run time; the layering is about code that runs.
      allowTypeImports: true,
      message: `src/sim/${folder} sits below src/sim/${above} (${SIM_LAYERS.map((l) => l.join('/')).join(' <- ')}).`,
    })),
  ))),
  { files: ['src/sim/tls/forge.ts'], rules: { '@typescript-eslint/no-restricted-imports': 'off' } },
  {
    // No import cycle anywhere in src/ (type-only imports cost nothing at run time and are not counted).
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src/state/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [forgeBan, ajvBan], patterns: [{ group: ['**/ui/**', '**/embed/**', '**/app/**'], message: 'state sits below ui/embed/app.' }] }] },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [forgeBan, ajvBan], patterns: [
        { group: ['**/embed/**', '**/app/**'], message: 'ui sits below embed/app.' },
        { group: ['**/sim/*/**', '!**/sim/index'], message: 'ui imports the engine only through src/sim/index.ts.' },
        { group: ['**/sim/engine', '**/sim/engine.ts', '**/worker/engine.worker*'], message: 'The engine runner (node-forge) lives in the worker; the page imports src/sim/index.ts (or src/sim/exports.ts lazily).' },
      ] }],
    },
  },
  {
    files: ['src/embed/**/*.{ts,tsx}', 'src/app/**/*.{ts,tsx}', 'src/worker/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'no-restricted-imports': ['error', { paths: [forgeBan, ajvBan] }] },
  },
);
