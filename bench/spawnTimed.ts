import { spawn } from 'node:child_process';
import { nowMs } from './measure';

export interface TimedChild<T> {
  /** From just before spawn to the first complete line on the child's stdout. */
  wallMs: number;
  output: T;
}

/**
 * Runs a command and times it from spawn to its first line of output (the answer), not to its exit:
 * a bot is useful from its first answer. The line must be JSON. Bounded by `timeoutMs`.
 */
export function spawnTimed<T>(command: string, args: readonly string[], options: { cwd: string; timeoutMs: number }): Promise<TimedChild<T>> {
  return new Promise((resolve, reject) => {
    const start = nowMs();
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let answeredAt: number | undefined;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')}: no answer within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      if (answeredAt === undefined && out.includes('\n')) answeredAt = nowMs();
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      err += chunk;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (answeredAt === undefined || code !== 0) {
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${err.slice(-2000) || out.slice(-2000)}`));
        return;
      }
      const line = out.slice(0, out.indexOf('\n'));
      try {
        resolve({ wallMs: answeredAt - start, output: JSON.parse(line) as T });
      } catch {
        reject(new Error(`not JSON: ${line.slice(0, 500)}`));
      }
    });
  });
}
