// Lint rules: typescript-eslint's recommended set, React hooks, and the house rules that a
// linter can hold (SECURITY.md C: no unsafe raw SQL).
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

// The concept modules: one folder each (ENGINEERING.md's layout).
const CONCEPTS = ["~/accounts/*", "~/audit-log/*", "~/cases/*", "~/install/*", "~/messages/*", "~/partners/*", "~/persons/*", "~/referrals/*", "~/reports/*", "~/requests/*", "~/tracks/*"];

/** For each group of files, the imports it may not make. */
function layers(forbidden) {
  return Object.entries(forbidden).map(([files, patterns]) => ({
    files: [files.endsWith("**") ? `${files}/*.{ts,tsx}` : files],
    rules: { "no-restricted-imports": ["error", { patterns: patterns.map((group) => ({ group: [group], message: "Layers: this import reaches the wrong way (eslint.config.js)." })) }] },
  }));
}

export default tseslint.config(
  { ignores: ["build/", "public/build/", "app/db/generated/", "app/db/generated-postgresql/", "node_modules/", "tests/.tmp/", "test-results/", "playwright-report/", ".cache/", ".stryker-tmp/", "reports/"] },
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-properties": [
        "error",
        { property: "$queryRawUnsafe", message: "Raw SQL only through the tagged $queryRaw (SECURITY.md C)." },
        { property: "$executeRawUnsafe", message: "Raw SQL only through the tagged $executeRaw (SECURITY.md C)." },
      ],
    },
  },
  // Layers: routes and the server entry use concept modules; concept modules use the base
  // (db, auth, audit, email, jobs, config, http helpers, i18n); nothing reaches back up. And
  // components get plain data: no server module, no database types.
  ...layers({
    "app/components/**": ["**/*.server", "**/*.server.ts", "~/db/generated/*", "~/routes/*", "~/server/*"],
    "app/{db,i18n,config,http}/**": [...CONCEPTS, "~/auth/*", "~/audit/*", "~/email/*", "~/jobs/*", "~/routes/*", "~/server/*", "~/components/*"],
    "app/jobs/**": [...CONCEPTS, "~/auth/*", "~/audit/*", "~/email/*", "~/routes/*", "~/server/*", "~/components/*"],
    "app/audit/**": [...CONCEPTS, "~/auth/*", "~/email/*", "~/routes/*", "~/server/*", "~/components/*"],
    "app/auth/**": [...CONCEPTS, "~/email/*", "~/routes/*", "~/server/*", "~/components/*"],
    "app/email/**": [...CONCEPTS, "~/routes/*", "~/server/*", "~/components/*"],
    [`app/{${CONCEPTS.map((c) => c.slice(2, -2)).join(",")}}/**`]: ["~/routes/*", "~/server/*"],
  }),
  {
    // Who may see or do what is decided in app/auth (the policy, sessions, passwords), nowhere
    // else: no comparing roles, no hand-made "own records" filters in the concept modules.
    files: ["app/**/*.ts", "app/**/*.tsx"],
    ignores: ["app/auth/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "BinaryExpression[operator=/^[!=]==?$/][left.property.name='role'], BinaryExpression[operator=/^[!=]==?$/][right.property.name='role'], BinaryExpression[operator=/^[!=]==?$/][left.name='role']",
          message: "Role decisions belong to app/auth/policy.ts: ask it (mayAdminister, holdsCaseload, …).",
        },
        {
          selector: "MemberExpression[object.name=/^(viewer|actor|staff)$/][property.name='personId']",
          message: "A person's own records come from the policy's scopes (ownCaseScope, ownConsentScope, …), not from a hand-made personId filter.",
        },
      ],
    },
  },
);
