import type { Core } from '@strapi/strapi';
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { configSchema, type LivechatConfig } from '../plugin/config';
import { PLUGIN_ID } from '../plugin/id';

const cache = new WeakMap<Core.Strapi, LivechatConfig>();

/** Strapi's plugin config entry: an invalid `config/plugins` stops Strapi at startup with the field named. */
export default {
  default: {},
  validator(config: unknown) {
    const result = configSchema.safeParse(config);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`livechat config: ${issue.path.join('.') || 'config'}: ${issue.message}`);
    }
  },
};

/** The plugin's config with defaults applied, parsed once per Strapi instance. */
export function pluginConfig(strapi: Core.Strapi): LivechatConfig {
  let config = cache.get(strapi);
  if (!config) {
    config = configSchema.parse(strapi.config.get(`plugin::${PLUGIN_ID}`) ?? {});
    cache.set(strapi, config);
  }
  return config;
}

/** The visitor-token secret: the configured one, or one derived from the app keys so it survives restarts. */
export function visitorTokenSecret(strapi: Core.Strapi): string {
  const configured = pluginConfig(strapi).visitorTokenSecret;
  if (configured) return configured;
  const keys = strapi.config.get('server.app.keys') as string[] | undefined;
  if (!keys?.length) throw new Error('livechat: set server.app.keys or livechat.config.visitorTokenSecret');
  return createHmac('sha256', keys.join(':')).update('livechat-visitor-token').digest('hex');
}

const visitorTokenKeys = new WeakMap<Core.Strapi, KeyObject>();

/**
 * The visitor token secret as a key object, made once: given a string, jsonwebtoken tries (and fails) to
 * parse it as a PEM key on every sign and verify, a good part of every socket handshake.
 */
export function visitorTokenKey(strapi: Core.Strapi): KeyObject {
  let key = visitorTokenKeys.get(strapi);
  if (!key) {
    key = createSecretKey(Buffer.from(visitorTokenSecret(strapi)));
    visitorTokenKeys.set(strapi, key);
  }
  return key;
}
