import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The knowledge base bundled with clientdesk. */
export function defaultKnowledgeFolder(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'base');
}
