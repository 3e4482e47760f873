/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  // The Express server (app/http/server.ts) and the Prisma CLI use node: built-ins directly;
  // only the route bundle goes through the compiler.
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Single fetch stays off: the authorisation tests read each route's data through
    // `?_data=<route id>` (SECURITY.md B), which single fetch replaces.
    v3_singleFetch: false,
    v3_lazyRouteDiscovery: false,
  },
};
