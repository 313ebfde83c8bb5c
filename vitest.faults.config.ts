import { defineConfig } from 'vitest/config';

/** `npm run test:faults`: the fault suite (kills, cut connections, load, fuzzing), apart from `npm test`. */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.fault.ts'],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/temp-root.ts'],
    pool: 'forks',
    fileParallelism: false,
  },
});
