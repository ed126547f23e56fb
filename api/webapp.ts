import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import express, { type Router } from 'express';
import { stuurProbleem } from './fouten';

/** Where scripts/build-web.ts puts the bundled web app (the Docker image copies it to the same place relative to dist/api). */
export const WEBAPP_MAP = resolve(__dirname, '../web/dist');

export interface WebappConfig {
  /** OIDC issuer the browser signs in with (authorization code + PKCE). */
  issuer: string;
  clientId: string;
  /** VIER_OGEN, so the app offers no beschikking the API would refuse (common/vierOgen.ts). */
  vierOgen?: boolean;
  /** The Temporal UI (CODEC_UI_ORIGIN) whose codec session the operator's page opens; absent without codec server. */
  temporalUi?: string;
}

/**
 * The web app for buurtteams under /app/, on the API's own origin: static files, its sign-in
 * configuration, and index.html for every other /app/ path (the app routes in the browser).
 * Everything here is public; the data comes from the API with the user's token.
 */
export function webappRouter(config: WebappConfig, map = WEBAPP_MAP): Router {
  const router = express.Router();
  router.get('/app/config.json', (_req, res) => {
    res.set('cache-control', 'no-store').json(config);
  });
  router.use('/app', express.static(map, { index: false, fallthrough: true, maxAge: 0 }));
  router.get(/^\/app(\/.*)?$/, (_req, res) => {
    const index = resolve(map, 'index.html');
    if (!existsSync(index)) {
      stuurProbleem(res, 503, 'web app is niet gebouwd; start met npm start of bouw met npx tsx scripts/build-web.ts');
      return;
    }
    res.set('cache-control', 'no-store').sendFile(index);
  });
  return router;
}
