import { dirname, join } from 'node:path';
import { KnowledgeService } from '../../knowledge/service';
import { openDatabase } from '../../storage/database';
import { openStores, type Stores } from '../../storage/stores';
import { coreCommands } from '../../commands';
import type { Command, CoreSettings } from './command';
import { Dispatcher } from './dispatcher';
import type { Logger } from './logger';
import { Registry } from './registry';
import type { Clock } from './types';

export interface CoreOptions {
  knowledgeFolder: string;
  databaseFile: string;
  settings: CoreSettings;
  clock: Clock;
  log: Logger;
  /** Index cache folder; defaults to `cache/` beside the database (or `data/cache` for `:memory:`). */
  cacheDir?: string;
  /** Commands only some adapters offer (the console's `as`). */
  extraCommands?: Command[];
  watchKnowledge?: boolean;
}

/** Everything platform-neutral, wired once; adapters and tests start from here. */
export interface Core {
  dispatcher: Dispatcher;
  registry: Registry;
  knowledge: KnowledgeService;
  stores: Stores;
  clock: Clock;
  log: Logger;
  settings: CoreSettings;
  close(): void;
}

export function createCore(options: CoreOptions): Core {
  const { log, clock, settings } = options;
  const cacheDir =
    options.cacheDir ?? (options.databaseFile === ':memory:' ? join('data', 'cache') : join(dirname(options.databaseFile), 'cache'));
  const knowledge = new KnowledgeService(options.knowledgeFolder, log, cacheDir);
  const db = openDatabase(options.databaseFile);
  const stores = openStores(db);
  const registry = new Registry([...coreCommands(), ...(options.extraCommands ?? [])]);
  const dispatcher = new Dispatcher({
    registry,
    knowledge: () => knowledge.current,
    stores,
    clock,
    log,
    config: settings,
    reloadKnowledge: () => knowledge.reload(),
  });
  if (options.watchKnowledge) knowledge.watch();
  return {
    dispatcher,
    registry,
    knowledge,
    stores,
    clock,
    log,
    settings,
    close() {
      knowledge.close();
      db.close();
    },
  };
}
