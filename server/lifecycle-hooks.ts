import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../plugin/id';
import { ACTION_LABELS, ACTIONS, type ActionKey } from '../plugin/permissions';
import { listenForBotReplies } from './listeners/bot-replies';
import { listenForDeskEmails } from './listeners/desk-emails';
import { listenForHandoffs } from './listeners/handoffs';
import { listenForPublishedEntries } from './listeners/published-entries';
import { listenForTagging } from './listeners/tagging';
import { listenForVisitorEmails } from './listeners/visitor-emails';
import { listenForWebhooks } from './listeners/webhooks';
import { startGateway, type Gateway } from './realtime/gateway';
import { connectRedis, disconnectRedis } from './redis';
import { service } from './services/registry';
import { backfillLastVisitorMessages } from './store/last-visitor-message';

const gateways = new WeakMap<Core.Strapi, Gateway>();
/** What stops each listener; the email listeners also wait for the emails under way. */
const listeners = new WeakMap<Core.Strapi, Array<() => unknown>>();

/** Registers the plugin's permission actions so roles can be given them under Settings → Roles. */
async function registerPermissions(strapi: Core.Strapi) {
  const actions = (Object.keys(ACTIONS) as ActionKey[]).map((key) => ({
    section: 'plugins',
    displayName: ACTION_LABELS[key],
    uid: ACTIONS[key],
    pluginName: PLUGIN_ID,
  }));
  await strapi.service('admin::permission').actionProvider.registerMany(actions);
}

export async function bootstrap({ strapi }: { strapi: Core.Strapi }) {
  await connectRedis(strapi);
  await registerPermissions(strapi);
  await service(strapi, 'settings').seedDefaults();
  await backfillLastVisitorMessages(strapi);
  service(strapi, 'routing').start();
  service(strapi, 'inactivity').start();
  service(strapi, 'queue').start();
  listeners.set(strapi, [
    listenForBotReplies(strapi),
    listenForTagging(strapi),
    listenForWebhooks(strapi),
    listenForDeskEmails(strapi),
    listenForVisitorEmails(strapi),
    listenForPublishedEntries(strapi),
    listenForHandoffs(strapi),
  ]);
  await service(strapi, 'desk-settings').start();
  await service(strapi, 'knowledge').start();
  gateways.set(strapi, await startGateway(strapi));
}

export async function destroy({ strapi }: { strapi: Core.Strapi }) {
  // Routing stops first: sockets closing on shutdown must not hand the agents' chats back to the queue.
  await service(strapi, 'routing').stop();
  await service(strapi, 'inactivity').stop();
  await gateways.get(strapi)?.close();
  gateways.delete(strapi);
  // After the gateway: closing its sockets marks their visitors offline through this client.
  await disconnectRedis(strapi);
  await service(strapi, 'bot').settle();
  await service(strapi, 'knowledge').stop();
  await Promise.all([service(strapi, 'queue').stop(), ...(listeners.get(strapi) ?? []).map((stop) => stop())]);
  listeners.delete(strapi);
  service(strapi, 'presence').clear();
  service(strapi, 'events').removeAll();
}
