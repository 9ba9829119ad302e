import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DocsAsset {
  body: Buffer;
  contentType: string;
  etag: string;
}

// A fixed list: the route parameter never reaches the file system as a path.
const ASSETS: Record<string, string> = {
  'main.js': 'text/javascript; charset=utf-8',
  'main.css': 'text/css; charset=utf-8',
};

const cache = new Map<string, Promise<DocsAsset | undefined>>();

async function load(dir: string, name: string, contentType: string): Promise<DocsAsset | undefined> {
  try {
    const body = await readFile(join(dir, name));
    return {
      body,
      contentType,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    };
  } catch {
    return undefined;
  }
}

/** A built asset of the API reference page (`dist/web/docs/<name>`), read once per process. */
export function docsAsset(dir: string, name: string): Promise<DocsAsset | undefined> {
  const contentType = ASSETS[name];
  if (!contentType) return Promise.resolve(undefined);
  const key = join(dir, name);
  let hit = cache.get(key);
  if (!hit) {
    hit = load(dir, name, contentType);
    cache.set(key, hit);
  }
  return hit;
}

/** The page itself: no inline script or style, so the strict page CSP applies unchanged. */
export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>orderflow API reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/api/docs/main.css">
</head>
<body>
<div id="swagger-ui"></div>
<script type="module" src="/api/docs/main.js"></script>
</body>
</html>
`;
