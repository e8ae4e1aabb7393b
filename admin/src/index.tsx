import { Message, Question } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../plugin/id';
import { actionId } from '../../plugin/permissions';
import { FAILED_RESPONSES_LINK } from './failed-responses/paths';
import { LiveChatNavIcon } from './home/NavIcon';
import { registerTrads, t } from './translations';

/**
 * The plugin's admin entry: the "Live chat" menu link (with the number of waiting visitors on its icon)
 * and the home page widget, shown to roles that may read conversations; the Failed responses link.
 */
export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: LiveChatNavIcon,
      intlLabel: { id: t('plugin.name'), defaultMessage: 'Live chat' },
      permissions: [{ action: actionId('read'), subject: null }],
      Component: () => import('./LiveChat'),
    });
    app.addMenuLink({
      to: FAILED_RESPONSES_LINK,
      icon: Question,
      intlLabel: { id: t('failed.title'), defaultMessage: 'Failed responses' },
      permissions: [{ action: actionId('manageKnowledge'), subject: null }],
      Component: () => import('./failed-responses'),
    });
    app.widgets.register({
      id: 'desk',
      pluginId: PLUGIN_ID,
      icon: Message,
      title: { id: t('home.title'), defaultMessage: 'Live chat' },
      link: { label: { id: t('home.open'), defaultMessage: 'Open the inbox' }, href: `/plugins/${PLUGIN_ID}` },
      permissions: [{ action: actionId('read') }],
      component: async () => (await import('./home/DeskWidget')).default,
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Live chat' });
  },
  registerTrads,
};
