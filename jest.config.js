'use strict';

const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    {
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', tsx: true },
        transform: { react: { runtime: 'automatic' } },
      },
      module: { type: 'commonjs' },
    },
  ],
};

const project = (name, color, testMatch, setupFiles = []) => ({
  displayName: { name, color },
  testEnvironment: 'node',
  testMatch,
  setupFiles,
  transform,
  modulePathIgnorePatterns: ['<rootDir>/playground/.tmp', '<rootDir>/dist', '<rootDir>/playground/build'],
});

// What talks to the database runs a second time on PostgreSQL, production's database, so a dialect defect shows.
const onPostgres = ['api', 'realtime', 'client', 'failed-responses', 'exports'].map(
  (folder) => `<rootDir>/tests/${folder}/**/*.test.ts`,
);

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    project('sqlite', 'blue', ['<rootDir>/tests/**/*.test.ts']),
    project('postgres', 'magenta', onPostgres, ['<rootDir>/tests/helpers/on-postgres.ts']),
  ],
  // Each test file boots its own Strapi; one at a time keeps two cores responsive.
  maxWorkers: 1,
  testTimeout: 120000,
};
