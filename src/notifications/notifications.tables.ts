/** An in-app notification: to every user whose role holds `permission`, or to one user. */
export interface NotificationTable {
  id: string;
  atUs: number;
  kind: string;
  subjectKind: string | null;
  subjectId: string | null;
  /** JSON of the message parameters; the text is rendered in each reader's language. */
  params: string;
  permission: string | null;
  userId: string | null;
  emailedUs: number | null;
}

export interface NotificationReadTable {
  notificationId: string;
  userId: string;
  readUs: number;
}

export interface NotificationTables {
  notification: NotificationTable;
  notificationRead: NotificationReadTable;
}
