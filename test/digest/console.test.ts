import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, ROOT, tempDir } from './support';

afterAll(removeTempDirs);

/** Runs `npx tsx bot/main.ts` as a console session fed by a script on stdin; resolves with what it printed. */
function consoleSession(lines: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['tsx', join(ROOT, 'bot/main.ts')], {
      cwd: ROOT,
      env: { ...process.env, CLIENTDESK_PLATFORMS: 'console', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(`${lines.join('\n')}\n`);
  });
}

describe('the console', () => {
  it('shows the morning digest of a department with the issues logged in the same session', async () => {
    const dir = tempDir();
    const script = [
      // Two issues logged by a client relations officer through the form, field by field.
      'issue new Клиент не может оплатить покупки, карта 4276 1234 5678 9012 заблокирована',
      'Иванов Иван Иванович',
      'card_blocked',
      '',
      '',
      'high',
      'no',
      '',
      'issue new Оспаривает списание 12 000 руб. в интернет-магазине',
      'Петрова Анна',
      'card_dispute',
      '',
      'phone',
      '',
      'yes',
      '',
      // The head of cards looks at the digest, posts it to the channel, and checks the schedule.
      'от-имени a.ivanova@bank.example',
      'дайджест',
      'дайджест отправить',
      'дайджест расписание',
      'digest unsubscribe',
    ];
    const { code, stdout, stderr } = await consoleSession(script, {
      CLIENTDESK_DB: join(dir, 'clientdesk.db'),
      CLIENTDESK_USER: 'o.petrov@bank.example',
    });
    expect(code, stderr).toBe(0);
    const numbers = [...stdout.matchAll(/Обращение (CL-\d{4}-\d{6}) зарегистрировано\./g)].map((m) => m[1]);
    expect(numbers).toHaveLength(2);
    const preview = stdout.slice(stdout.indexOf('Теперь вы — Анна Иванова'));
    expect(preview).toMatch(/== Дайджест · Отдел банковских карт · [^=]+ ==\nОткрыто: 2 \(новое — 2\)/);
    expect(preview).toContain('Без исполнителя (2)');
    expect(preview).toContain(`${numbers[0]} · Блокировка карты — «Клиент не может оплатить покупки, карта •••• •••• •••• 9012 заблокиро…»`);
    expect(preview).toContain(`${numbers[1]} · Оспаривание операции по карте · VIP — «Оспаривает списание 12 000 руб. в интернет-магазине»`);
    expect(preview).toContain('Новые с прошлого дайджеста (2)');
    expect(preview).toContain('Предпросмотр: так выглядел бы дайджест сейчас. Отправить в канал подразделения: дайджест отправить cards');
    // Sent: the console deliverer prints what the channel receives, the card number still masked.
    const sent = preview.slice(preview.indexOf('Дайджест «Отдел банковских карт» отправлен в канал подразделения.'));
    expect(sent).toMatch(/📨 → #Отдел банковских карт\n {3}== Дайджест · Отдел банковских карт · [^=]+ ==\n {3}Открыто: 2 \(новое — 2\)/);
    // (The console echoes the form's typed text back to its typist; everything stored and posted is masked.)
    expect(preview).not.toContain('4276 1234 5678 9012');
    expect(preview).toContain('Отдел банковских карт — по рабочим дням в 09:00, Europe/Moscow');
    expect(preview).toMatch(/Ближайшие: \d\d\.\d\d 09:00, \d\d\.\d\d 09:00/);
    expect(stdout).toContain('Напоминания отключены. Включить снова: дайджест подписаться');
  }, 120_000);
});
