import type { Server } from 'node:http';
import express, { type Express } from 'express';

/**
 * The one HTTP server: Slack's `/slack/events`, Teams' `/api/messages` and `GET /healthz` share `PORT`.
 * Adapters mount their routes before `listen`.
 */
export function createHttpApp(health: () => Record<string, unknown> = () => ({})): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', ...health() });
  });
  return app;
}

export function listen(app: Express, port: number, host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = host ? app.listen(port, host) : app.listen(port);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}
