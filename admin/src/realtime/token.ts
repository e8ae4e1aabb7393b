const TOKEN_KEY = 'jwtToken';

/** Strapi inlines `admin.auth.cookie.name` into the admin build as this variable; unset means `jwtToken`. */
function authCookieName(): string {
  try {
    return process.env.STRAPI_ADMIN_AUTH_COOKIE_NAME?.trim() || TOKEN_KEY;
  } catch {
    return TOKEN_KEY;
  }
}

/**
 * The admin access token, read exactly where Strapi's fetch client (`getToken`) reads it: localStorage
 * when the user chose "remember me", otherwise the auth cookie. Read fresh each time: Strapi rotates it.
 */
export function readAdminToken(): string | null {
  const stored = localStorage.getItem(TOKEN_KEY);
  if (stored) {
    try {
      return JSON.parse(stored) as string;
    } catch {
      return stored;
    }
  }
  const prefix = `${authCookieName()}=`;
  const cookie = document.cookie.split(/;\s*/).find((entry) => entry.startsWith(prefix));
  return cookie ? decodeURIComponent(cookie.slice(prefix.length)) : null;
}
