import { startStrapi } from '../helpers/strapi';

const article = { uid: 'api::article.article', fields: ['body'], titleField: 'title' };

describe('knowledge sources in the plugin config', () => {
  it('a source that is not a content type stops Strapi with the option named', async () => {
    await expect(
      startStrapi({ config: { knowledge: { sources: [{ ...article, uid: 'api::recipe.recipe' }] } } }),
    ).rejects.toThrow('livechat config: knowledge.sources.0.uid: api::recipe.recipe is not a content type');
  });

  it('a field the content type does not have stops Strapi with the option named', async () => {
    await expect(
      startStrapi({ config: { knowledge: { sources: [{ ...article, fields: ['body', 'summary'] }] } } }),
    ).rejects.toThrow('livechat config: knowledge.sources.0.fields.1: api::article.article has no field "summary"');
  });

  it('a malformed source is refused by the config schema with the option named', async () => {
    await expect(
      startStrapi({ config: { knowledge: { sources: [{ ...article, uid: 'articles' }] } } }),
    ).rejects.toThrow('livechat config: knowledge.sources.0.uid: must be a content-type uid like api::article.article');
  });
});
