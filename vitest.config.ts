import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      exclude: ['src/**/*.test.ts'],
      reporter: ['text-summary', 'json-summary'],
      // The floor for the core layers; `npm test` runs with coverage so CI enforces it.
      thresholds: {
        'src/metrics/**': { lines: 90 },
        'src/document/**': { lines: 90 },
        'src/refine/**': { lines: 90 },
      },
    },
  },
});
