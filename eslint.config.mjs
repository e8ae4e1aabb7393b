import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'playground/.strapi/**',
      'playground/build/**',
      'playground/.tmp/**',
      'playground/dist/**',
      'playground/types/generated/**',
    ],
  },
  tseslint.configs.recommended,
  {
    // Strapi loads the playground, the configs and the entry file with require().
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
    },
  },
  {
    // Route contracts are namespaces of Request/Response types, after Strapi's content-releases contracts.
    files: ['plugin/contracts/**/*.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off' },
  },
);
