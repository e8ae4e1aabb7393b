import type { Core } from '@strapi/strapi';
import type { WidgetConfig } from '../../plugin/contracts/settings';
import { pluginConfig } from '../config';
import { service } from '../services/registry';
import { action } from './http';

/** Help-desk settings for the admin, and the public part the widget draws itself with. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  get: action(async () => service(strapi, 'desk-settings').get()),
  update: action(async (ctx) => service(strapi, 'desk-settings').update((ctx.request as { body?: unknown }).body)),
  widgetConfig: action(async (): Promise<WidgetConfig.Response> => {
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
    };
  }),
});
