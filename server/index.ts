import config from './config';
import contentTypes from './content-types';
import controllers from './controllers';
import { bootstrap, destroy } from './lifecycle-hooks';
import routes from './routes';
import services from './services';

/** Strapi's server entry for the plugin (re-exported by `strapi-server.js` from the build). */
export default {
  register() {},
  bootstrap,
  destroy,
  config,
  contentTypes,
  routes,
  controllers,
  services,
  policies: {},
};
