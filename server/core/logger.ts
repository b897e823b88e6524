// Minimal structured logger: one line per event, level filtered, to stderr.
// Kept dependency-free; operators redirect or ship stderr as they like.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export function createLogger(level: LogLevel, scope = 'causerie', write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const threshold = ORDER[level];
  const emit = (at: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (ORDER[at] < threshold) return;
    const extra = fields ? ' ' + JSON.stringify(fields, (_k, v: unknown) => (v instanceof Error ? v.message : v)) : '';
    write(`${new Date().toISOString()} ${at.toUpperCase()} [${scope}] ${message}${extra}`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (child) => createLogger(level, `${scope}:${child}`, write),
  };
}
