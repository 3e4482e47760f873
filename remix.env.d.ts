/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/react" />

import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** This response's Content-Security-Policy nonce, set by app/server/server.ts. */
    cspNonce: string;
    /** The client's address as seen through exactly TRUST_PROXY proxies; for rate limits only, never logged. */
    clientAddress: string;
  }
}
