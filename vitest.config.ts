import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@engine-worker': fileURLToPath(new URL('./src/app/engineWorker.ts', import.meta.url)) } },
  test: {
    // Vitest's default keeps one core free; on the 2-core CI machine the unit projects then run on one worker.
    // Two workers take the unit run from about 5.7 to 3.8 minutes; the e2e project stays one file at a time.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'sim', include: ['test/sim/**/*.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 120_000 } },
      { extends: true, test: { name: 'ui', include: ['test/ui/**/*.test.{ts,tsx}'], environment: 'jsdom', testTimeout: 60_000, hookTimeout: 120_000 } },
      {
        extends: true,
        test: {
          name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node', testTimeout: 120_000, hookTimeout: 180_000,
          // One browser at a time on a 2-core machine keeps timings honest and avoids starving the dev server.
          fileParallelism: false,
        },
      },
    ],
  },
});
