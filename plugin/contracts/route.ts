import type { ActionKey } from '../permissions';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * Who may call a route: agents holding a permission; agents holding any of the plugin's permissions (the
 * controller checks which); or visitors, whose token the controller checks (no Strapi login).
 */
export type Access = { kind: 'permission'; permission: ActionKey } | { kind: 'anyPermission' } | { kind: 'visitor' };

/**
 * One route of the API, as every side reads it: the server mounts it, the admin and headless clients build
 * their requests from it. `Response`, `Body` and `Query` are types only, so a call that sends the wrong
 * body, misses a path parameter or reads the wrong answer does not compile.
 */
export interface Route<
  M extends Method = Method,
  P extends string = string,
  Response = unknown,
  Body = unknown,
  Query = unknown,
> {
  method: M;
  /** Under `/livechat` (admin API) or `/api/livechat` (visitor API), with `:name` parameters. */
  path: P;
  access: Access;
  /** Never set: carries the types of the answer's `data`, the JSON body and the query string. */
  readonly types?: { response: Response; body: Body; query: Query };
}

/** An admin route guarded by one permission: `agentRoute<Response, Body, Query>()('POST', '/path/:id', 'reply')`. */
export const agentRoute =
  <Response, Body = undefined, Query = undefined>() =>
  <const M extends Method, const P extends string>(method: M, path: P, permission: ActionKey) =>
    ({ method, path, access: { kind: 'permission', permission } }) as Route<M, P, Response, Body, Query>;

/** An admin route open to any agent with one of the plugin's permissions; the controller decides. */
export const anyAgentRoute =
  <Response, Body = undefined, Query = undefined>() =>
  <const M extends Method, const P extends string>(method: M, path: P) =>
    ({ method, path, access: { kind: 'anyPermission' } }) as Route<M, P, Response, Body, Query>;

/** A visitor route (`/api/livechat/…`): no Strapi login. */
export const visitorRoute =
  <Response, Body = undefined, Query = undefined>() =>
  <const M extends Method, const P extends string>(method: M, path: P) =>
    ({ method, path, access: { kind: 'visitor' } }) as Route<M, P, Response, Body, Query>;

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The `:name` parameters of a path, e.g. `{ id }` for `/conversations/:id/pick`. */
export type PathParams<P extends string> = { [Name in ParamNames<P>]: string | number };

/** What a call of `route` must pass: its path parameters and its body when it has them, its query when it takes one. */
export type RouteInput<R extends Route> =
  R extends Route<Method, infer P, unknown, infer Body, infer Query>
    ? ([ParamNames<P>] extends [never] ? { params?: undefined } : { params: PathParams<P> }) &
        ([Body] extends [undefined] ? { body?: undefined } : { body: Body }) &
        ([Query] extends [undefined] ? { query?: undefined } : { query?: Query })
    : never;

/** The `data` of a route's answer. */
export type RouteResponse<R extends Route> = R extends Route<Method, string, infer Response> ? Response : never;

/** A route's path with its parameters filled in (URL-encoded). */
export function fillPath<P extends string>(path: P, params?: PathParams<P>): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = (params as Record<string, string | number> | undefined)?.[name];
    if (value === undefined) throw new Error(`${path}: missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** `?a=1&b=x` from the defined values of `query` (empty strings and nulls left out), or ''. */
export function queryString(query?: object): string {
  const entries = Object.entries(query ?? {}).filter(
    ([, value]) => value !== undefined && value !== null && value !== '',
  );
  return entries.length
    ? `?${new URLSearchParams(entries.map(([key, value]) => [key, String(value)])).toString()}`
    : '';
}

/** The four routes of a settings collection (tags, canned messages…): anyone who reads lists it; managers change it. */
export const collectionRoutes =
  <Entity, Input>() =>
  <const P extends string>(path: P) => ({
    list: agentRoute<{ results: Entity[] }>()('GET', path, 'read'),
    create: agentRoute<Entity, Input>()('POST', path, 'manageSettings'),
    update: agentRoute<Entity, Partial<Input>>()('PUT', `${path}/:id` as `${P}/:id`, 'manageSettings'),
    remove: agentRoute<null>()('DELETE', `${path}/:id` as `${P}/:id`, 'manageSettings'),
  });
