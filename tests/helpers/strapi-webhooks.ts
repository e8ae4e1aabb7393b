import type { TestAgent, TestApp } from './strapi';

/** Strapi's own webhook API (`/admin/webhooks`) as `agent`, the way its Settings → Webhooks calls it. */
export function strapiWebhooks(app: TestApp, agent: TestAgent) {
  const auth = { Authorization: `Bearer ${agent.token}` };
  return {
    create: (body: object) => app.request.post('/admin/webhooks').set(auth).send(body),
    update: (id: string, body: object) => app.request.put(`/admin/webhooks/${id}`).set(auth).send(body),
    get: (id: string) => app.request.get(`/admin/webhooks/${id}`).set(auth),
  };
}
