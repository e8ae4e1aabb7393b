// Admin customisation of the playground. It runs offline (demo machines, CI): no release check against
// api.github.com and no tutorial videos from the network. The admin offers French and German besides English
// (Strapi lists only the locales declared here; the plugin ships all three).
export default {
  config: {
    locales: ['fr', 'de'],
    notifications: { releases: false },
    tutorials: false,
  },
  bootstrap() {},
};
