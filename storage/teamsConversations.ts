import type { Database } from './database';

/**
 * A Bot Framework conversation reference, stored as the platform gave it. Storage keeps it opaque (JSON):
 * only `bot/teams` knows its shape.
 */
export type StoredReference = Record<string, unknown>;

export interface TeamsPerson {
  aadObjectId: string;
  /** The Teams user id (`29:…`), needed to open a personal chat with them. */
  userId: string;
  name?: string;
  email?: string;
  tenantId?: string;
  serviceUrl: string;
  /** The personal chat with the bot, once installed there or spoken to. */
  personalReference?: StoredReference;
  /** When the roster was last asked for their e-mail (asked again after a day). */
  emailCheckedAt?: string;
}

export interface TeamsChannel {
  /** `19:…@thread.tacv2` for a team channel, the chat id for a group chat. */
  channelId: string;
  teamId?: string;
  kind: 'channel' | 'groupChat';
  reference: StoredReference;
  /** The department tied to it by `teams register`. */
  department?: string;
  registeredBy?: string;
}

interface PersonRow {
  aad_object_id: string;
  user_id: string;
  name: string | null;
  email: string | null;
  tenant_id: string | null;
  service_url: string;
  personal_reference: string | null;
  email_checked_at: string | null;
}

interface ChannelRow {
  channel_id: string;
  team_id: string | null;
  kind: TeamsChannel['kind'];
  reference: string;
  department: string | null;
  registered_by: string | null;
}

const toPerson = (r: PersonRow): TeamsPerson => ({
  aadObjectId: r.aad_object_id,
  userId: r.user_id,
  name: r.name ?? undefined,
  email: r.email ?? undefined,
  tenantId: r.tenant_id ?? undefined,
  serviceUrl: r.service_url,
  personalReference: r.personal_reference ? (JSON.parse(r.personal_reference) as StoredReference) : undefined,
  emailCheckedAt: r.email_checked_at ?? undefined,
});

const toChannel = (r: ChannelRow): TeamsChannel => ({
  channelId: r.channel_id,
  teamId: r.team_id ?? undefined,
  kind: r.kind,
  reference: JSON.parse(r.reference) as StoredReference,
  department: r.department ?? undefined,
  registeredBy: r.registered_by ?? undefined,
});

/**
 * Where the Teams bot can write on its own after a restart: each person it met (by Azure AD object id)
 * and each channel or group chat it was added to or spoken to in, with the department a channel serves.
 */
export class TeamsConversationRepository {
  private readonly upsertPerson;
  private readonly setPersonal;
  private readonly setEmail;
  private readonly personByAad;
  private readonly personByEmail;
  private readonly personByConversation;
  private readonly upsertChannel;
  private readonly channelById;
  private readonly channelByDepartment;
  private readonly clearDepartment;
  private readonly setDepartment;
  private readonly deleteChannel;
  private readonly clearPersonal;
  private readonly latest;
  private readonly transaction: (work: () => void) => void;

  constructor(db: Database) {
    this.upsertPerson = db.prepare(
      `INSERT INTO teams_people (aad_object_id, user_id, name, tenant_id, service_url, updated_at)
       VALUES (@aadObjectId, @userId, @name, @tenantId, @serviceUrl, @at)
       ON CONFLICT (aad_object_id) DO UPDATE SET user_id = excluded.user_id, name = COALESCE(excluded.name, teams_people.name),
         tenant_id = COALESCE(excluded.tenant_id, teams_people.tenant_id), service_url = excluded.service_url,
         updated_at = excluded.updated_at`,
    );
    this.setPersonal = db.prepare(
      `UPDATE teams_people SET personal_reference = ?, personal_conversation_id = ?, updated_at = ? WHERE aad_object_id = ?`,
    );
    this.setEmail = db.prepare('UPDATE teams_people SET email = COALESCE(?, email), email_checked_at = ? WHERE aad_object_id = ?');
    const personColumns =
      'aad_object_id, user_id, name, email, tenant_id, service_url, personal_reference, email_checked_at';
    this.personByAad = db.prepare(`SELECT ${personColumns} FROM teams_people WHERE aad_object_id = ?`);
    this.personByEmail = db.prepare(`SELECT ${personColumns} FROM teams_people WHERE email = ? ORDER BY updated_at DESC LIMIT 1`);
    this.personByConversation = db.prepare(`SELECT ${personColumns} FROM teams_people WHERE personal_conversation_id = ?`);
    this.clearPersonal = db.prepare(
      'UPDATE teams_people SET personal_reference = NULL, personal_conversation_id = NULL, updated_at = ? WHERE personal_conversation_id = ?',
    );
    this.upsertChannel = db.prepare(
      `INSERT INTO teams_channels (channel_id, team_id, kind, service_url, tenant_id, reference, updated_at)
       VALUES (@channelId, @teamId, @kind, @serviceUrl, @tenantId, @reference, @at)
       ON CONFLICT (channel_id) DO UPDATE SET team_id = COALESCE(excluded.team_id, teams_channels.team_id), kind = excluded.kind,
         service_url = excluded.service_url, tenant_id = COALESCE(excluded.tenant_id, teams_channels.tenant_id),
         reference = excluded.reference, updated_at = excluded.updated_at`,
    );
    const channelColumns = 'channel_id, team_id, kind, reference, department, registered_by';
    this.channelById = db.prepare(`SELECT ${channelColumns} FROM teams_channels WHERE channel_id = ?`);
    this.channelByDepartment = db.prepare(`SELECT ${channelColumns} FROM teams_channels WHERE department = ?`);
    this.clearDepartment = db.prepare('UPDATE teams_channels SET department = NULL, registered_by = NULL, registered_at = NULL WHERE department = ?');
    this.setDepartment = db.prepare('UPDATE teams_channels SET department = ?, registered_by = ?, registered_at = ? WHERE channel_id = ?');
    this.deleteChannel = db.prepare('DELETE FROM teams_channels WHERE channel_id = ?');
    this.latest = db.prepare(
      `SELECT reference, tenant_id AS tenantId FROM (
         SELECT personal_reference AS reference, tenant_id, updated_at FROM teams_people WHERE personal_reference IS NOT NULL
         UNION ALL SELECT reference, tenant_id, updated_at FROM teams_channels)
       ORDER BY updated_at DESC LIMIT 1`,
    );
    this.transaction = (work) => db.transaction(work).immediate();
  }

