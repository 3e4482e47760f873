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
 * A request that may change state must come from our own pages: its Origin equals APP_ORIGIN,
 * or, without an Origin, the browser says Sec-Fetch-Site: same-origin. On top of SameSite
 * cookies (docs/decisions/003-origin-check.md).
 */
export function isAllowedOrigin(
  method: string,
  headers: { origin?: string | undefined; secFetchSite?: string | undefined },
  appOrigin: string,
): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  if (headers.origin !== undefined) return headers.origin === appOrigin;
  return headers.secFetchSite === "same-origin";
}
