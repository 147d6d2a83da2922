import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { viteSingleFile } from 'vite-plugin-singlefile';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

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
    worker: { format: single ? 'iife' : 'es' },
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
