/// <reference types="vitest/config" />
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// Development: `npm run dev:web` at the root serves the app with hot reload and sends /api and /socket.io to the
// API of `npm run quickstart` (API_URL, default http://localhost:3000).
const api = process.env.API_URL ?? 'http://localhost:3000';

/** The web tests, split by whether they replace a module with vi.mock (those must not share a module graph). */
const testFiles = (() => {
  const walk = (directory: string): string[] =>
    readdirSync(directory).flatMap((name) => {
      const path = join(directory, name);
      return statSync(path).isDirectory() ? walk(path) : /\.test\.tsx?$/.test(name) ? [path] : [];
    });
  const root = fileURLToPath(new URL('.', import.meta.url));
  const files = walk(join(root, 'src')).map((path) => path.slice(root.length).replace(/\\/g, '/'));
  const mocks = (path: string) => /\bvi\.mock\(/.test(readFileSync(join(root, path), 'utf8'));
  return { shared: files.filter((f) => !mocks(f)), isolated: files.filter(mocks) };
})();

/** Brotli and gzip copies of every text file of the build, served as they are by the API (no compression per request). */
function precompress(): Plugin {
  return {
    name: 'lc-precompress',
    apply: 'build',
    closeBundle() {
      const walk = (directory: string): string[] =>
        readdirSync(directory).flatMap((name) => {
          const path = join(directory, name);
          return statSync(path).isDirectory() ? walk(path) : [path];
        });
      for (const file of walk(fileURLToPath(new URL('./dist', import.meta.url)))) {
        if (!/\.(js|css|html|svg|json|webmanifest|txt)$/.test(file)) continue;
        const content = readFileSync(file);
        if (content.length < 1024) continue;
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    precompress(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      manifest: false,
      includeAssets: ['icons/*.png', 'icons/*.svg'],
      workbox: {
        globPatterns: ['**/*.{js,css,html,woff2,svg,png}'],
        // Heavy chunks only staff open (the cockpit's charts and map, the partner's QR reader) are not pushed to
        // every teacher's phone at install: they load from the network the first time their page opens.
        globIgnores: ['**/assets/{TimeSeriesChart,ProvinceMap,jsQR}-*.js'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/socket\.io/, /^\/metrics/],
        runtimeCaching: [
          {
            // The last feed and innovations a member loaded stay readable on a bad connection.
            urlPattern: ({ url }) =>
              url.pathname === '/api/v1/me' ||
              url.pathname.startsWith('/api/v1/feed') ||
              url.pathname.startsWith('/api/v1/innovations'),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'lc-api-last-seen',
              networkTimeoutSeconds: 6,
              expiration: { maxEntries: 60 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 900,
    sourcemap: false,
    // No manual chunks: pages are split by React.lazy and recharts/jsqr by dynamic import, so a page loads only
    // what it uses (a hand-made chunk rule pulled shared code, and with it recharts, into every page).
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/socket.io': { target: api, ws: true },
      '/metrics': { target: api },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./vitest.setup.ts'],
    css: false,
    // Both cores of CI (Vitest's default leaves one idle).
    maxWorkers: 2,
    // Test files share a page and their modules (no new jsdom and Mantine per file: a third of the time) and the
    // setup file clears what a test leaves behind; a file that replaces a module (vi.mock) runs on its own, or the
    // replacement would leak into the files after it.
    projects: [
      { extends: true, test: { name: 'shared', include: [...testFiles.shared], isolate: false } },
      { extends: true, test: { name: 'isolated', include: [...testFiles.isolated], isolate: true } },
    ],
  },
});
