import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real ESLint runs, real parses and spawned CLI runs are slower than unit tests on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
