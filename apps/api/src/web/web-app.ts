/**
 * The web app (apps/web, built by Vite into apps/web/dist) served by the API at `/`:
 * - hashed assets (`/assets/…`) with a year-long immutable cache, everything else revalidated (`no-cache`), so a
 *   release reaches phones at their next visit while unchanged code is never downloaded twice;
 * - every app path answers index.html, so a reload or a shared link on `/innovations/<id>` works and an unknown path
 *   shows the app's own not-found page; `/api/…`, `/socket.io/…` and `/metrics` keep the API's own answers;
 * - `/innovations/<id>` carries the innovation's Open Graph tags (title, summary, cover), so a link pasted in LINE or
 *   Facebook shows a preview (their crawlers run no JavaScript).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@lc/core';
import { InnovationsService } from '@lc/innovations';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const API_PATHS = /^\/(api|socket\.io|metrics)(\/|$|\?)/;

/** apps/web/dist of this checkout, from the source (tests) or the build (dist/apps/api/src/web). */
export function defaultWebRoot(): string {
  let directory = __dirname;
  for (let depth = 0; depth < 8; depth++) {
    const candidate = join(directory, 'apps', 'web', 'dist');
    if (existsSync(join(directory, 'apps', 'web', 'package.json'))) return candidate;
    directory = resolve(directory, '..');
  }
  return resolve(process.cwd(), 'apps', 'web', 'dist');
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

interface Preview {
  title: string;
  description: string;
  image: string | null;
  url: string;
}

function withPreview(indexHtml: string, preview: Preview): string {
  const tags = [
    `<meta property="og:type" content="article" />`,
    `<meta property="og:title" content="${escapeHtml(preview.title)}" />`,
    `<meta property="og:description" content="${escapeHtml(preview.description)}" />`,
    `<meta property="og:url" content="${escapeHtml(preview.url)}" />`,
    preview.image ? `<meta property="og:image" content="${escapeHtml(preview.image)}" />` : '',
    `<meta name="twitter:card" content="${preview.image ? 'summary_large_image' : 'summary'}" />`,
    `<meta property="og:site_name" content="ชุมชนนวัตกรรมการเรียนรู้" />`,
  ]
    .filter(Boolean)
    .join('\n    ');
  return indexHtml
    .replace(/<!--og-->[\s\S]*<!--\/og-->/, tags)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(preview.title)} · ชุมชนนวัตกรรมการเรียนรู้</title>`);
}

export async function serveWebApp(app: NestFastifyApplication, config: AppConfig, root = defaultWebRoot()) {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile, 'utf8');
  const innovations = app.get(InnovationsService);
  const publicUrl = (config.PUBLIC_URL ?? config.WEB_URL).replace(/\/$/, '');

  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    // Routes for the files that exist at start (a build is immutable); other paths fall to the handler below.
    wildcard: false,
    index: false,
    // The build has .br and .gz copies of its text files (apps/web/vite.config.ts): sent to browsers that accept them.
    preCompressed: true,
    cacheControl: false,
    // @fastify/static ≥ 10 hands the Fastify reply here (its types still say ServerResponse).
    setHeaders: (reply: unknown, path: string) => {
      const hashed = path.startsWith(join(root, 'assets'));
      void (reply as FastifyReply).header(
        'cache-control',
        hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=0, no-cache',
      );
    },
  });

  const fastify = app.getHttpAdapter().getInstance();
  const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    if (API_PATHS.test(path) || /\.[a-z0-9]{2,5}$/i.test(path)) return reply.callNotFound();
    let html = indexHtml;
    const match = /^\/innovations\/([^/]+)\/?$/.exec(path);
    if (match && UUID.test(match[1])) {
      try {
        const innovation = await innovations.get(undefined, match[1]);
        html = withPreview(indexHtml, {
          title: innovation.title,
          description: innovation.summary ?? '',
          image: innovation.coverAttachmentId
            ? `${publicUrl}/api/v1/innovations/${innovation.id}/attachments/${innovation.coverAttachmentId}/thumbnail`
            : null,
          url: `${publicUrl}/innovations/${innovation.id}`,
        });
      } catch {
        // not published or not found: the app shows its own message
      }
    }
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(html);
  };
  fastify.get('/', sendIndex);
  fastify.get('/*', sendIndex);
  return true;
}
