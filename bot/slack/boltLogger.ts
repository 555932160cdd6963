import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../core/logger';

const ORDER: Record<LogLevel, number> = { [LogLevel.DEBUG]: 10, [LogLevel.INFO]: 20, [LogLevel.WARN]: 30, [LogLevel.ERROR]: 40 };

/**
 * Bolt's and the Web API client's log lines, through our logger: one JSON format, and the masker runs on
 * them too (Bolt's debug lines can carry request bodies).
 */
export function boltLogger(log: Logger, level: LogLevel = LogLevel.WARN): BoltLogger {
  let current = level;
  let name = 'bolt';
  const emit = (at: LogLevel, messages: unknown[]) => {
    if (ORDER[at] < ORDER[current]) return;
    const message = messages.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
    const fields = { source: name, message };
    if (at === LogLevel.ERROR) log.error('slack.bolt', fields);
    else if (at === LogLevel.WARN) log.warn('slack.bolt', fields);
    else if (at === LogLevel.INFO) log.info('slack.bolt', fields);
    else log.debug('slack.bolt', fields);
  };
  return {
    debug: (...m: unknown[]) => emit(LogLevel.DEBUG, m),
    info: (...m: unknown[]) => emit(LogLevel.INFO, m),
    warn: (...m: unknown[]) => emit(LogLevel.WARN, m),
    error: (...m: unknown[]) => emit(LogLevel.ERROR, m),
    setLevel: (l: LogLevel) => {
      current = l;
    },
    getLevel: () => current,
    setName: (n: string) => {
      name = n;
    },
  };
}
