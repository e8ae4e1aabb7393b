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

/** JSON requests to the visitor API under `/api/livechat`, answering the `data` of `{ data }`. */
export function createHttp({ url, fetch, token }: HttpOptions) {
  /** `bearer` overrides the current session's token (a stored session used without starting it). */
  return async function request<T>(method: string, path: string, body?: unknown, bearer = token()): Promise<T> {
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
    const parsed = (await response.json().catch(() => null)) as ({ data?: T } & ErrorBody) | null;
    if (!response.ok) {
      const error = parsed?.error;
      throw new LivechatApiError(
        response.status,
        error?.message ?? `${method} ${path} answered ${response.status}`,
        error?.details?.field,
      );
    }
    return (parsed?.data ?? null) as T;
  };
}

export type Http = ReturnType<typeof createHttp>;
