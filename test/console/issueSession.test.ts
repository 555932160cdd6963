import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'clientdesk-console-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a console session through the issue desk', () => {
  it('logs an issue as client relations, hands it off as cards, resolves it as operations, and shows who was told what', () => {
    const script = [
      'обращение новое',
      'Петрова А.В., счёт 40817810099991234567', // client
      'card_dispute', // category
      'Клиент не узнаёт списание 12 500 руб. по карте 5555 5555 5555 4444', // description
      'branch', // channel
      '', // priority: default
      '', // vip: default
      '', // branch: skip
      'as d.kozlov@bank.example',
      'issue take CL-2026-000001',
      'issue handoff CL-2026-000001 operations похоже на мошенничество, нужна проверка',
      'as s.orlov@bank.example',
      'issue resolve CL-2026-000001 5 Операция отменена, деньги вернулись клиенту',
      'issue show CL-2026-000001',
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bot/main.ts', '--as', 'o.petrov@bank.example'], {
      input: `${script}\n`,
      env: { ...process.env, CLIENTDESK_DB: join(dir, 'session.db'), CLIENTDESK_PLATFORMS: 'console', CLIENTDESK_USER: '' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const out = run.stdout;
    expect(out).toContain('Обращение CL-2026-000001 зарегистрировано. Отдел банковских карт: категория «Оспаривание операции по карте»');
    // The card number and account never reach the screen or the channel.
    expect(out).not.toContain('5555 5555 5555 4444');
    expect(out).not.toContain('40817810099991234567');
    expect(out).toContain('•••• •••• •••• 4444');
    // Notifications each side got.
    expect(out).toMatch(/📨 → #Отдел банковских карт\n/);
    expect(out).toMatch(/📨 → @Олег Петров\n {3}Обращение CL-2026-000001 зарегистрировано/);
    expect(out).toMatch(/📨 → #Отдел банковских карт \(в ветке\)\n.*Дмитрий Козлов: взял\(а\) в работу/);
    expect(out).toMatch(/📨 → #Операционный отдел\n/);
    expect(out).toMatch(/📨 → @Олег Петров\n {3}Обращение CL-2026-000001 передано в «Операционный отдел»/);
    expect(out).toMatch(/📨 → @Олег Петров\n {3}Обращение CL-2026-000001 решено: Операция отменена/);
    // The history from the audit log.
    const history = out.slice(out.lastIndexOf('История'));
    expect(history).toContain('Олег Петров: зарегистрировал(а) обращение');
    expect(history).toContain('Дмитрий Козлов: передал(а) Отдел банковских карт → Операционный отдел');
    expect(history).toContain('Сергей Орлов: решено: Операция отменена, деньги вернулись клиенту (оценка клиента 5/5)');
  });
});
