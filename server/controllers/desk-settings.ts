import type { Core } from '@strapi/strapi';
import type { InstallInstructions, WidgetConfig } from '../../plugin/contracts/settings';
import { pluginConfig } from '../config';
import { allowedOrigins, originAllowed } from '../realtime/origins';
import { service } from '../services/registry';
import { action } from './http';

/** Help-desk settings for the admin, and the public part the widget draws itself with. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  get: action(async () => service(strapi, 'desk-settings').get()),
  update: action(async (ctx) => service(strapi, 'desk-settings').update((ctx.request as { body?: unknown }).body)),
  install: action(async (ctx): Promise<InstallInstructions.Response> => {
    const fromConfig = pluginConfig(strapi).allowedOrigins;
    const fromSettings = (await service(strapi, 'desk-settings').get()).allowedOrigins;
    // Strapi's `url`, when set, is how browsers reach it; else the address this request came to (proxy-aware).
    const base = strapi.config.get('server.url') ? String(strapi.config.get('server.absoluteUrl')) : ctx.request.origin;
    const scriptUrl = `${base.replace(/\/$/, '')}/api/livechat/widget.js`;
    return {
      scriptUrl,
      snippet: `<script src="${scriptUrl}" async></script>`,
      allowedOrigins: { config: fromConfig, settings: fromSettings },
      everyOrigin: [...fromConfig, ...fromSettings].includes('*'),
    };
  }),
  widgetConfig: action(async (ctx): Promise<WidgetConfig.Response> => {
    const settings = await service(strapi, 'desk-settings').get();
    const { online, withinBusinessHours, opensAt } = await service(strapi, 'presence').availability();
    return {
      ...settings.widget,
      waitingMessage: settings.waitingMessage,
      online,
      withinBusinessHours,
      opensAt,
      attachments: pluginConfig(strapi).attachments,
      proactiveRules: await service(strapi, 'desk-settings').widgetProactiveRules(),
      originAllowed: originAllowed(ctx.req, await allowedOrigins(strapi)),
    };
  }),
});
