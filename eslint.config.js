// Lint rules: typescript-eslint's recommended set, React hooks, and the house rules that a
// linter can hold (SECURITY.md C: no unsafe raw SQL).
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "public/build/", "app/db/generated/", "node_modules/", "tests/.tmp/", "test-results/", "playwright-report/", ".cache/", ".stryker-tmp/", "reports/"] },
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
