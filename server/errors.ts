/** An error a service raises on purpose: it carries the HTTP status and, for bad input, the field. */
export class LivechatError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = LivechatError.errorName(status);
  }

  static errorName(status: number) {
    const names: Record<number, string> = {
      400: 'ValidationError',
      401: 'UnauthorizedError',
      403: 'ForbiddenError',
      404: 'NotFoundError',
      409: 'ConflictError',
      413: 'PayloadTooLargeError',
      415: 'UnsupportedMediaTypeError',
      429: 'RateLimitError',
    };
    return names[status] ?? 'ApplicationError';
  }
}

export const badRequest = (field: string, message: string) => new LivechatError(400, `${field}: ${message}`, field);
export const unauthorized = (message = 'A valid token is required') => new LivechatError(401, message);
export const forbidden = (message: string) => new LivechatError(403, message);
export const notFound = (what: string, id: number | string) => new LivechatError(404, `${what} ${id} was not found`);
export const conflict = (message: string) => new LivechatError(409, message);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new LivechatError(429, `Too many messages: try again in ${retryAfterSeconds} s`);

/** The body Strapi itself answers errors with, so clients read one shape. */
export const errorBody = (error: LivechatError) => ({
  data: null,
  error: {
    status: error.status,
    name: error.name,
    message: error.message,
    details: error.field ? { field: error.field } : {},
  },
});
