import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../bot/core/logger';
import { pick } from '../../knowledge/localized';
import { KnowledgeLoadError, KnowledgeService, type KnowledgeSnapshot, openSnapshot } from '../../knowledge/service';
import { copyFixtureKb, editFile, FIXTURE_KB, removeTempDirs, tempDir } from '../support/files';

const services: KnowledgeService[] = [];
afterEach(() => {
  for (const s of services.splice(0)) s.close();
});
afterAll(removeTempDirs);

function startService() {
  const folder = copyFixtureKb();
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) });
  const service = new KnowledgeService(folder, log, tempDir('clientdesk-cache-'));
  services.push(service);
  return { folder, service, lines };
}

const blockAnswer = (service: KnowledgeService) => pick(service.current.kb.answer('card-block')!.answer, 'ru');
const NEW_TEXT = 'Карту блокируют в приложении за одну минуту.';

describe('reloading the knowledge base', () => {
  it('serves a valid edit after reload()', () => {
    const { folder, service, lines } = startService();
    const reloaded: KnowledgeSnapshot[] = [];
    service.onReload((snapshot) => reloaded.push(snapshot));
    const before = service.current;
    expect(service.reload()).toEqual([]);
    expect(service.current).toBe(before); // nothing changed, nothing swapped

    editFile(folder, 'answers/cards.yaml', '      ru: Карту блокируют в мобильном приложении', `      ru: ${NEW_TEXT} Или в мобильном приложении`);
    editFile(folder, 'answers/cards.yaml', '      - блокировка карты при утере', '      - блокировка карты при утере\n      - карта потерялась в такси');
    expect(service.reload()).toEqual([]);
    expect(blockAnswer(service)).toContain(NEW_TEXT);
    expect(service.current.searcher.search('карта потерялась в такси').candidates[0]?.entry.id).toBe('card-block');
    expect(reloaded).toEqual([service.current]);
    expect(lines.map((l) => l.event)).toContain('knowledge.reloaded');
  });

  it('refuses a broken file, returns its errors and keeps serving the previous version', () => {
    const { folder, service, lines } = startService();
    const good = service.current;
    writeFileSync(join(folder, 'answers/cards.yaml'), 'answers:\n  - id: card-block\n   question: broken indentation\n');
    editFile(folder, 'rights.yaml', '    owner: committee', '    owner: nobody');

    const errors = service.reload();
    expect(errors.map((e) => e.file).sort()).toEqual([join('answers', 'cards.yaml'), 'rights.yaml']);
    expect(service.current).toBe(good);
    expect(service.current.searcher.search('Как заблокировать карту?').candidates[0]?.entry.id).toBe('card-block');
    const refused = lines.find((l) => l.event === 'knowledge.reload_refused');
    expect(refused).toMatchObject({ level: 'warn', errors: 2, serving: good.kb.contentHash.slice(0, 12) });
    expect(String((refused?.first as string[] | undefined)?.[0])).toMatch(/^answers\/cards\.yaml:\d+:\d+: YAML syntax/);

    // Fixed again: the new version is served.
    const original = readFileSync(join(FIXTURE_KB, 'answers/cards.yaml'), 'utf8');
    writeFileSync(join(folder, 'answers/cards.yaml'), original.replace('Как заблокировать карту?', 'Как срочно заблокировать карту?'));
    editFile(folder, 'rights.yaml', '    owner: nobody', '    owner: committee');
    expect(service.reload()).toEqual([]);
    expect(pick(service.current.kb.answer('card-block')!.question, 'ru')).toBe('Как срочно заблокировать карту?');
  });

  it('refuses to start on a broken folder, listing every error', () => {
    const folder = copyFixtureKb();
    editFile(folder, 'products.yaml', '    owner: deposits', '    owner: savings');
    editFile(folder, 'playbooks.yaml', '    owner: client_relations', '    owner: 7');
    expect(() => openSnapshot(folder)).toThrow(KnowledgeLoadError);
    try {
      openSnapshot(folder);
    } catch (error) {
      expect((error as KnowledgeLoadError).errors).toHaveLength(2);
      expect((error as Error).message).toMatch(/playbooks\.yaml:\d+:\d+: playbooks\[0\]\.owner/);
      expect((error as Error).message).toMatch(/products\.yaml:\d+:\d+: products\[2\]\.owner: unknown owner department "savings"/);
    }
  });

  it('picks up a changed file by itself when watching, and ignores a broken one', async () => {
    const { folder, service, lines } = startService();
    service.watch(20);
    editFile(folder, 'answers/cards.yaml', '      ru: Карту блокируют в мобильном приложении', `      ru: ${NEW_TEXT} Или в мобильном приложении`);
    await vi.waitFor(() => expect(blockAnswer(service)).toContain(NEW_TEXT), { timeout: 10_000, interval: 25 });

    const good = service.current;
    editFile(folder, 'departments.yaml', '    kind: committee', '    kind: [committee');
    await vi.waitFor(() => expect(lines.some((l) => l.event === 'knowledge.reload_refused')).toBe(true), { timeout: 10_000, interval: 25 });
    expect(service.current).toBe(good);
  });
});
