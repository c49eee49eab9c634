import type { Queryable } from './client.ts';

export interface NotificationRow {
  id: string;
  dossier_id: string;
  event: string;
  recipient: string;
  message: { ar: string; en: string };
  created_at: Date;
}

/** Inserts the notification unless the dossier already has one for this event; returns whether it was new. */
export async function insertNotificationOnce(db: Queryable, row: Omit<NotificationRow, 'created_at'>): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO notifications (id, dossier_id, event, recipient, message) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (dossier_id, event) DO NOTHING`,
    [row.id, row.dossier_id, row.event, row.recipient, JSON.stringify(row.message)],
  );
  return result.rowCount > 0;
}

export async function listNotifications(db: Queryable, dossierId: string): Promise<NotificationRow[]> {
  return (await db.query<NotificationRow>('SELECT * FROM notifications WHERE dossier_id = $1 ORDER BY created_at', [dossierId])).rows;
}