  /** Records a person the bot met anywhere; `personalReference` when it was in their personal chat. */
  rememberPerson(person: Omit<TeamsPerson, 'email' | 'emailCheckedAt' | 'personalReference'>, at: Date, personal?: { conversationId: string; reference: StoredReference }): void {
    this.transaction(() => {
      this.upsertPerson.run({
        aadObjectId: person.aadObjectId,
        userId: person.userId,
        name: person.name ?? null,
        tenantId: person.tenantId ?? null,
        serviceUrl: person.serviceUrl,
        at: at.toISOString(),
      });
      if (personal) this.setPersonal.run(JSON.stringify(personal.reference), personal.conversationId, at.toISOString(), person.aadObjectId);
    });
  }

  /** The roster answered (or failed to: `email` undefined); either way, don't ask again today. */
  recordEmail(aadObjectId: string, email: string | undefined, at: Date): void {
    this.setEmail.run(email?.toLowerCase() ?? null, at.toISOString(), aadObjectId);
  }

  person(aadObjectId: string): TeamsPerson | undefined {
    const row = this.personByAad.get(aadObjectId) as PersonRow | undefined;
    return row && toPerson(row);
  }

  personWithEmail(email: string): TeamsPerson | undefined {
    const row = this.personByEmail.get(email.toLowerCase()) as PersonRow | undefined;
    return row && toPerson(row);
  }

  personInConversation(conversationId: string): TeamsPerson | undefined {
    const row = this.personByConversation.get(conversationId) as PersonRow | undefined;
    return row && toPerson(row);
  }

  rememberChannel(channel: Omit<TeamsChannel, 'department' | 'registeredBy'> & { serviceUrl: string; tenantId?: string }, at: Date): void {
    this.upsertChannel.run({
      channelId: channel.channelId,
      teamId: channel.teamId ?? null,
      kind: channel.kind,
      serviceUrl: channel.serviceUrl,
      tenantId: channel.tenantId ?? null,
      reference: JSON.stringify(channel.reference),
      at: at.toISOString(),
    });
  }

  channel(channelId: string): TeamsChannel | undefined {
    const row = this.channelById.get(channelId) as ChannelRow | undefined;
    return row && toChannel(row);
  }

  /** The channel registered for a department, if any. */
  registeredChannel(department: string): TeamsChannel | undefined {
    const row = this.channelByDepartment.get(department) as ChannelRow | undefined;
    return row && toChannel(row);
  }

  /** Ties a channel to a department; a department has one Teams channel, so an earlier one is released. */
  register(channelId: string, department: string, by: string, at: Date): void {
    this.transaction(() => {
      this.clearDepartment.run(department);
      const changed = this.setDepartment.run(department, by, at.toISOString(), channelId).changes;
      if (changed !== 1) throw new Error(`Teams channel ${channelId} is not known`);
    });
  }

  /** The bot was removed from a channel or a personal chat: its reference no longer works. */
  forget(conversationId: string, at: Date): void {
    this.transaction(() => {
      this.deleteChannel.run(conversationId);
      this.clearPersonal.run(at.toISOString(), conversationId);
    });
  }

  /**
   * The reference Teams was last reached through: its service URL, bot account and tenant serve to open
   * a conversation the bot has no reference for yet (a channel named in the departments file, a person).
   */
  latestReference(): { reference: StoredReference; tenantId?: string } | undefined {
    const row = this.latest.get() as { reference: string; tenantId: string | null } | undefined;
    return row && { reference: JSON.parse(row.reference) as StoredReference, tenantId: row.tenantId ?? undefined };
  }
}
