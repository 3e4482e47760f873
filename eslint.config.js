// Lint rules: typescript-eslint's recommended set, React hooks, and the house rules that a
// linter can hold (SECURITY.md C: no unsafe raw SQL).
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["build/", "public/build/", "app/db/generated/", "node_modules/", "tests/.tmp/", "test-results/", "playwright-report/", ".cache/"] },
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
);
