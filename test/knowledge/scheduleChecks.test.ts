import { afterEach, describe, expect, it } from 'vitest';
import { formatKbError, loadKnowledge } from '../../knowledge/loader';
import { copyFixtureKb, editFile, removeTempDirs } from '../support/files';

afterEach(removeTempDirs);

describe('digest schedules in the departments file', () => {
  it('refuses a schedule that is neither HH:MM nor cron, and an unknown time zone, naming the line', () => {
    const kb = copyFixtureKb();
    editFile(
      kb,
      'departments.yaml',
      "    categories: [complaint]\n",
      "    categories: [complaint]\n    digest:\n      schedule: '25:99'\n",
    );
    editFile(kb, 'departments.yaml', '    categories: [card_blocked]\n', '    categories: [card_blocked]\n    timezone: Europe/Atlantis\n');
    const result = loadKnowledge(kb);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.errors.map(formatKbError);
    expect(lines).toContainEqual(expect.stringMatching(/^departments\.yaml:\d+:\d+: departments\[0\]\.digest\.schedule: "25:99" is neither HH:MM nor/));
    expect(lines).toContainEqual(expect.stringMatching(/^departments\.yaml:\d+:\d+: departments\[1\]\.timezone: unknown time zone "Europe\/Atlantis"/));
  });

  it('accepts HH:MM and cron schedules', () => {
    const kb = copyFixtureKb();
    editFile(kb, 'departments.yaml', "    categories: [complaint]\n", "    categories: [complaint]\n    digest:\n      schedule: '0 9 * * 1'\n");
    expect(loadKnowledge(kb).ok).toBe(true);
  });
});
