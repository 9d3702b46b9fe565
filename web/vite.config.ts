/**
 * The analyst page's build: `npm run build` writes web/dist, which the service serves at `/`
 * (src/http/web.ts). `npm run web:dev` serves the page with hot reload and forwards /graphql to a
 * service on 127.0.0.1:4000 (or NEWSGRAPH_URL).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No data: URLs and no inline code: every asset is a hashed file the strict CSP allows.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1_000,
  },
  server: {
    host: '127.0.0.1',
    proxy: { '/graphql': process.env.NEWSGRAPH_URL ?? 'http://127.0.0.1:4000' },
  },
});
