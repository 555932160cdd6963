// A stand-in for Slack's Web API on 127.0.0.1: answers the methods clientdesk calls, records every call,
// and can be told to fail the next calls (HTTP 500, 429 with Retry-After, a Slack error code).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  /** The token the call was made with (Authorization header or `token` field). */
  token?: string;
}

export interface Responded {
  id: string;
  body: Record<string, unknown>;
}

export interface SlackUser {
  id: string;
  email?: string;
  name: string;
  locale?: string;
}

/** A file as clientdesk uploaded it: what it announced, the bytes that arrived, where it was shared. */
export interface UploadedFile {
  id: string;
  filename: string;
  /** The length announced to files.getUploadURLExternal. */
  length: number;
  altText?: string;
  bytes?: Buffer;
  /** How the bytes came: the Web API client sends a multipart form. */
  contentType?: string;
  title?: string;
  shares: { channel?: string; threadTs?: string; initialComment?: string }[];
}

interface Failure {
  status: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

export class StandInSlackApi {
  readonly calls: ApiCall[] = [];
  readonly responded: Responded[] = [];
  readonly users = new Map<string, SlackUser>();
  /** Files by id, from files.getUploadURLExternal through the upload to files.completeUploadExternal. */
  readonly files = new Map<string, UploadedFile>();
  /** What apps.connections.open answers (Socket Mode). */
  socketUrl?: string;
  /** While set, every Web API call and response_url post is recorded at once but answered only when this settles (a slow Slack). */
  hold?: Promise<unknown>;
  /** Calls and response_url posts answered so far. */
  answered = 0;
  private readonly failures = new Map<string, Failure[]>();
  private tsCounter = 100;

  private constructor(
    private readonly server: Server,
    readonly base: string,
  ) {}

  static async start(): Promise<StandInSlackApi> {
    let api: StandInSlackApi | undefined;
    const server = createServer((req, res) => {
      void api!.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    api = new StandInSlackApi(server, `http://127.0.0.1:${port}`);
    return api;
  }

  /** The value for SLACK_API_URL. */
  get url(): string {
    return `${this.base}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.base}/respond/${id}`;
  }

  /** The next `count` calls of `method` fail this way. */
  failNext(method: string, failure: Failure, count = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < count; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  clear(): void {
    this.calls.length = 0;
    this.responded.length = 0;
    this.files.clear();
  }

  /** Files shared in a conversation (and thread), in upload order. */
  filesSharedIn(channel: string, threadTs?: string): UploadedFile[] {
    return [...this.files.values()].filter((f) => f.shares.some((s) => s.channel === channel && s.threadTs === threadTs));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawBytes = await readBody(req);
    const raw = rawBytes.toString('utf8');
    const url = new URL(req.url ?? '/', this.base);
    if (url.pathname.startsWith('/upload/')) return this.receiveUpload(url.pathname.slice('/upload/'.length), rawBytes, req, res);
    res.on('finish', () => {
      this.answered += 1;
    });
    if (url.pathname.startsWith('/respond/')) {
      this.responded.push({ id: url.pathname.slice('/respond/'.length), body: JSON.parse(raw) as Record<string, unknown> });
      await this.hold;
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const params = parseParams(raw, String(req.headers['content-type'] ?? ''));
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    this.calls.push({ method, params, token: bearer ?? (typeof params.token === 'string' ? params.token : undefined) });
    await this.hold;
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.headers ?? {}) });
      res.end(JSON.stringify(failure.body ?? { ok: false, error: 'internal_error' }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.answer(method, params)));
  }

  /** The upload URL files.getUploadURLExternal handed out: Slack answers 200 and "OK - <length>". */
  private async receiveUpload(fileId: string, bytes: Buffer, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const contentType = String(req.headers['content-type'] ?? '');
    this.calls.push({ method: 'upload', params: { file_id: fileId, content_type: contentType, size: bytes.length } });
    const failure = this.failures.get('upload')?.shift();
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'text/plain', ...(failure.headers ?? {}) }).end('upload failed');
      return;
    }
    const file = this.files.get(fileId);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such upload');
      return;
    }
    file.contentType = contentType;
    file.bytes = contentType.startsWith('multipart/form-data') ? await firstFilePart(bytes, contentType) : bytes;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${file.bytes.length}`);
  }

  private nextTs(): string {
    this.tsCounter += 1;
    return `1767225600.${String(this.tsCounter).padStart(6, '0')}`;
  }

  private answer(method: string, params: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://bank.slack.com/', team: 'Bank', user: 'clientdesk', team_id: 'T0BANK', user_id: 'U0BOT', bot_id: 'B0BOT' };
      case 'chat.postMessage': {
        const channel = String(params.channel);
        // Posting to a user id lands in the app's DM with them.
        const id = channel.startsWith('U') ? `D${channel.slice(1)}` : channel;
        return { ok: true, channel: id, ts: this.nextTs(), message: { text: params.text } };
      }
      case 'chat.update':
        return { ok: true, channel: params.channel, ts: params.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: `V${this.calls.length}` } };
      case 'users.info': {
        const user = this.users.get(String(params.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: { id: user.id, name: user.name, real_name: user.name, locale: user.locale, profile: { email: user.email, real_name: user.name } },
        };
      }
      case 'users.lookupByEmail': {
        const user = [...this.users.values()].find((u) => u.email === params.email);
        return user ? { ok: true, user: { id: user.id, name: user.name } } : { ok: false, error: 'users_not_found' };
      }
      case 'files.getUploadURLExternal': {
        if (!params.filename || !params.length) return { ok: false, error: 'invalid_arguments' };
        const id = `F${String(this.files.size + 1).padStart(8, '0')}`;
        this.files.set(id, {
          id,
          filename: String(params.filename),
          length: Number(params.length),
          altText: typeof params.alt_text === 'string' ? params.alt_text : undefined,
          shares: [],
        });
        return { ok: true, upload_url: `${this.base}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const listed = (typeof params.files === 'string' ? safeJson(params.files) : params.files) as { id: string; title?: string }[];
        const done: Record<string, unknown>[] = [];
        for (const entry of listed) {
          const file = this.files.get(entry.id);
          // Slack refuses to complete a file whose bytes never arrived.
          if (!file?.bytes) return { ok: false, error: 'file_not_found' };
          file.title = entry.title;
          file.shares.push({
            channel: typeof params.channel_id === 'string' ? params.channel_id : undefined,
            threadTs: typeof params.thread_ts === 'string' ? params.thread_ts : undefined,
            initialComment: typeof params.initial_comment === 'string' ? params.initial_comment : undefined,
          });
          done.push({ id: file.id, name: file.filename, title: file.title, size: file.bytes.length });
        }
        return { ok: true, files: done };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(params.users).slice(1)}` } };
      case 'apps.connections.open':
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: 'invalid_auth' };
      default:
        return { ok: true };
    }
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The first file in a multipart/form-data body, parsed by the platform's own form reader. */
async function firstFilePart(body: Buffer, contentType: string): Promise<Buffer> {
  const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  for (const [, value] of form) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  throw new Error('the multipart upload carried no file');
}

/** The Web API client sends form fields, with nested values (blocks, views) as JSON strings. */
function parseParams(raw: string, contentType: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    params[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return params;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
