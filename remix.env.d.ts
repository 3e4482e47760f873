/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/react" />

import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** This response's Content-Security-Policy nonce, set by app/http/server.ts. */
    cspNonce: string;
  }
}
