// Admin customisation of the playground. It runs offline (demo machines, CI): no release check against
// api.github.com and no tutorial videos from the network.
export default {
  config: {
    notifications: { releases: false },
    tutorials: false,
  },
  bootstrap() {},
};
