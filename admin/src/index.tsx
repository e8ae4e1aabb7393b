import { Message, Question } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../plugin/id';
import { actionId } from '../../plugin/permissions';
import { FAILED_RESPONSES_LINK } from './failed-responses/paths';
import { registerTrads, t } from './translations';

/** The plugin's admin entry: the "Live chat" menu link, shown to roles that may read conversations. */
export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Message,
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
    app.registerPlugin({ id: PLUGIN_ID, name: 'Live chat' });
  },
  registerTrads,
};
