import { agentRoute, anyAgentRoute } from './route';

/** Where the knowledge index stands: what the admin's re-index progress shows. */
export interface KnowledgeIndexStatus {
  /** `indexing` while a full (re)index runs; answers keep using the previous index meanwhile. */
  state: 'ready' | 'indexing';
  /** Published documents read so far by the running (or last) full index, of `total`. */
  done: number;
  total: number;
  /** Documents the bot answers from right now. */
  documents: number;
  /** When the last full index completed (ISO), or null before the first one. */
  lastIndexedAt: string | null;
  /**
   * With `redis`, one status per live instance (each holds its own index); the fields above then add up
   * their progress (`indexing` while any builds; `lastIndexedAt` is the oldest instance's).
   */
  instances?: Array<Omit<KnowledgeIndexStatus, 'instances'> & { instance: string }>;
}

/** GET /livechat/knowledge/status - Where the knowledge index stands (permission: read). */
export namespace GetKnowledgeStatus {
  export const route = anyAgentRoute<KnowledgeIndexStatus>()('GET', '/knowledge/status');
  export interface Response {
    data: KnowledgeIndexStatus;
  }
}

/** POST /livechat/knowledge/reindex - Starts a full re-index of published content (permission: manageKnowledge); answers 202 at once. */
export namespace StartKnowledgeReindex {
  export const route = agentRoute<KnowledgeIndexStatus>()('POST', '/knowledge/reindex', 'manageKnowledge');
  export interface Response {
    data: KnowledgeIndexStatus;
  }
}
