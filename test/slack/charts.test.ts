import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inBothLocales } from '../../bot/core/i18n';
import { barChartPng } from '../../bot/core/rating/charts';
import { writeOutput } from '../../bot/core/rating/outputs';
import type { Locale, Notification, Reply } from '../../bot/core/types';
import { NOW, seedRatingDataset } from '../rating/dataset';
import { msk, RATING_KB } from '../rating/seed';
import { type Harness, startHarness, textOf } from './harness';
import type { UploadedFile } from './standInSlack';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function expectIntactPng(file: UploadedFile, onDisk: string): void {
  const original = readFileSync(onDisk);
  expect(file.bytes?.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  // Byte for byte, and the length announced before the upload is the real one.
  expect(file.bytes?.equals(original)).toBe(true);
  expect(file.length).toBe(original.length);
}

describe('charts in Slack, from the rating commands', () => {
  const GALINA = 'U0GALINA'; // the committee's head, known to the departments file by e-mail only
  let h: Harness;
  const chartPath = () => join(h.dir, 'charts', 'rating-2026-10.png');

  beforeAll(async () => {
    h = await startHarness({ knowledgeFolder: RATING_KB, start: msk(NOW) });
    h.api.users.set(GALINA, { id: GALINA, email: 'galina@bank.test', name: 'Галина Попова' });
    seedRatingDataset(h.core.stores);
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.api.clear();
  });

  it('a mention answers in its thread and the bar chart follows there as a file, uploaded the files:write way', async () => {
    const ts = '1767225600.010000';
    await h.event({ type: 'app_mention', user: GALINA, text: '<@U0BOT> рейтинг 2026-10', channel: 'C0GENERAL', ts });
    const [answer] = h.api.callsOf('chat.postMessage');
    expect(answer!.params).toMatchObject({ channel: 'C0GENERAL', thread_ts: ts });
    expect(textOf(answer!.params)).toContain('Рейтинг подразделений — октябрь 2026');

    // getUploadURLExternal → the bytes to its URL → completeUploadExternal; never the retired files.upload.
    expect(h.api.calls.map((c) => c.method).filter((m) => m.startsWith('files.') || m === 'upload')).toEqual([
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    const [file] = h.api.filesSharedIn('C0GENERAL', ts);
    expect(file).toMatchObject({ filename: 'rating-2026-10.png', title: 'Рейтинг подразделений — октябрь 2026' });
    expect(file!.altText).toBe('Рейтинг подразделений — октябрь 2026');
    expectIntactPng(file!, chartPath());
    expect(h.api.callsOf('files.getUploadURLExternal')[0]!.token).toBe('xoxb-test-token');
  });

  it('/clientdesk рейтинг in a channel: files cannot be ephemeral, so the reply and its chart go to the DM, and a private line says so', async () => {
    await h.command('/clientdesk', 'рейтинг 2026-10', { user: GALINA, channel: 'C0GENERAL' });
    const [dm] = h.api.callsOf('chat.postMessage');
    expect(dm!.params.channel).toBe(GALINA);
    expect(textOf(dm!.params)).toContain('1. Отдел вкладов — 97,0');
    // The stand-in answers a post to a user id with the DM's own id, as Slack does; the file is shared there.
    const [file] = h.api.filesSharedIn('D0GALINA');
    expectIntactPng(file!, chartPath());
    // Nothing public in the channel: no post, no file.
    expect(h.api.callsOf('chat.postMessage').filter((c) => c.params.channel === 'C0GENERAL')).toEqual([]);
    expect(h.api.filesSharedIn('C0GENERAL')).toEqual([]);
    const [note] = h.api.responded;
    expect(note!.body.response_type).toBe('ephemeral');
    expect(String(note!.body.text)).toContain('в личных сообщениях с ботом');
  });

  it('an upload that fails in an interactive reply: the text stands, the failure is logged, nothing goes to the outbox', async () => {
    h.api.failNext('upload', { status: 500 });
    const pendingBefore = h.core.stores.outbox.counts().pending ?? 0;
    const ts = '1767225600.011000';
    await h.event({ type: 'app_mention', user: GALINA, text: '<@U0BOT> rating 2026-10', channel: 'C0GENERAL', ts });
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(1);
    expect(h.api.callsOf('files.completeUploadExternal')).toEqual([]);
    expect(h.api.filesSharedIn('C0GENERAL', ts)).toEqual([]);
    expect(h.logLines.some((l) => l.includes('slack.chart_upload_failed') && l.includes('http_500'))).toBe(true);
    expect(h.core.stores.outbox.counts().pending ?? 0).toBe(pendingBefore);
  });
});

describe('charts in Slack, from the outbox', () => {
  let h: Harness;
  let png: string;

  beforeAll(async () => {
    h = await startHarness();
    const bars = [
      { label: 'Отдел вкладов', value: 97 },
      { label: 'Отдел карт', value: 57.8 },
    ];
    png = writeOutput(join(h.dir, 'charts'), 'rating-2026-10.png', barChartPng('Рейтинг подразделений', 'октябрь 2026', bars, 'ru'));
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.api.clear();
  });

  const report = (path: string, anchor?: Partial<Notification>): Notification => ({
    target: { kind: 'committee' },
    reply: inBothLocales(
      (l: Locale): Reply => ({
        blocks: [
          { type: 'heading', text: l === 'ru' ? 'Ежемесячный отчёт' : 'Monthly report' },
          { type: 'text', markdown: l === 'ru' ? '1. Отдел вкладов — 97,0' : '1. Deposits — 97.0' },
          { type: 'image', path, alt: l === 'ru' ? 'Рейтинг подразделений' : 'Department rating', title: l === 'ru' ? 'Рейтинг' : 'Rating' },
        ],
        fallbackText: l === 'ru' ? 'Ежемесячный отчёт' : 'Monthly report',
      }),
    ),
    ...anchor,
  });

  function enqueue(notification: Notification): number {
    const [id] = h.core.stores.transaction(() => h.core.stores.outbox.enqueue(notification, ['slack'], h.clock.now()));
    return id!;
  }
  const status = (id: number) => h.core.stores.db.prepare('SELECT status, attempts, last_error FROM outbox WHERE id = ?').get(id);

  it("posts the report to the committee's channel, then shares the chart there", async () => {
    const id = enqueue(report(png));
    await h.delivery.runOnce();
    expect(status(id)).toMatchObject({ status: 'sent' });
    const [post] = h.api.callsOf('chat.postMessage');
    expect(post!.params.channel).toBe('C0COMMIT');
    // The committee's channel reads Russian; the chart's line says a chart belongs there.
    expect(textOf(post!.params)).toContain('🖼 Рейтинг');
    const [file] = h.api.filesSharedIn('C0COMMIT');
    expect(file).toMatchObject({ title: 'Рейтинг', altText: 'Рейтинг подразделений' });
    expectIntactPng(file!, png);
    // The message came first, the file after it.
    const methods = h.api.calls.map((c) => c.method);
    expect(methods.indexOf('chat.postMessage')).toBeLessThan(methods.indexOf('files.completeUploadExternal'));
  });

  it('a failed upload is retried by the outbox, without posting the text again', async () => {
    h.api.failNext('upload', { status: 503 });
    const id = enqueue(report(png));
    await h.delivery.runOnce();
    expect(status(id)).toMatchObject({ status: 'pending', attempts: 1, last_error: 'http_503' });
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(1);
    expect(h.api.filesSharedIn('C0COMMIT')).toEqual([]);

    h.clock.advance(3_000);
    await h.delivery.runOnce();
    expect(status(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(1);
    const shared = h.api.filesSharedIn('C0COMMIT');
    expect(shared).toHaveLength(1);
    expectIntactPng(shared[0]!, png);
  });

  it('Slack refusing to complete the upload (HTTP 500 on files.completeUploadExternal) is retried too', async () => {
    h.api.failNext('files.completeUploadExternal', { status: 500 });
    const id = enqueue(report(png));
    await h.delivery.runOnce();
    expect(status(id)).toMatchObject({ status: 'pending', last_error: 'http_500' });
    h.clock.advance(3_000);
    await h.delivery.runOnce();
    expect(status(id)).toMatchObject({ status: 'sent' });
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(1);
    expect(h.api.filesSharedIn('C0COMMIT')).toHaveLength(1);
  });

  it("a history line with a chart goes in the card's thread, and so does its chart", async () => {
    enqueue({ ...report(png), target: { kind: 'department', departmentId: 'cards' }, anchor: 'report:cards', mode: 'post' });
    await h.delivery.runOnce();
    const card = h.core.stores.anchors.find('report:cards', 'slack', 'channel:C0CARDS')!;
    h.api.clear();
    enqueue({ ...report(png), target: { kind: 'department', departmentId: 'cards' }, anchor: 'report:cards', mode: 'thread' });
    await h.delivery.runOnce();
    expect(h.api.callsOf('chat.postMessage')[0]!.params).toMatchObject({ channel: 'C0CARDS', thread_ts: card.messageId });
    expect(h.api.filesSharedIn('C0CARDS', card.messageId)).toHaveLength(1);
  });

  it('a chart file that is gone is logged and not retried: the report is delivered without it', async () => {
    const gone = join(h.dir, 'charts', 'cleaned-up.png');
    const id = enqueue(report(gone));
    await h.delivery.runOnce();
    expect(status(id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(h.api.callsOf('chat.postMessage')).toHaveLength(1);
    expect(h.api.callsOf('files.getUploadURLExternal')).toEqual([]);
    expect(h.logLines.some((l) => l.includes('slack.chart_upload_failed') && l.includes('chart_missing'))).toBe(true);
  });
});
