import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startStrapi, type TestApp } from '../helpers/strapi';

let app: TestApp;

beforeAll(async () => {
  app = await startStrapi();
});

afterAll(() => app.stop());

describe('GET /api/livechat/widget.js', () => {
  it('serves the built widget as JavaScript any site may load, cached with an ETag', async () => {
    const response = await app.request.get('/api/livechat/widget.js').expect(200);
    expect(response.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=300, must-revalidate');
    expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(response.headers.etag).toMatch(/^"[\w-]+"$/);
    const built = readFileSync(path.resolve(__dirname, '../../dist/widget/widget.js'), 'utf8');
    expect(response.text).toBe(built);
  });

  it('refers to no source map the plugin does not serve', async () => {
    const response = await app.request.get('/api/livechat/widget.js').expect(200);
    // The map stays in dist/ for debugging; a sourceMappingURL would send every visitor's devtools to a 404.
    expect(response.text).not.toMatch(/sourceMappingURL/);
  });

  it('answers 304 without a body when the visitor already has this version', async () => {
    const first = await app.request.get('/api/livechat/widget.js').expect(200);
    const again = await app.request.get('/api/livechat/widget.js').set('If-None-Match', first.headers.etag).expect(304);
    expect(again.text).toBeFalsy();
    await app.request.get('/api/livechat/widget.js').set('If-None-Match', '"an-older-version"').expect(200);
  });

  it('the demo page of the playground loads the widget with one script tag', async () => {
    const page = await app.request.get('/index.html').expect(200);
    expect(page.text.match(/<script\b/g)).toHaveLength(1);
    // No data-title/color/position/lang: the demo shows the theme set in the admin's settings.
    expect(page.text).toContain('<script src="/api/livechat/widget.js" async></script>');
  });
});
