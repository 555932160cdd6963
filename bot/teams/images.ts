// Chart files for the card renderer, read when a reply is rendered: commands return a path on the bot's
// disk, and Teams can only show the bytes the message carries.
import { readFileSync } from 'node:fs';
import type { Logger } from '../core/logger';

/** Reads an image block's file; a missing or unreadable one is logged and the card names the chart instead. */
export function imageReader(log: Logger): (path: string) => Buffer | undefined {
  return (path) => {
    try {
      return readFileSync(path);
    } catch (error) {
      log.warn('teams.image_unreadable', { path, error });
      return undefined;
    }
  };
}
