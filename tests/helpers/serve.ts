import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.xml': 'application/xml',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.txt': 'text/plain',
};

/** Types a host compresses; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.xml', '.svg', '.json', '.txt']);

/**
 * Serves a built site on 127.0.0.1 the way a static host does (dir/ -> dir/index.html, 404.html).
 * With `compress`, text goes out brotli- or gzip-encoded as the browser asks, as on every real
 * host; Lighthouse's simulated throttling charges the bytes on the wire, so its figures need this.
 */
export async function serveDist(
  dist: string,
  { compress = false }: { compress?: boolean } = {},
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = path.join(dist, pathname);
    if (!file.startsWith(dist)) file = path.join(dist, '404.html');
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    const status = existsSync(file) ? 200 : 404;
    if (status === 404) file = path.join(dist, '404.html');
    const headers: Record<string, string> = { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const encoding =
      !compress || !COMPRESSIBLE.has(path.extname(file))
        ? undefined
        : /\bbr\b/.test(accepted)
          ? 'br'
          : /\bgzip\b/.test(accepted)
            ? 'gzip'
            : undefined;
    if (!encoding) {
      res.writeHead(status, headers);
      createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(status, { ...headers, 'Content-Encoding': encoding, Vary: 'Accept-Encoding' });
    const encoder =
      encoding === 'br' ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : createGzip({ level: 9 });
    createReadStream(file).pipe(encoder).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
