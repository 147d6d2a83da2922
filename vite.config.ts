import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { viteSingleFile } from 'vite-plugin-singlefile';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * node-forge's pki.js and x509.js `require` its password-based encryption (PKCS#5/#8 `pbe`, `pbkdf2`), PKCS#12
 * (with `pkcs7asn1` and `rc2`) and DES for encrypted private keys and .p12 files, which the lab never reads: its
 * keys are unencrypted PKCS#8 from WebCrypto (src/sim/tls/pki.ts). Those modules only add functions to the forge
 * object; nothing the engine calls reaches them (`privateKeyFromPem` refuses encrypted PEM before any of it).
 * In the build they become empty modules: about 10 KB gzip less in the engine worker. Tests and the CLI run the
 * full node-forge, so a future use of these functions fails loudly in the build's e2e suite, not silently.
 */
const FORGE_UNUSED = new Set(['./pbe', './pbkdf2', './pkcs12', './des']);
const EMPTY_PREFIX = '\0forge-unused:';

function dropUnusedForgeModules(): Plugin {
  return {
    name: 'passthrough-lab:drop-unused-forge-modules',
    apply: 'build',
    // Before Vite's own resolver, which would otherwise resolve the files and never ask this plugin.
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !FORGE_UNUSED.has(source) || !/[\\/]node-forge[\\/]lib[\\/]/.test(importer)) return null;
      return `${EMPTY_PREFIX}${source.slice(2)}`;
    },
    load(id) {
      return id.startsWith(EMPTY_PREFIX) ? 'module.exports = {};' : null;
    },
  };
}

// `vite build` makes the hosted site (base './' so it runs from any sub-path); `vite build --mode single` makes one
// self-contained HTML file with the engine worker inlined, for file:// and LMS upload (docs/embedding.md).
export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  return {
    base: './',
    plugins: [react(), ...(single ? [viteSingleFile()] : [])],
    resolve: {
      alias: { '@engine-worker': here(single ? './src/app/engineWorker.inline.ts' : './src/app/engineWorker.ts') },
    },
    // A classic (IIFE) worker in the single file: Chromium refuses module workers from blob: URLs of a file:// page.
    // node-forge lives only in the worker (ARCHITECTURE.md), so the worker's own plugin list is where it is trimmed.
    worker: { format: single ? 'iife' : 'es', plugins: () => [dropUnusedForgeModules()] },
    build: {
      target: 'es2022',
      sourcemap: false,
      chunkSizeWarningLimit: 600,
      outDir: single ? 'dist-single' : 'dist',
    },
    server: { host: '127.0.0.1' },
    preview: { host: '127.0.0.1' },
  };
});
