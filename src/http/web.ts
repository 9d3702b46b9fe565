/**
 * The analyst page (web/, built by Vite into web/dist): static files served by the service itself
 * at `/`, beside GraphQL at `/graphql`.
 *
 * The build is small (a few hundred KB), so every file is read once at start-up and compressed
 * then (brotli and gzip): a request costs a map look-up, never disk or CPU. Vite puts a content
 * hash in every asset name, so `/assets/*` is cached for a year as immutable; index.html is always
 * revalidated (ETag), which is how a new build reaches browsers.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { pickEncoding } from './encoding.js';

/** Where `npm run build` writes the page. */
export const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

/**
 * Production CSP: only this origin's own files; no inline script or style, no eval, no framing.
 * (Canvas libraries set element styles through the CSSOM, which `style-src` does not govern.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json', '.txt', '.map']);
const IMMUTABLE = 'public, max-age=31536000, immutable';

interface WebFile {
  type: string;
  cacheControl: string;
  etag: string;
  identity: Uint8Array<ArrayBuffer>;
  br?: Uint8Array<ArrayBuffer>;
  gzip?: Uint8Array<ArrayBuffer>;
}

export interface WebAssets {
  /** URL path → file. `/` is index.html. */
  files: Map<string, WebFile>;
  /** Sends the production CSP (and the other hardening headers) with every page response. */
  csp: boolean;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/**
 * Reads and compresses the built page. Null when there is no build (the service still serves
 * GraphQL; `/` then says how to build the page).
 */
export function loadWebAssets(dir: string = WEB_DIST, { csp = false }: { csp?: boolean } = {}): WebAssets | null {
  if (!existsSync(join(dir, 'index.html'))) return null;
  const files = new Map<string, WebFile>();
  for (const path of walk(dir)) {
    const urlPath = `/${relative(dir, path).split(sep).join('/')}`;
    const ext = extname(path);
    const identity = new Uint8Array(readFileSync(path));
    const file: WebFile = {
      type: TYPES[ext] ?? 'application/octet-stream',
      // Only Vite's hashed output is immutable; anything else (index.html, favicon) revalidates.
      cacheControl: urlPath.startsWith('/assets/') ? IMMUTABLE : 'no-cache',
      etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 22)}"`,
      identity,
    };
    if (COMPRESSIBLE.has(ext) && identity.length > 512) {
      file.br = new Uint8Array(
        brotliCompressSync(identity, {
          params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length },
        }),
      );
      file.gzip = new Uint8Array(gzipSync(identity, { level: 9 }));
    }
    files.set(urlPath === '/index.html' ? '/' : urlPath, file);
  }
  return { files, csp };
}

const NOT_BUILT = `The analyst page is not built. Run \`npm run build\` (npm start does it) and restart; GraphQL is at /graphql.\n`;

/**
 * Serves the page for GET/HEAD requests on `/` and the built files; every other request (GraphQL,
 * /health, /ready, /metrics) goes on through yoga untouched.
 */
export function useWebPage(assets: WebAssets | null): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const file = assets?.files.get(url.pathname);
      if (!assets || !file) {
        if (url.pathname === '/')
          endResponse(
            new fetchAPI.Response(NOT_BUILT, { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } }),
          );
        // An /assets/ name that is not in this build (an old hash): a plain 404, never the page.
        else if (url.pathname.startsWith('/assets/'))
          endResponse(new fetchAPI.Response('Not found\n', { status: 404, headers: { 'content-type': 'text/plain' } }));
        return;
      }
      const headers: Record<string, string> = {
        'content-type': file.type,
        'cache-control': file.cacheControl,
        etag: file.etag,
        vary: 'accept-encoding',
        'x-content-type-options': 'nosniff',
      };
      if (assets.csp && file.type.startsWith('text/html')) {
        headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
        headers['referrer-policy'] = 'no-referrer';
        headers['cross-origin-opener-policy'] = 'same-origin';
      }
      const match = request.headers.get('if-none-match');
      if (match?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === file.etag)) {
        endResponse(new fetchAPI.Response(null, { status: 304, headers }));
        return;
      }
      const encoding = pickEncoding(
        request.headers.get('accept-encoding'),
        (['br', 'gzip'] as const).filter((e) => file[e]),
      );
      const body = encoding ? file[encoding]! : file.identity;
      if (encoding) headers['content-encoding'] = encoding;
      headers['content-length'] = String(body.byteLength);
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
    },
  };
}
