import { fillPath, queryString, type Route, type RouteInput, type RouteResponse } from '../../plugin/contracts/route';

/** An error the plugin answered (`status` ≥ 400, `field` names bad input), or a network failure (`status` 0). */
export class LivechatApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'LivechatApiError';
  }
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpOptions {
  /** Base URL of the Strapi server, without a trailing slash. */
  url: string;
  fetch: FetchLike;
  token(): string | null;
}

interface ErrorBody {
  error?: { status?: number; message?: string; details?: { field?: string } };
}

/** A call's input: optional when the route has no path parameter and no body. */
type InputArgs<R extends Route> = object extends RouteInput<R> ? RouteInput<R> | undefined : RouteInput<R>;

/**
 * JSON requests to the visitor API under `/api/livechat`, built from the contract routes (`VISITOR_ROUTES`),
 * answering the `data` of `{ data }`.
 */
export function createHttp({ url, fetch, token }: HttpOptions) {
  /** `bearer` overrides the current session's token (a stored session used without starting it). */
  return async function request<R extends Route>(
    route: R,
    input?: InputArgs<R>,
    bearer = token(),
  ): Promise<RouteResponse<R>> {
    const { method } = route;
    const path = `${fillPath(route.path, input?.params)}${queryString(input?.query ?? undefined)}`;
    const body: unknown = input?.body;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
    if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${url}/api/livechat${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
      });
    } catch (error) {
      throw new LivechatApiError(0, `Network error: ${(error as Error).message}`);
    }
    const parsed = (await response.json().catch(() => null)) as ({ data?: RouteResponse<R> } & ErrorBody) | null;
    if (!response.ok) {
      const error = parsed?.error;
      throw new LivechatApiError(
        response.status,
        error?.message ?? `${method} ${path} answered ${response.status}`,
        error?.details?.field,
      );
    }
    return (parsed?.data ?? null) as RouteResponse<R>;
  };
}

export type Http = ReturnType<typeof createHttp>;
