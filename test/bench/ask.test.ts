import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_KB, ROOT } from '../support/files';

const ask = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/eval/ask.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });

describe('npm run eval:ask', () => {
  it('prints the decision and the best entries with the numbers the policy reads', () => {
    const run = ask('--kb', FIXTURE_KB, 'Как заблокировать карту?', 'погода на завтра');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const [blocking, weather] = run.stdout.split(/\n(?=\S)/);
    expect(blocking).toMatch(/^Как заблокировать карту\?\n {2}→ answer \(2 content words\)\n {2}card-block {2}score \d\.\d{3} {2}confidence/);
    expect(weather).toMatch(/^погода на завтра\n {2}→ none/);
  });

  it('says its usage without a question', () => {
    const run = ask();
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('usage: npm run eval:ask -- "question"');
  });
});
