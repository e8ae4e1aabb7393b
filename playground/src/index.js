'use strict';

const { articles, knowledgeEntries } = require('./seed-content');

const DEMO_PASSWORD = 'Livechat-demo-1';
const AGENT_ROLE_NAME = 'Live chat agent';
const KNOWLEDGE_ENTRY_UID = 'plugin::livechat.knowledge-entry';

// Each part runs once per database; the marker lets an editor delete sample content without it coming back.
const seedOnce = async (strapi, part, seed) => {
  const store = strapi.store({ type: 'core', name: 'livechat-playground' });
  if (await store.get({ key: `seeded-${part}` })) return false;
  await seed();
  await store.set({ key: `seeded-${part}`, value: true });
  return true;
};

const findAdminUser = (strapi, email) => strapi.db.query('admin::user').findOne({ where: { email } });

const createAdminUser = async (strapi, { email, firstname, lastname, roleId }) => {
  if (await findAdminUser(strapi, email)) return;
  await strapi.service('admin::user').create({
    email,
    firstname,
    lastname,
    password: DEMO_PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: [roleId],
  });
};

const livechatPermissions = (strapi) =>
  strapi
    .service('admin::permission')
    .actionProvider.values()
    .filter((action) => action.pluginName === 'livechat')
    .map((action) => ({ action: action.actionId, subject: null, properties: {}, conditions: [] }));

const seedUsers = async (strapi) => {
  const roles = strapi.service('admin::role');
  const superAdmin = await roles.getSuperAdmin();
  await createAdminUser(strapi, {
    email: 'admin@livechat.local',
    firstname: 'Demo',
    lastname: 'Admin',
    roleId: superAdmin.id,
  });

  const agentRole =
    (await strapi.db.query('admin::role').findOne({ where: { name: AGENT_ROLE_NAME } })) ??
    (await roles.create({ name: AGENT_ROLE_NAME, description: 'Answers visitors in the live chat inbox.' }));
  await roles.assignPermissions(agentRole.id, livechatPermissions(strapi));
  await createAdminUser(strapi, {
    email: 'agent@livechat.local',
    firstname: 'Demo',
    lastname: 'Agent',
    roleId: agentRole.id,
  });
};

const seedArticles = async (strapi) => {
  const documents = strapi.documents('api::article.article');
  for (const article of articles) {
    const existing = await documents.findFirst({ filters: { slug: article.slug } });
    if (existing) continue;
    const created = await documents.create({ data: article });
    await documents.publish({ documentId: created.documentId });
  }
};

const seedKnowledge = async (strapi) => {
  const entries = strapi.documents(KNOWLEDGE_ENTRY_UID);
  for (const entry of knowledgeEntries) {
    if (await entries.findFirst({ filters: { title: entry.title } })) continue;
    const created = await entries.create({ data: entry });
    await entries.publish({ documentId: created.documentId });
  }
};

module.exports = {
  register() {},

  async bootstrap({ strapi }) {
    // Tests create their own users and content.
    if (process.env.LIVECHAT_SEED === 'false') return;

    const seeded = [];
    if (await seedOnce(strapi, 'users', () => seedUsers(strapi))) seeded.push('users');
    if (await seedOnce(strapi, 'articles', () => seedArticles(strapi))) seeded.push('articles');
    // The knowledge-entry type arrives with the plugin's server build; seed it once it exists.
    if (
      strapi.contentTypes[KNOWLEDGE_ENTRY_UID] &&
      (await seedOnce(strapi, 'knowledge', () => seedKnowledge(strapi)))
    ) {
      seeded.push('knowledge entries');
    }
    // The demo site's branding, as an admin would set it on the Live chat settings page.
    if (
      await seedOnce(strapi, 'widget', () =>
        strapi
          .plugin('livechat')
          .service('desk-settings')
          .update({ widget: { title: 'Larkspur help', color: '#2f6f5e' } }),
      )
    ) {
      seeded.push('widget settings');
    }
    if (seeded.length > 0) {
      strapi.log.info(`Playground seeded (${seeded.join(', ')}). Sign in as admin@livechat.local / ${DEMO_PASSWORD}`);
    }
  },
};
