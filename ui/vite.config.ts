import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Tauri loads the built files from ui/dist (frontendDist) and, in development,
// from the dev server below (devUrl http://localhost:5173).
export default defineConfig({
  base: './',
  clearScreen: false,
  plugins: [svelte()],
  // Component tests need Svelte's browser build (mount), not the server one.
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  server: {
    port: 5173,
    strictPort: true,
    // The development mock (src/lib/mock.ts) reads the app's reference data and demo.
    fs: { allow: ['.', '../data'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The webviews Tauri uses support modulepreload natively; no polyfill code.
    modulePreload: { polyfill: false },
    // Always emit CSS as a file (CSP style-src 'self'), never inlined.
    assetsInlineLimit: 0,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
