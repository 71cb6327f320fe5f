// The benchmark runs apart from the test suite: `yarn bench:prometheus`.
const base = require('@backstage/cli/config/jest');

module.exports = async (...args) => {
  const config = await (typeof base === 'function' ? base(...args) : base);
  const project = config.projects ? config.projects[0] : config;
  return {
    ...project,
    rootDir: `${__dirname}/..`,
    testMatch: ['<rootDir>/bench/**/*.bench.ts'],
  };
};
