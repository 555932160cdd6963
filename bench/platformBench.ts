import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKnowledge } from '../knowledge/loader';
import { KnowledgeBase } from '../knowledge/model';
import { BUNDLED_KB, ROOT } from './generate';
import { latencyOf, nowMs } from './measure';
import { queriesForEntries } from './queries';
import { type Emit, target } from './report';

export interface PlatformPlan {
  concurrency: number;
  /** Requests each of the `concurrency` senders makes, one after another. */
  rounds: number;
  warmupRounds: number;
  /** Requests sent one at a time before the concurrent run, as a baseline. */
  sequential: number;
}

const START_TIMEOUT_MS = 120_000;
const ANSWER_WAIT_MS = 60_000;

/**
 * One stand-in for both Slack's Web API (`/api/<method>`, and `/respond/<id>` as response_url) and the
 * Bot Framework connector (`/v3/...`). It answers at once and notes when the last message for each
 * request arrived: a Slack request is known by its channel (each request gets its own) or its
 * response_url, a Teams one by the activity the reply answers.
 */
class StandIn {
  readonly answeredAt = new Map<string, number>();
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const path = (req.url ?? '').split('?')[0] ?? '';
        const reply = (body: unknown) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (path.startsWith('/respond/')) {
          this.answeredAt.set(path.slice('/respond/'.length), nowMs());
          return reply({ ok: true });
        }
        if (path.startsWith('/api/auth.test')) {
          return reply({ ok: true, url: 'https://bank.slack.com/', team: 'bank', user: 'clientdesk', team_id: 'T0BANK', user_id: 'U0BOT', bot_id: 'B0BOT' });
        }
        if (path.startsWith('/api/')) {
          const channel = channelOf(req.headers['content-type'], raw);
          if (channel && path.startsWith('/api/chat.')) this.answeredAt.set(channel, nowMs());
          return reply({ ok: true, ts: '1767225600.000100', channel: channel ?? 'C0GENERAL', message_ts: '1767225600.000100' });
        }
        if (path.startsWith('/v3/')) {
          // A reply to an activity names it: /v3/conversations/<conversation>/activities/<activity id>.
          const replyTo = decodeURIComponent(path).split('/activities/')[1];
          if (replyTo) this.answeredAt.set(replyTo, nowMs());
          return reply({ id: `1700000000${this.answeredAt.size}` });
        }
        res.writeHead(404).end();
      });
    });
    this.server.keepAliveTimeout = 30_000;
    this.server.listen(0, '127.0.0.1');
    await new Promise((resolve) => this.server!.once('listening', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Resolves once a message for `id` arrived (or after `timeoutMs`). */
  async answered(id: string, timeoutMs: number): Promise<void> {
    const deadline = nowMs() + timeoutMs;
    while (!this.answeredAt.has(id) && nowMs() < deadline) await new Promise((r) => setTimeout(r, 2));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** The `channel` argument of a Web API call, form-encoded or JSON. */
function channelOf(contentType: string | undefined, raw: string): string | undefined {
  try {
    if (contentType?.includes('json')) return (JSON.parse(raw) as { channel?: string }).channel;
    return new URLSearchParams(raw).get('channel') ?? undefined;
  } catch {
    return undefined;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => resolve(raw));
  });
}

interface ServerChild {
  child: ChildProcess;
  port: number;
}

/**
 * The bot in its own process (as in production), so the load generator doesn't share its event loop.
 * With BENCH_PROFILE_DIR set, it writes a CPU profile there (node --cpu-prof) for finding where time goes.
 */
function startServer(apiBase: string, dir: string, secret: string): Promise<ServerChild> {
  const profileDir = process.env.BENCH_PROFILE_DIR;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/platformServer.ts', apiBase, dir, secret], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`platform server did not start within ${START_TIMEOUT_MS} ms: ${err.slice(-1000)}`));
    }, START_TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolve({ child, port: (JSON.parse(line) as { port: number }).port });
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      err += chunk;
      if (err.length > 20_000) err = err.slice(-10_000);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`platform server exited with ${code}: ${err.slice(-1000)}`));
    });
  });
}

function stopServer(server: ServerChild): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve();
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
    server.child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    server.child.kill('SIGTERM');
  });
}

interface LoadResult {
  acks: number[];
  errors: number;
  firstError?: string;
  sentAt: Map<string, number>;
  wallMs: number;
}

