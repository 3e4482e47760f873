// Response headers and the cross-site request check that hold for every response and every
// request (SECURITY.md B). Plain functions, so that tests can call them directly.
import { randomBytes } from "node:crypto";

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

type Transport = { development: boolean; https: boolean };

export function contentSecurityPolicy(nonce: string, { development, https }: Transport): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    // Remix's development live reload talks over a websocket on another port.
    development ? "connect-src 'self' ws://localhost:*" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** HSTS and upgrades only when the app is served over https (APP_ORIGIN); never on a plain-http demo. */
export function securityHeaders(nonce: string, transport: Transport): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, transport),
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    // same-origin, not no-referrer: under no-referrer browsers send "Origin: null" on our own
    // form posts and the Origin check would refuse them (SECURITY.md B).
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    ...(transport.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A request that may change state must come from our own pages: its Origin is one of the
 * configured origins (APP_ORIGIN, and ONION_ORIGIN when there is one), or, without an Origin,
 * the browser says Sec-Fetch-Site: same-origin. On top of SameSite cookies
 * (docs/decisions/003-origin-check.md).
 */
export function isAllowedOrigin(
  method: string,
  headers: { origin?: string | undefined; secFetchSite?: string | undefined },
  origins: readonly string[],
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  if (headers.origin !== undefined) return origins.includes(headers.origin);
  return headers.secFetchSite === "same-origin";
}

/**
 * Which of the configured origins a request came through: the onion origin when its Host is
 * the onion address, otherwise APP_ORIGIN. Only ever one of the two configured values, so a
 * forged Host can choose between them and nothing else (decision 008).
 */
export function originOfRequest(host: string | undefined, origins: { appOrigin: string; onionOrigin: string | null }): string {
  if (origins.onionOrigin && host && host.toLowerCase() === new URL(origins.onionOrigin).host) return origins.onionOrigin;
  return origins.appOrigin;
}
