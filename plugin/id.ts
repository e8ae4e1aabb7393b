/** The plugin's id: Strapi registers it as `plugin::livechat`, admin routes live under `/livechat`. */
export const PLUGIN_ID = 'livechat';

/** Path the socket.io server listens on, beside Strapi's own routes. */
export const SOCKET_PATH = '/livechat/socket.io';

/** socket.io namespace for website visitors. */
export const VISITOR_NAMESPACE = '/livechat-visitor';

/** socket.io namespace for agents working in the admin. */
export const AGENT_NAMESPACE = '/livechat-agent';

/** Full uid of one of the plugin's content types. */
export const uid = <Name extends string>(name: Name) => `plugin::${PLUGIN_ID}.${name}` as const;

/** Path of an inbox page inside the Strapi admin, e.g. `inboxPath('conversation', 12)`. */
export const inboxPath = (...parts: Array<string | number>) => `/plugins/${PLUGIN_ID}/${parts.join('/')}`;