/**
 * `concurrency` senders, each sending its requests one after another: at most `concurrency` in flight.
 * With `settle`, a sender also waits for its request's answer before the next (nothing overlaps).
 */
async function load(
  concurrency: number,
  perSender: number,
  send: (n: number) => { id: string; request: () => Promise<Response> },
  settle?: (id: string) => Promise<void>,
): Promise<LoadResult> {
  const acks: number[] = [];
  const sentAt = new Map<string, number>();
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const start = nowMs();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = 0; i < perSender; i++) {
        const { id, request } = send(next++);
        const t0 = nowMs();
        sentAt.set(id, t0);
        try {
          const response = await request();
          await response.arrayBuffer();
          if (response.status !== 200) {
            errors++;
            firstError ??= `HTTP ${response.status}`;
          } else {
            acks.push(nowMs() - t0);
            await settle?.(id);
          }
        } catch (error) {
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  return { acks, errors, firstError, sentAt, wallMs: nowMs() - start };
}

async function answerLatencies(standIn: StandIn, sentAt: Map<string, number>): Promise<{ latencies: number[]; missing: number }> {
  const deadline = nowMs() + ANSWER_WAIT_MS;
  const arrived = () => [...sentAt.keys()].filter((id) => standIn.answeredAt.has(id)).length;
  while (arrived() < sentAt.size && nowMs() < deadline) await new Promise((r) => setTimeout(r, 50));
  // A request may post more than one message (an echo of the question, then the answer): let the last land.
  await new Promise((r) => setTimeout(r, 1000));
  const latencies: number[] = [];
  for (const [id, t0] of sentAt) {
    const t1 = standIn.answeredAt.get(id);
    if (t1 !== undefined) latencies.push(t1 - t0);
  }
  return { latencies, missing: sentAt.size - latencies.length };
}

export async function benchPlatforms(plan: PlatformPlan, emit: Emit, skip: (part: string, reason: string) => void): Promise<void> {
  const hasSlack = existsSync(join(ROOT, 'bot/slack/slackApp.ts'));
  const hasTeams = existsSync(join(ROOT, 'bot/teams/index.ts'));
  if (!hasSlack || !hasTeams) {
    skip('platforms', `adapter missing: ${[!hasSlack && 'bot/slack', !hasTeams && 'bot/teams'].filter(Boolean).join(', ')}`);
    return;
  }
  const loaded = loadKnowledge(BUNDLED_KB);
  if (!loaded.ok) throw new Error('the bundled knowledge base does not load');
  const kb = new KnowledgeBase(loaded.knowledge);
  const questions = queriesForEntries(kb.entries, 7, 200).map((q) => q.text);
  const people = [...kb.people.values()];
  const slackUsers = people.flatMap((p) => (p.slack ? [p.slack] : []));
  const teamsUsers = people.flatMap((p) => (p.teams ? [{ aad: p.teams, name: p.name }] : []));

  const dir = mkdtempSync(join(tmpdir(), 'clientdesk-bench-platforms-'));
  const standIn = new StandIn();
  await standIn.start();
  const secret = randomBytes(16).toString('hex');
  let server: ServerChild | undefined;
  try {
    server = await startServer(standIn.url, dir, secret);
    const base = `http://127.0.0.1:${server.port}`;

    const slackCommand = (n: number) => {
      // Its own channel per request, so the messages it causes can be told apart.
      const id = `CB${n.toString(36).toUpperCase()}X${randomBytes(3).toString('hex').toUpperCase()}`;
      const body = new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: 'T0BANK',
        team_domain: 'bank',
        channel_id: id,
        channel_name: 'general',
        user_id: slackUsers[n % slackUsers.length] ?? 'U0CLIENT01',
        user_name: 'someone',
        command: '/ask',
        text: questions[n % questions.length] ?? 'как заблокировать карту',
        api_app_id: 'A0CLIENTDESK',
        is_enterprise_install: 'false',
        response_url: `${standIn.url}respond/${id}`,
        trigger_id: id,
      }).toString();
      const timestamp = Math.floor(Date.now() / 1000);
      const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
      return {
        id,
        request: () =>
          fetch(`${base}/slack/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature },
            body,
          }),
      };
    };
    const teamsMessage = (n: number) => {
      const id = `bench-${n}-${randomBytes(4).toString('hex')}`;
      const from = teamsUsers[n % teamsUsers.length] ?? { aad: '00000000-0000-0000-0000-000000000000', name: 'Guest' };
      const activity = {
        type: 'message',
        id,
        text: questions[n % questions.length] ?? 'как заблокировать карту',
        serviceUrl: standIn.url,
        channelId: 'msteams',
        from: { id: `29:${from.aad}`, name: from.name, aadObjectId: from.aad },
        recipient: { id: '28:clientdesk-bot', name: 'clientdesk' },
        conversation: { id: `a:personal-${from.aad}`, conversationType: 'personal', tenantId: 'tenant-bank-example' },
        channelData: { tenant: { id: 'tenant-bank-example' } },
        timestamp: new Date().toISOString(),
        locale: 'ru-RU',
      };
      return {
        id,
        request: () => fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) }),
      };
    };

    for (const [platform, make, what] of [
      ['slack', slackCommand, 'signed /ask slash command; ack = Bolt answers HTTP 200 (before the work)'],
      ['teams', teamsMessage, 'message activity to /api/messages; ack = HTTP 200 before the turn (the turn, with the search and the reply to the connector, runs from the after-ack queue)'],
    ] as const) {
      // Each sender is a person: they ask, get the answer, ask again. At most `concurrency` requests
      // are in the bot at once, and its backlog never outgrows them.
      const answered = (id: string) => standIn.answered(id, ANSWER_WAIT_MS);
      await load(plan.concurrency, plan.warmupRounds, make, answered);
      // One request at a time first: an ack with nothing queued ahead.
      const alone = await load(1, plan.sequential, make, answered);
      const result = await load(plan.concurrency, plan.rounds, make, answered);
      const answers = await answerLatencies(standIn, result.sentAt);
      const total = plan.concurrency * plan.rounds;
      const sizes = { concurrency: plan.concurrency, requests: total };
      const ack = latencyOf(result.acks);
      const errors = result.errors + answers.missing;
      const name = platform === 'slack' ? 'Slack' : 'Teams';
      emit({
        section: 'platforms',
        name: `${name} ack latency, one request at a time`,
        subject: 'clientdesk',
        sizes: { concurrency: 1, requests: plan.sequential },
        unit: 'ms',
        value: latencyOf(alone.acks).p99,
        latency: latencyOf(alone.acks),
        note: `diagnostic baseline: one sender, each request after the previous one was answered; ${alone.errors} error(s)`,
      });
      emit({
        section: 'platforms',
        name: `${name} ack latency`,
        subject: 'clientdesk',
        sizes,
        unit: 'ms',
        value: ack.p99,
        latency: ack,
        target: target('p99 ≤ 100 ms', '<=', 100, ack.p99),
        note: `${what}; ${plan.concurrency} senders, each sending its next request once the previous one was answered; after ${plan.concurrency * plan.warmupRounds} warm-up requests; loopback, bot in its own process`,
      });
      emit({
        section: 'platforms',
        name: `${name} answer delivered`,
        subject: 'clientdesk',
        sizes,
        unit: 'ms',
        value: latencyOf(answers.latencies).p99,
        latency: latencyOf(answers.latencies),
        note:
          platform === 'slack'
            ? 'request sent → its last message reached the Web API (chat.postMessage/postEphemeral) or response_url'
            : 'activity sent → the reply POSTed to the connector',
      });
      emit({
        section: 'platforms',
        name: `${name} throughput held`,
        subject: 'clientdesk',
        sizes,
        unit: 'req/s',
        value: answers.latencies.length / (result.wallMs / 1000),
        note: `${answers.latencies.length} requests acked and answered in ${(result.wallMs / 1000).toFixed(1)} s`,
      });
      emit({
        section: 'platforms',
        name: `${name} errors`,
        subject: 'clientdesk',
        sizes,
        unit: 'count',
        value: errors,
        target: target('no errors', '<=', 0, errors),
        note: errors
          ? `${result.errors} failed requests${result.firstError ? ` (first: ${result.firstError})` : ''}, ${answers.missing} answers not delivered within ${ANSWER_WAIT_MS / 1000} s`
          : 'every request acked with 200 and answered',
      });
    }
  } finally {
    if (server) await stopServer(server);
    await standIn.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
