import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatTime } from '../../bot/core/issues/issueCards';

const viaLuxon = (iso: string, zone: string, locale: 'ru' | 'en') =>
  DateTime.fromISO(iso, { zone }).setLocale(locale).toFormat(locale === 'ru' ? 'dd.MM.yyyy HH:mm' : 'dd MMM yyyy HH:mm');

describe('formatTime', () => {
  it('shows an instant in the zone, as the cards and history always have', () => {
    expect(formatTime('2026-11-26T11:00:00.000Z', 'Europe/Moscow', 'ru')).toBe('26.11.2026 14:00');
    expect(formatTime('2026-11-26T11:00:00.000Z', 'Europe/Moscow', 'en')).toBe('26 Nov 2026 14:00');
    expect(formatTime('2026-12-31T21:30:00.000Z', 'Asia/Yekaterinburg', 'ru')).toBe('01.01.2027 02:30');
  });

  it('gives luxon’s strings across daylight-saving changes, odd offsets and input that is not a UTC instant', () => {
    const instants: string[] = [];
    // Every 7 minutes around New York's spring and autumn changes of 2026, and some in Chatham (UTC+12:45/13:45).
    for (const day of ['2026-03-08T05:00:00Z', '2026-11-01T04:00:00Z', '2026-04-04T12:00:00Z']) {
      for (let m = 0; m < 6 * 60; m += 7) instants.push(new Date(Date.parse(day) + m * 60_000).toISOString());
    }
    for (const zone of ['America/New_York', 'Pacific/Chatham', 'Asia/Kathmandu', 'Europe/Moscow']) {
      for (const iso of [...instants, '2026-03-10T10:00:00+03:00', '2026-03-10', 'not a date']) {
        for (const locale of ['ru', 'en'] as const) expect(formatTime(iso, zone, locale), `${iso} ${zone} ${locale}`).toBe(viaLuxon(iso, zone, locale));
      }
    }
  });
});
