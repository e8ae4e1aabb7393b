import * as contracts from '../../plugin/contracts';
import { fillPath, queryString, type Route } from '../../plugin/contracts';
import { ACTIONS, actionId } from '../../plugin/permissions';
import routes from '../../server/routes';

const isRoute = (value: unknown): value is Route =>
  typeof value === 'object' && value !== null && 'method' in value && 'path' in value && 'access' in value;

/** Every route the contracts declare: each namespace's `route`, and the routes grouped under `routes`. */
function contractRoutes(): Array<{ name: string; route: Route }> {
  const found: Array<{ name: string; route: Route }> = [];
  const visit = (name: string, value: unknown) => {
    if (isRoute(value)) found.push({ name, route: value });
    else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value))
        if (key === 'route' || key === 'routes' || name.includes('.routes')) visit(`${name}.${key}`, inner);
    }
  };
  for (const [name, value] of Object.entries(contracts)) visit(name, value);
  return found;
}

const key = (api: string, method: string, path: string) => `${api} ${method} ${path}`;
const mounted = [
  ...routes.admin.routes.map((r) => ({ ...r, api: 'admin' })),
  ...routes['content-api'].routes.map((r) => ({ ...r, api: 'content-api' })),
];

describe('routes come from the contracts', () => {
  const declared = contractRoutes();

  it('every contract route is mounted once, in the API its access says, and nothing else is mounted', () => {
    expect(declared.length).toBeGreaterThan(70);
    const expected = declared.map(({ route }) =>
      key(route.access.kind === 'visitor' ? 'content-api' : 'admin', route.method, route.path),
    );
    expect(new Set(expected).size).toBe(expected.length);
    expect(mounted.map((r) => key(r.api, r.method, r.path)).sort()).toEqual([...expected].sort());
  });

  it('agent routes need an admin login and their permission; visitor routes need no login', () => {
    for (const { name, route } of declared) {
      const server = mounted.find(
        (r) =>
          r.method === route.method &&
          r.path === route.path &&
          (r.api === 'content-api') === (route.access.kind === 'visitor'),
      )!;
      const config = server.config as { auth?: false; policies: unknown[] };
      if (route.access.kind === 'visitor') {
        expect({ name, auth: config.auth, policies: config.policies }).toEqual({ name, auth: false, policies: [] });
      } else {
        expect(config.policies[0]).toBe('admin::isAuthenticatedAdmin');
        const permission = route.access.kind === 'permission' ? [actionId(route.access.permission)] : undefined;
        const checked = (config.policies[1] as { config?: { actions: string[] } } | undefined)?.config?.actions;
        expect({ name, checked }).toEqual({ name, checked: permission });
      }
    }
  });

  it('each permission a route names is one the plugin registers', () => {
    for (const { route } of declared) {
      if (route.access.kind === 'permission') expect(Object.keys(ACTIONS)).toContain(route.access.permission);
    }
  });
});

describe('building a request from a route', () => {
  it('fills path parameters, URL-encoded, and refuses a missing one', () => {
    expect(fillPath(contracts.GiveFeedback.route.path, { id: 3, messageId: 'a/b' })).toBe(
      '/conversations/3/messages/a%2Fb/feedback',
    );
    expect(() => fillPath('/conversations/:id' as string, {})).toThrow('missing path parameter id');
  });

  it('writes a query string from the set values only', () => {
    expect(queryString({ status: 'queued', q: '', mine: true, team: undefined, tag: null })).toBe(
      '?status=queued&mine=true',
    );
    expect(queryString({})).toBe('');
  });
});
